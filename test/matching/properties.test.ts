import fc from 'fast-check';
import { planMatches } from '../../server/matching/matcher';
import { pairKey, pairSet } from '../../server/matching/pairs';
import type { ActiveGroup, MatchInput, MatchPlan, Seeker } from '../../server/matching/types';
import { checkPlan } from './check';
import { NOW } from './helpers';

// Small pools, so that shared topics, repeats, blocks and clashes with groups are common.
const IDS = Array.from({ length: 14 }, (_, k) => `p${k}`);
const MEMBER_IDS = [...Array.from({ length: 6 }, (_, k) => `m${k}`), 'p0', 'p1'];
const TOPICS = ['jazz', 'Jazz ', 'chess', 'ai', 'AI', 'climbing', 'film', 'go'];
const SKILLS = ['hiring', 'design', 'Design', 'legal'];

const topics = (pool: string[]) => fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 4 });
const seekerArb = (id: string): fc.Arbitrary<Seeker> =>
  fc.record({
    id: fc.constant(id),
    interests: topics(TOPICS),
    solo: fc.boolean(),
    offers: topics(SKILLS),
    asks: topics(SKILLS),
    lookingSince: fc.integer({ min: NOW - 60_000, max: NOW }),
    connected: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });
const pairArb = (ids: string[]) => fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids));
const groupArb = (id: string): fc.Arbitrary<ActiveGroup> =>
  fc.record({
    id: fc.constant(id),
    members: fc
      .uniqueArray(fc.constantFrom(...MEMBER_IDS), { minLength: 1, maxLength: 5 })
      .chain((ids) => fc.tuple(...ids.map((m) => seekerArb(m)))),
    status: fc.constantFrom('matched' as const, 'chatting' as const),
    createdAt: fc.integer({ min: NOW - 400_000, max: NOW }),
    open: fc.boolean(),
    arriving: fc.constantFrom(0, 0, 1),
  });

/** One event's tick: its seekers (some ids repeated), history, active matches and options. */
const anyInputArb: fc.Arbitrary<MatchInput> = fc.record({
  seekers: fc
    .array(fc.constantFrom(...IDS), { maxLength: 14 })
    .chain((ids) => (ids.length ? fc.tuple(...ids.map(seekerArb)) : fc.constant([] as Seeker[]))),
  active: fc
    .oneof(fc.constant(0), fc.integer({ min: 0, max: 4 }))
    .chain((k) => (k ? fc.tuple(...Array.from({ length: k }, (_, g) => groupArb(`g${g}`))) : fc.constant([]))),
  history: fc.record({
    // Mostly among the seekers themselves, so that repeats are often the only choice left.
    met: fc.array(fc.oneof(pairArb(IDS.slice(0, 6)), pairArb([...IDS, ...MEMBER_IDS])), { maxLength: 30 }),
    blocked: fc.array(pairArb([...IDS, ...MEMBER_IDS]), { maxLength: 8 }),
    cooldown: fc.array(pairArb([...IDS, ...MEMBER_IDS]), { maxLength: 4 }),
  }),
  options: fc.record({
    now: fc.constant(NOW),
    seed: fc.integer(),
    trioAfterMs: fc.constantFrom(0, 10_000, 20_000, 45_000),
    recentMatchMs: fc.constantFrom(60_000, 300_000),
    unconfirmedTrioMs: fc.constantFrom(30_000, 90_000),
    maxGroupSize: fc.integer({ min: 2, max: 6 }),
    trios: fc.boolean(),
  }),
});

/** A tense little tick: a few seekers who have mostly met, few groups, long waits. */
const FEW = IDS.slice(0, 5);
const tenseInputArb: fc.Arbitrary<MatchInput> = anyInputArb.chain((base) =>
  fc.record({
    seekers: fc.uniqueArray(fc.constantFrom(...FEW), { minLength: 2, maxLength: 5 }).chain((ids) => fc.tuple(...ids.map(seekerArb))),
    active: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom('t0', 't1', 't2'),
        members: fc.uniqueArray(fc.constantFrom(...FEW), { minLength: 2, maxLength: 2 }).chain((ids) => fc.tuple(...ids.map(seekerArb))),
        status: fc.constantFrom('matched' as const, 'chatting' as const),
        createdAt: fc.integer({ min: NOW - 100_000, max: NOW }),
        open: fc.boolean(),
      }),
      { maxLength: 2, selector: (g) => g.id },
    ),
    history: fc.record({
      met: fc.array(pairArb(FEW), { maxLength: 10 }),
      blocked: fc.array(pairArb(FEW), { maxLength: 2 }),
      cooldown: fc.constant([] as Array<[string, string]>),
    }),
    options: fc.constant(base.options),
  }),
);
const inputArb = fc.oneof(anyInputArb, tenseInputArb);

/** A fixed seed keeps CI repeatable; FUZZ_SEED / FUZZ_RUNS hunt for new failures locally. */
const FUZZ = { seed: Number(process.env.FUZZ_SEED ?? 20260101), numRuns: Number(process.env.FUZZ_RUNS ?? 1500) };

describe('planMatches properties', () => {
  it('keeps every rule on random crowds and histories', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        checkPlan(input, planMatches(input));
      }),
      FUZZ,
    );
  });

  it('covers the interesting cases (the generators are not too tame)', () => {
    const seen = { trio: 0, circle: 0, repeat: 0, waiting: 0, metJoin: 0 };
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planMatches(input);
        const met = pairSet(input.history.met);
        seen.trio += plan.joins.filter((j) => j.kind === 'trio').length;
        seen.circle += plan.joins.filter((j) => j.kind === 'circle').length;
        seen.repeat += plan.groups.filter((g) => g.repeat).length;
        seen.waiting += plan.waiting.length;
        seen.metJoin += plan.joins.filter((j) =>
          input.active.find((g) => g.id === j.matchId)!.members.some((m) => met.has(pairKey(m.id, j.attendeeId))),
        ).length;
      }),
      { seed: 20260101, numRuns: 500 },
    );
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(5);
  });

  it('catches a plan that breaks a rule', () => {
    const input: MatchInput = {
      seekers: [
        { id: 'a', interests: [], solo: false, offers: [], asks: [], lookingSince: NOW, connected: true },
        { id: 'b', interests: [], solo: false, offers: [], asks: [], lookingSince: NOW, connected: true },
      ],
      active: [],
      history: { met: [], blocked: [['a', 'b']], cooldown: [] },
      options: { now: NOW, seed: 1, trioAfterMs: 20_000, recentMatchMs: 300_000, unconfirmedTrioMs: 90_000, maxGroupSize: 4, trios: true },
    };
    const bad: MatchPlan = {
      groups: [{ memberIds: ['a', 'b'], score: 1, sharedTopics: [], reasons: { a: ['x'], b: ['x'] }, repeat: false }],
      joins: [],
      waiting: [],
    };
    expect(() => checkPlan(input, bad)).toThrow('never self, blocked or on cooldown');
    expect(() => checkPlan(input, { groups: [], joins: [], waiting: ['a'] })).toThrow('every connected seeker');
  });

  it('is deterministic for a given seed, whatever order seekers and matches are given in', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        // One record per id, as the store gives them (of repeats, the matcher keeps the first).
        input = { ...input, seekers: input.seekers.filter((s, k) => input.seekers.findIndex((o) => o.id === s.id) === k) };
        const reordered = structuredClone(input);
        reordered.seekers.reverse();
        reordered.active.reverse();
        const [a, b] = [planMatches(input), planMatches(reordered)];
        expect(b.groups).toEqual(a.groups);
        expect(b.joins).toEqual(a.joins);
        // Those waiting are listed in the order given.
        expect([...b.waiting].reverse()).toEqual(a.waiting);
      }),
      { seed: 99, numRuns: 200 },
    );
  });

  it('does not depend on earlier ticks (the working arrays and topic keys are reused)', () => {
    // A tick of 600 seekers leaves larger, filled working arrays behind for the smaller ones.
    const crowd = (n: number, seed: number): MatchInput => ({
      seekers: Array.from({ length: n }, (_, k) => ({
        id: `b${k}`,
        interests: [TOPICS[(k * seed) % TOPICS.length]!, TOPICS[(k * 7) % TOPICS.length]!],
        solo: k % 3 === 0,
        offers: [SKILLS[k % SKILLS.length]!],
        asks: [SKILLS[(k + seed) % SKILLS.length]!],
        lookingSince: NOW - ((k * seed) % 30) * 1000,
        connected: true,
      })),
      active: [],
      history: { met: [['b1', 'b2']], blocked: [['b3', 'b4']], cooldown: [] },
      options: { now: NOW, seed, trioAfterMs: 20_000, recentMatchMs: 300_000, unconfirmedTrioMs: 90_000, maxGroupSize: 4, trios: true },
    });
    const big = crowd(600, 5);
    const mid = crowd(150, 3);
    const before = planMatches(mid);
    planMatches(big);
    expect(planMatches(crowd(150, 3))).toEqual(before);
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = planMatches(input);
        planMatches(big);
        expect(planMatches(structuredClone(input))).toEqual(first);
      }),
      { seed: 7, numRuns: 30 },
    );
  });
});
