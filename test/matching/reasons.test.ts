import { planMatches } from '../../server/matching/matcher';
import { sharedTopics } from '../../server/matching/reasons';
import { listOf } from '../../shared/list';
import { group, NOW, seeker, tick } from './helpers';

describe('reasons', () => {
  it('explains a pair to each member in their own terms', () => {
    const plan = planMatches(
      tick([
        // Ana has waited longer, so her spelling of the shared topics is the one shown.
        seeker('ana', { solo: true, interests: ['Climbing', 'jazz'], asks: ['fundraising'], offers: ['design'], lookingSince: NOW - 1000 }),
        seeker('ben', { solo: true, interests: ['climbing ', 'Jazz'], offers: ['Fundraising'], asks: ['design'] }),
      ]),
    );
    const g = plan.groups[0]!;
    expect(g.reasons['ana']).toEqual([
      "You're both here on your own",
      'You both picked Climbing and jazz',
      'They can help with Fundraising, which you asked about',
      'You can help with design, which they asked about',
    ]);
    expect(g.reasons['ben']).toEqual([
      "You're both here on your own",
      'You both picked Climbing and jazz',
      'They can help with design, which you asked about',
      'You can help with Fundraising, which they asked about',
    ]);
  });

  it("shows shared topics in the longer waiter's spelling", () => {
    const plan = planMatches(
      tick([seeker('a', { interests: ['board games'] }), seeker('b', { interests: ['Board Games'], lookingSince: NOW - 1000 })]),
    );
    expect(plan.groups[0]!.memberIds[0]).toBe('b');
    expect(plan.groups[0]!.sharedTopics).toEqual(['Board Games']);
  });

  it('says something even when two people have nothing in common', () => {
    const plan = planMatches(tick([seeker('a'), seeker('b')]));
    expect(plan.groups[0]!.reasons['a']).toEqual(['You were both looking to meet someone new']);
  });

  it('points out an interest few people here picked', () => {
    const others = Array.from({ length: 12 }, (_, k) => seeker(`x${k}`, { interests: ['ai'] }));
    const plan = planMatches(
      tick([seeker('a', { interests: ['birdwatching', 'ai'] }), seeker('b', { interests: ['birdwatching'] }), ...others]),
    );
    const g = plan.groups.find((x) => x.memberIds.includes('a'))!;
    expect(g.memberIds).toContain('b');
    expect(g.reasons['a']).toContain('Not many people here picked birdwatching');
  });

  it('explains a join to the newcomer', () => {
    const plan = planMatches(
      tick([seeker('a', { solo: true, interests: ['chess'], asks: ['hiring'], offers: ['legal'] })], {
        active: [
          group('c1', [seeker('x', { solo: true, interests: ['Chess'], offers: ['hiring'] }), seeker('y', { asks: ['legal'] })], {
            open: true,
          }),
        ],
      }),
    );
    expect(plan.joins[0]!.reasons).toEqual([
      "You're joining a circle that's open to one more",
      'Someone there is on their own too',
      'You share chess with the group',
      'Someone there can help with hiring, which you asked about',
      'You can help with legal, which someone there asked about',
    ]);
    expect(plan.joins[0]!.sharedTopics).toEqual(['chess']);
  });

  it('explains a trio, saying whether the pair have met yet', () => {
    const joining = (status: 'matched' | 'chatting') =>
      planMatches(
        tick([seeker('a', { lookingSince: NOW - 30_000 })], {
          active: [group('m1', ['x', 'y'], { status, createdAt: NOW - 10_000 })],
        }),
      ).joins[0]!.reasons;
    expect(joining('matched')).toEqual([
      "You're joining a pair who are finding each other now, as a third, so you don't have to wait longer",
    ]);
    expect(joining('chatting')).toEqual([
      "You're joining a pair who just met, as a third, so you don't have to wait longer",
    ]);
  });
});

describe('reason helpers', () => {
  it('lists in plain English', () => {
    expect(listOf([])).toBe('');
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b'])).toBe('a and b');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('sets right-to-left names and topics apart, so the commas and "and" stay where they belong', () => {
    expect(listOf(['محمد', 'سارة', 'Bob'])).toBe('\u2068محمد\u2069, \u2068سارة\u2069 and Bob');
    expect(listOf(['כדורגל', 'Jazz'])).toBe('\u2068כדורגל\u2069 and Jazz');
    expect(listOf(['Zoë', '李', 'Ana 🎉'])).toBe('Zoë, 李 and Ana 🎉');
  });

  it('keeps the first list’s spelling, once per topic, rarest first when told', () => {
    expect(sharedTopics(['Jazz', 'jazz ', 'AI'], ['ai', 'JAZZ'])).toEqual(['Jazz', 'AI']);
    expect(sharedTopics(['Jazz', 'AI'], ['ai', 'jazz'], (t) => (t === 'AI' ? 1 : 0))).toEqual(['AI', 'Jazz']);
  });

  it('never counts topics with nothing visible in them as shared (stored before they were refused)', () => {
    expect(sharedTopics(['\u200b', 'Go'], ['\u0301', 'go'])).toEqual(['Go']);
    const plan = planMatches(tick([seeker('a', { interests: ['\u200b'] }), seeker('b', { interests: ['\u3164'] })]));
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]!.sharedTopics).toEqual([]);
    expect(plan.groups[0]!.reasons.a!.join(' ')).not.toMatch(/picked/);
  });
});
