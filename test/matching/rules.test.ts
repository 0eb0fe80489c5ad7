import { planMatches } from '../../server/matching/matcher';
import { group, NOW, pairsOf, seeker, tick } from './helpers';

const waited = (ms: number) => ({ lookingSince: NOW - ms });

describe('planMatches: who is paired', () => {
  it('pairs two people', () => {
    const plan = planMatches(tick([seeker('a'), seeker('b')]));
    expect(pairsOf(plan)).toEqual(['a|b']);
    expect(plan.waiting).toEqual([]);
    expect(plan.joins).toEqual([]);
  });

  it('pairs people on their own with each other first', () => {
    const plan = planMatches(
      tick([
        seeker('solo1', { solo: true, interests: ['chess'] }),
        seeker('group1', { interests: ['chess', 'jazz'] }),
        seeker('solo2', { solo: true, interests: ['jazz'] }),
        seeker('group2', { interests: ['chess', 'jazz'] }),
      ]),
    );
    expect(pairsOf(plan)).toEqual(['group1|group2', 'solo1|solo2']);
  });

  it('prefers more (and rarer) shared interests', () => {
    const plan = planMatches(
      tick([
        seeker('a', { interests: ['climbing', 'jazz'] }),
        seeker('b', { interests: ['climbing', 'jazz'] }),
        seeker('c', { interests: ['chess'] }),
        seeker('d', { interests: ['chess'] }),
      ]),
    );
    expect(pairsOf(plan)).toEqual(['a|b', 'c|d']);
  });

  it('pairs complementary needs', () => {
    const plan = planMatches(
      tick([
        seeker('founder', { asks: ['fundraising'] }),
        seeker('designer', { asks: ['hiring'] }),
        seeker('investor', { offers: ['fundraising'] }),
        seeker('recruiter', { offers: ['hiring'] }),
      ]),
    );
    expect(pairsOf(plan)).toEqual(['designer|recruiter', 'founder|investor']);
  });

  it('lets the longest waiter in when not everyone can be paired', () => {
    const plan = planMatches(
      tick([seeker('new1'), seeker('old', waited(15_000)), seeker('new2')], { options: { trios: false } }),
    );
    expect(plan.groups[0]!.memberIds).toContain('old');
    expect(plan.waiting).toHaveLength(1);
  });

  it('lets waiting outweigh even the solo bonus in the end', () => {
    const crowd = (ms: number) => [
      seeker('s1', { solo: true }),
      seeker('s2', { solo: true }),
      seeker('x', waited(ms)),
    ];
    const early = planMatches(tick(crowd(5_000), { options: { trios: false } }));
    expect(early.waiting).toEqual(['x']);
    const late = planMatches(tick(crowd(10 * 60_000), { options: { trios: false } }));
    expect(late.waiting).not.toContain('x');
  });

  it('never places a blocked pair or a pair on cooldown', () => {
    const plan = planMatches(
      tick([seeker('a'), seeker('b'), seeker('c')], {
        history: { blocked: [['a', 'b']], cooldown: [['b', 'c']] },
        options: { trios: false },
      }),
    );
    expect(pairsOf(plan)).toEqual(['a|c']);
    const alone = planMatches(
      tick([seeker('a', waited(600_000)), seeker('b', waited(600_000))], { history: { blocked: [['b', 'a']] } }),
    );
    expect(alone.groups).toEqual([]);
    expect(alone.waiting.sort()).toEqual(['a', 'b']);
  });

  it('avoids people who met earlier while anyone else is free', () => {
    const plan = planMatches(
      tick(
        [
          seeker('a', { interests: ['jazz', 'chess'] }),
          seeker('b', { interests: ['jazz', 'chess'] }),
          seeker('c'),
          seeker('d'),
        ],
        { history: { met: [['a', 'b']] } },
      ),
    );
    expect(pairsOf(plan)).not.toContain('a|b');
    expect(plan.groups).toHaveLength(2);
    expect(plan.groups.every((g) => !g.repeat)).toBe(true);
  });

  it('pairs people who met again only when nobody new is free and both have waited', () => {
    const met = { history: { met: [['a', 'b']] as Array<[string, string]> } };
    const soon = planMatches(tick([seeker('a'), seeker('b')], met));
    expect(soon.groups).toEqual([]);
    const later = planMatches(tick([seeker('a', waited(25_000)), seeker('b', waited(25_000))], met));
    expect(pairsOf(later)).toEqual(['a|b']);
    expect(later.groups[0]!.repeat).toBe(true);
    expect(later.groups[0]!.reasons['a']).toContain("You've been matched before, and nobody new is free right now");
  });

  it('places only connected seekers, once each, never with themselves', () => {
    const plan = planMatches(
      tick([seeker('a'), seeker('a'), seeker('off', { connected: false }), seeker('b')]),
    );
    expect(pairsOf(plan)).toEqual(['a|b']);
    expect(plan.waiting).toEqual([]);
    const single = planMatches(tick([seeker('a'), seeker('a')]));
    expect(single.groups).toEqual([]);
    expect(single.waiting).toEqual(['a']);
  });

  it('gives the same plan for the same input', () => {
    const crowd = Array.from({ length: 30 }, (_, k) => seeker(`p${k}`, { interests: [`t${k % 4}`], solo: k % 3 === 0 }));
    expect(planMatches(tick(crowd))).toEqual(planMatches(tick(crowd)));
  });
});

describe('planMatches: trios', () => {
  const recentPair = (over = {}) => group('m1', ['x', 'y'], { status: 'matched', createdAt: NOW - 30_000, ...over });

  it('sends a leftover who has waited past trioAfterMs to a recent pair as a third', () => {
    const plan = planMatches(tick([seeker('a', waited(25_000))], { active: [recentPair()] }));
    expect(plan.joins).toEqual([
      expect.objectContaining({ matchId: 'm1', attendeeId: 'a', kind: 'trio' }),
    ]);
    expect(plan.waiting).toEqual([]);
  });

  it('does the same for the one left over after a tick forms pairs', () => {
    const plan = planMatches(
      tick([seeker('a', waited(25_000)), seeker('b', waited(24_000)), seeker('c', waited(23_000))], {
        active: [recentPair()],
      }),
    );
    expect(plan.groups).toHaveLength(1);
    expect(plan.joins).toHaveLength(1);
    expect(plan.waiting).toEqual([]);
    // The newest is the one left over; having waited only 5 s, they wait for someone new.
    const newest = planMatches(tick([seeker('a', waited(25_000)), seeker('b'), seeker('c', waited(5_000))], { active: [recentPair()] }));
    expect(newest.groups[0]!.memberIds).toContain('a');
    expect(newest.joins).toEqual([]);
    expect(newest.waiting).toHaveLength(1);
  });

  it('forms no trio before trioAfterMs, when trios are off, or when someone new can pair', () => {
    expect(planMatches(tick([seeker('a', waited(5_000))], { active: [recentPair()] })).joins).toEqual([]);
    const off = planMatches(tick([seeker('a', waited(25_000))], { active: [recentPair()], options: { trios: false } }));
    expect(off.joins).toEqual([]);
    const two = planMatches(tick([seeker('a', waited(25_000)), seeker('b')], { active: [recentPair()] }));
    expect(two.joins).toEqual([]);
    expect(pairsOf(two)).toEqual(['a|b']);
  });

  it('only joins recent pairs that are matched or chatting', () => {
    const a = seeker('a', waited(25_000));
    for (const g of [
      recentPair({ createdAt: NOW - 400_000 }),
      group('m1', ['x', 'y', 'z'], { createdAt: NOW - 30_000 }),
    ]) {
      expect(planMatches(tick([a], { active: [g] })).joins).toEqual([]);
    }
  });

  it('joins a pair that has not found each other yet only while it has time left', () => {
    const a = seeker('a', waited(25_000));
    const at = (ageMs: number, status: 'matched' | 'chatting') =>
      planMatches(tick([a], { active: [recentPair({ createdAt: NOW - ageMs, status })], options: { unconfirmedTrioMs: 90_000 } })).joins;
    expect(at(89_000, 'matched')).toHaveLength(1);
    // About to time out: the third would be sent back to idle with the pair moments later.
    expect(at(91_000, 'matched')).toEqual([]);
    // A pair that has met does not time out, so it stays on offer for `recentMatchMs`.
    expect(at(91_000, 'chatting')).toHaveLength(1);
  });

  it('picks the best-fitting recent pair', () => {
    const a = seeker('a', { ...waited(25_000), interests: ['birdwatching'] });
    const plan = planMatches(
      tick([a], {
        active: [
          group('plain', ['x', 'y'], { status: 'matched', createdAt: NOW - 30_000 }),
          group('birds', ['u', seeker('v', { interests: ['Birdwatching'] })], { status: 'matched', createdAt: NOW - 30_000 }),
        ],
      }),
    );
    expect(plan.joins[0]!.matchId).toBe('birds');
    expect(plan.joins[0]!.sharedTopics).toEqual(['birdwatching']);
  });

  it('never joins a pair with someone blocked, and avoids someone met while another pair is free', () => {
    const a = seeker('a', waited(25_000));
    const blocked = planMatches(tick([a], { active: [recentPair()], history: { blocked: [['a', 'x']] } }));
    expect(blocked.joins).toEqual([]);
    const met = planMatches(
      tick([a], {
        active: [recentPair(), group('m2', ['u', 'v'], { status: 'matched', createdAt: NOW - 30_000 })],
        history: { met: [['a', 'x']] },
      }),
    );
    expect(met.joins[0]!.matchId).toBe('m2');
    const onlyMet = planMatches(tick([a], { active: [recentPair()], history: { met: [['a', 'x']] } }));
    expect(onlyMet.joins[0]!.matchId).toBe('m1');
    expect(onlyMet.joins[0]!.reasons).toContain("You've been matched with someone there before; nobody new is free right now");
  });

  it('puts one newcomer at most into each pair', () => {
    const plan = planMatches(
      tick([seeker('a', waited(25_000)), seeker('b', waited(25_000))], {
        active: [recentPair()],
        history: { blocked: [['a', 'b']] },
      }),
    );
    expect(plan.joins).toHaveLength(1);
    expect(plan.waiting).toHaveLength(1);
  });
});

describe('planMatches: open circles', () => {
  const circle = (over = {}) => group('c1', ['x', 'y', 'z'].map((id) => seeker(id, { interests: ['chess'] })), { open: true, ...over });

  it('takes someone who would otherwise wait', () => {
    const plan = planMatches(tick([seeker('a')], { active: [circle()] }));
    expect(plan.joins).toEqual([expect.objectContaining({ matchId: 'c1', attendeeId: 'a', kind: 'circle' })]);
    expect(plan.joins[0]!.reasons[0]).toBe("You're joining a circle that's open to one more");
  });

  it('does not take someone who has a pair on offer, unless the circle fits much better', () => {
    const pairFirst = planMatches(tick([seeker('a'), seeker('b')], { active: [circle()] }));
    expect(pairsOf(pairFirst)).toEqual(['a|b']);
    expect(pairFirst.joins).toEqual([]);
    const fan = seeker('fan', { interests: ['go', 'shogi', 'chess'] });
    const circleOfFans = group('c1', ['x', 'y'].map((id) => seeker(id, { interests: ['go', 'shogi'] })), { open: true });
    const strong = planMatches(tick([fan, seeker('b'), seeker('c')], { active: [circleOfFans] }));
    expect(strong.joins).toEqual([expect.objectContaining({ attendeeId: 'fan', matchId: 'c1' })]);
    expect(pairsOf(strong)).toEqual(['b|c']);
  });

  it('never pulls a solo+solo pair apart for a circle', () => {
    const fan = seeker('fan', { solo: true, interests: ['go', 'shogi'] });
    const circleOfFans = group('c1', ['x', 'y'].map((id) => seeker(id, { interests: ['go', 'shogi'] })), { open: true });
    const plan = planMatches(tick([fan, seeker('b', { solo: true })], { active: [circleOfFans] }));
    expect(pairsOf(plan)).toEqual(['b|fan']);
  });

  it('grows a circle by one more, however much room maxGroupSize leaves', () => {
    const plan = planMatches(
      tick([seeker('a'), seeker('b'), seeker('c')], {
        active: [circle()],
        history: { blocked: [['a', 'b'], ['a', 'c'], ['b', 'c']] },
      }),
    );
    expect(plan.joins).toHaveLength(1);
    expect(plan.waiting).toHaveLength(2);
    // Two who each fit the circle strongly (two rare shared interests, nothing with anyone else):
    // room for two more, but "open to one more" takes one.
    const fans = group('c1', [seeker('x', { interests: ['go', 'shogi'] }), seeker('y', { interests: ['xiangqi', 'janggi'] }), 'z'], { open: true });
    const crowd = [seeker('a', { interests: ['go', 'shogi'] }), seeker('b', { interests: ['xiangqi', 'janggi'] }), seeker('c')];
    const bigger = planMatches(tick(crowd, { active: [fans], options: { maxGroupSize: 5 } }));
    expect(bigger.joins.filter((j) => j.matchId === 'c1')).toHaveLength(1);
  });

  it('offers no circle with someone still on their way to it', () => {
    const walking = planMatches(tick([seeker('a')], { active: [circle({ arriving: 1 })], options: { maxGroupSize: 5 } }));
    expect(walking.joins).toEqual([]);
    expect(walking.waiting).toEqual(['a']);
  });

  it('never sends two who are blocked, on cooldown or met before to the same circle', () => {
    for (const history of [{ blocked: [['a', 'b']] }, { cooldown: [['a', 'b']] }, { met: [['a', 'b']] }] as const) {
      const plan = planMatches(
        tick([seeker('a', waited(5_000)), seeker('b')], {
          active: [circle()],
          history: history as unknown as Parameters<typeof tick>[1] extends { history?: infer H } ? H : never,
          options: { maxGroupSize: 5 },
        }),
      );
      expect(plan.joins.map((j) => j.attendeeId)).toEqual(['a']);
      expect(plan.waiting).toEqual(['b']);
    }
  });

  it('only opens circles that are chatting and open', () => {
    expect(planMatches(tick([seeker('a')], { active: [circle({ open: false })] })).joins).toEqual([]);
    expect(planMatches(tick([seeker('a')], { active: [circle({ status: 'matched' })] })).joins).toEqual([]);
  });
});
