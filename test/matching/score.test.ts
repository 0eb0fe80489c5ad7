import { buildCrowd } from '../../server/matching/crowd';
import { pairScore, pairScoreParts, rarity } from '../../server/matching/score';
import { GROUP_RULES, WEIGHTS } from '../../server/matching/weights';
import { NOW, seeker, tick } from './helpers';

/** Score parts of the pair (a, b) in a tick with these seekers. */
function parts(seekers: ReturnType<typeof seeker>[], a = 'a', b = 'b') {
  const c = buildCrowd(tick(seekers));
  return pairScoreParts(c, c.indexOf.get(a)!, c.indexOf.get(b)!);
}

describe('weights', () => {
  it('keeps two people on their own dominant: solo+solo outweighs twice the most interests and needs add', () => {
    expect(WEIGHTS.bothSolo).toBeGreaterThan(2 * (WEIGHTS.sharedTopicsCap + WEIGHTS.complementCap));
  });

  it('makes every allowed pair worth more than leaving both waiting', () => {
    expect(WEIGHTS.base).toBeGreaterThan(0);
  });

  it('asks more of a strong circle fit than of a pair with nothing in common', () => {
    expect(GROUP_RULES.strongCircleFit).toBeGreaterThan(0);
  });
});

describe('rarity', () => {
  it('is 1 for an interest only the two picked and 0 for one everybody picked', () => {
    expect(rarity(100, 2)).toBeCloseTo(1);
    expect(rarity(100, 100)).toBeLessThan(0.01);
  });

  it('falls as more people pick the interest', () => {
    expect(rarity(50, 3)).toBeGreaterThan(rarity(50, 10));
    expect(rarity(50, 10)).toBeGreaterThan(rarity(50, 40));
  });

  it('counts every interest as rare with two or fewer seekers', () => {
    expect(rarity(2, 2)).toBe(1);
  });
});

describe('pair score', () => {
  it('gives two people on their own the solo bonus, and only then', () => {
    expect(parts([seeker('a', { solo: true }), seeker('b', { solo: true })]).bothSolo).toBe(WEIGHTS.bothSolo);
    expect(parts([seeker('a', { solo: true }), seeker('b', { solo: false })]).bothSolo).toBe(0);
  });

  it('counts a rare shared interest more than one everybody picked', () => {
    const crowd = [
      seeker('a', { interests: ['jazz', 'ai'] }),
      seeker('b', { interests: ['jazz'] }),
      seeker('c', { interests: ['ai'] }),
      ...Array.from({ length: 10 }, (_, k) => seeker(`x${k}`, { interests: ['ai'] })),
    ];
    const rare = parts(crowd, 'a', 'b').sharedInterests;
    const common = parts(crowd, 'a', 'c').sharedInterests;
    expect(rare).toBeGreaterThan(common);
    expect(rare).toBeCloseTo(WEIGHTS.sharedTopic + WEIGHTS.rareTopicBonus);
    expect(common).toBeGreaterThanOrEqual(WEIGHTS.sharedTopic);
  });

  it('compares interests by topicKey', () => {
    const p = parts([seeker('a', { interests: ['Climbing '] }), seeker('b', { interests: ['climbing'] })]);
    expect(p.sharedInterests).toBeGreaterThan(0);
  });

  it('caps shared interests', () => {
    const many = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'];
    const p = parts([seeker('a', { interests: many }), seeker('b', { interests: many })]);
    expect(p.sharedInterests).toBe(WEIGHTS.sharedTopicsCap);
  });

  it('scores complementary needs both ways: what one offers and the other asks', () => {
    const oneWay = parts([seeker('a', { asks: ['fundraising'] }), seeker('b', { offers: ['fundraising'] })]);
    expect(oneWay.complementaryNeeds).toBe(WEIGHTS.complement);
    const both = parts([
      seeker('a', { asks: ['fundraising'], offers: ['design'] }),
      seeker('b', { offers: ['fundraising'], asks: ['design'] }),
    ]);
    expect(both.complementaryNeeds).toBe(2 * WEIGHTS.complement);
    const none = parts([seeker('a', { asks: ['fundraising'] }), seeker('b', { asks: ['fundraising'] })]);
    expect(none.complementaryNeeds).toBe(0);
  });

  it('ages with waiting, per person, without a cap', () => {
    const fresh = parts([seeker('a'), seeker('b')]);
    const waited = parts([seeker('a', { lookingSince: NOW - 60_000 }), seeker('b')]);
    const long = parts([seeker('a', { lookingSince: NOW - 3_600_000 }), seeker('b')]);
    expect(fresh.waiting).toBe(0);
    expect(waited.waiting).toBeCloseTo(60 * WEIGHTS.waitPerSecond);
    expect(long.waiting).toBeGreaterThan(WEIGHTS.bothSolo + WEIGHTS.sharedTopicsCap + WEIGHTS.complementCap);
  });

  it('adds up its parts', () => {
    const seekers = [
      seeker('a', { solo: true, interests: ['jazz'], asks: ['hiring'], lookingSince: NOW - 5000 }),
      seeker('b', { solo: true, interests: ['jazz'], offers: ['hiring'] }),
    ];
    const c = buildCrowd(tick(seekers));
    const p = pairScoreParts(c, 0, 1);
    expect(p.total).toBeCloseTo(p.base + p.bothSolo + p.sharedInterests + p.complementaryNeeds + p.waiting);
    expect(pairScore(c, 0, 1)).toBeCloseTo(p.total);
    expect(pairScore(c, 1, 0)).toBeCloseTo(p.total);
  });
});
