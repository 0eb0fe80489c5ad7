import fc from 'fast-check';
import { planMatches } from '../../server/matching/matcher';
import { pairKey, pairSet } from '../../server/matching/pairs';
import type { ActiveGroup, MatchInput, Seeker } from '../../server/matching/types';
import { defaultMatchOptions } from '../../server/matching/types';
import { WEIGHTS } from '../../server/matching/weights';
import { checkPlan } from './check';
import { NOW } from './helpers';

const TICK_MS = 20_000;
const TICKS = 45;
const ARRIVING_TICKS = 35;
const MATCH_TICKS = 3;
/**
 * How long anyone can be left out while someone they may meet is looking too: until their
 * waiting outweighs the most any other pair could score over any pair with them (base plus
 * twice the largest fit), plus the trio wait and a tick of slack either side.
 */
const MAX_FIT = WEIGHTS.bothSolo + WEIGHTS.sharedTopicsCap + WEIGHTS.complementCap;
const BOUND_TICKS =
  Math.ceil(((WEIGHTS.base + 2 * MAX_FIT) * 1000) / WEIGHTS.waitPerSecond / TICK_MS) +
  Math.ceil(defaultMatchOptions.trioAfterMs / TICK_MS) +
  2;

const profileArb = fc.record({
  interests: fc.uniqueArray(fc.constantFrom('jazz', 'chess', 'ai', 'film', 'go'), { maxLength: 3 }),
  solo: fc.boolean(),
  offers: fc.uniqueArray(fc.constantFrom('hiring', 'design'), { maxLength: 1 }),
  asks: fc.uniqueArray(fc.constantFrom('hiring', 'design'), { maxLength: 1 }),
});
const simArb = fc.record({
  /** Profiles of the people who arrive at each tick (0-3 a tick). */
  arrivals: fc.array(fc.array(profileArb, { maxLength: 3 }), { minLength: ARRIVING_TICKS, maxLength: ARRIVING_TICKS }),
  /** Index pairs of arrivals who blocked each other. */
  blocks: fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { maxLength: 25 }),
  /** Whether each person looks again after their match ends. */
  returns: fc.array(fc.boolean(), { minLength: 110, maxLength: 110 }),
  trios: fc.boolean(),
  openCircles: fc.boolean(),
});

/**
 * Runs ticks of one event: people arrive and look, the matched leave to meet for a few ticks
 * (their matches are the active groups, open as circles if asked), and then may look again,
 * now with history. Checks every plan, and that nobody who keeps looking is left out for more
 * than BOUND_TICKS in a row while someone they may be paired with is looking too.
 */
type Sim = typeof simArb extends fc.Arbitrary<infer T> ? T : never;
function simulate(sim: Sim): void {
  const looking = new Map<string, Seeker>();
  const profiles = new Map<string, Seeker>();
  const ending = new Map<string, number>();
  let active: ActiveGroup[] = [];
  const met: Array<[string, string]> = [];
  const blocked = sim.blocks.map(([a, b]) => [`p${a}`, `p${b}`] as [string, string]);
  const never = pairSet(blocked);
  const streak = new Map<string, number>();
  let arrived = 0;

  for (let t = 0; t < TICKS; t++) {
    const now = NOW + t * TICK_MS;
    for (const profile of sim.arrivals[t] ?? []) {
      const id = `p${arrived++}`;
      const s: Seeker = { id, ...profile, lookingSince: now, connected: true };
      profiles.set(id, s);
      looking.set(id, s);
    }
    // Matches end after MATCH_TICKS; their people may look again.
    for (const g of active.filter((g) => ending.get(g.id)! <= t)) {
      for (const m of g.members) {
        const n = Number(m.id.slice(1));
        if (sim.returns[n % sim.returns.length]) looking.set(m.id, { ...profiles.get(m.id)!, lookingSince: now });
      }
    }
    active = active.filter((g) => ending.get(g.id)! > t);

    const input: MatchInput = {
      seekers: [...looking.values()],
      active,
      history: { met: [...met], blocked, cooldown: [] },
      options: { ...defaultMatchOptions, now, seed: t, trios: sim.trios },
    };
    const plan = planMatches(input);
    checkPlan(input, plan);

    plan.groups.forEach((g, k) => {
      const id = `m${t}-${k}`;
      for (const m of g.memberIds) looking.delete(m);
      met.push([g.memberIds[0]!, g.memberIds[1]!]);
      const members = g.memberIds.map((m) => profiles.get(m)!);
      active.push({ id, members, status: 'chatting', createdAt: now, open: sim.openCircles });
      ending.set(id, t + MATCH_TICKS);
    });
    for (const j of plan.joins) {
      const g = active.find((x) => x.id === j.matchId)!;
      for (const m of g.members) met.push([m.id, j.attendeeId]);
      g.members.push(profiles.get(j.attendeeId)!);
      looking.delete(j.attendeeId);
    }

    // Streaks: ticks in a row left waiting while someone they may be paired with was looking.
    for (const id of plan.waiting) {
      const someone = input.seekers.some((s) => s.id !== id && !never.has(pairKey(s.id, id)));
      streak.set(id, someone ? (streak.get(id) ?? 0) + 1 : 0);
      if ((streak.get(id) ?? 0) > BOUND_TICKS) {
        throw new Error(`${id} left out for ${streak.get(id)} ticks while others were looking`);
      }
    }
    for (const id of streak.keys()) if (!looking.has(id)) streak.delete(id);
  }
}

describe('matching over many ticks', () => {
  it('keeps every rule, and leaves nobody out for long while someone they may meet is looking', () => {
    expect(BOUND_TICKS).toBeLessThan(TICKS);
    fc.assert(fc.property(simArb, simulate), { seed: 4242, numRuns: 120 });
  });

  it('leaves at most one person waiting, and only until a recent pair can take them', () => {
    // Everyone may meet everyone, nobody returns: the only wait is for a partner or the trio wait.
    fc.assert(
      fc.property(simArb, (sim) => {
        const looking = new Map<string, number>();
        let arrived = 0;
        let active: ActiveGroup[] = [];
        for (let t = 0; t < TICKS; t++) {
          const now = NOW + t * TICK_MS;
          for (let k = 0; k < (sim.arrivals[t]?.length ?? 0); k++) looking.set(`p${arrived++}`, now);
          const seekers = [...looking].map(([id, since]) => ({
            id,
            interests: [],
            solo: true,
            offers: [],
            asks: [],
            lookingSince: since,
            connected: true,
          }));
          // These pairs never confirm, so they take a third only while they have time left.
          const { recentMatchMs, unconfirmedTrioMs } = defaultMatchOptions;
          active = active.filter((g) => now - g.createdAt <= Math.min(recentMatchMs, unconfirmedTrioMs));
          const plan = planMatches({
            seekers,
            active,
            history: { met: [], blocked: [], cooldown: [] },
            options: { ...defaultMatchOptions, now, seed: t, trios: true },
          });
          expect(plan.waiting.length).toBeLessThanOrEqual(1);
          for (const id of plan.waiting) {
            const pastTrioWait = now - looking.get(id)! >= defaultMatchOptions.trioAfterMs;
            const pairs = active.filter((g) => g.members.length === 2);
            expect(pastTrioWait && pairs.length > 0).toBe(false);
          }
          for (const j of plan.joins) active.find((g) => g.id === j.matchId)!.members.push(seekers.find((s) => s.id === j.attendeeId)!);
          plan.groups.forEach((g, k) => {
            const members = seekers.filter((s) => g.memberIds.includes(s.id));
            active.push({ id: `m${t}-${k}`, members, status: 'matched', createdAt: now, open: false });
          });
          for (const id of [...plan.groups.flatMap((g) => g.memberIds), ...plan.joins.map((j) => j.attendeeId)]) {
            looking.delete(id);
          }
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});
