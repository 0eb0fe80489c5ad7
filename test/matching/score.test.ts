import { buildCrowd } from '../../server/matching/crowd';
import { pairScore, pairScoreParts, rarity } from '../../server/matching/score';
import { GROUP_RULES, WEIGHTS } from '../../server/matching/weights';
import { makeCrowd, DISTRIBUTIONS } from '../../scripts/bench/crowds';
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

describe('scoring by exact topic masks', () => {
  // With at most 64 topics the score is read from bit masks; otherwise by merging sorted lists.
  // Both must give the same number to the last bit, or plans would depend on the topic count.
  it.each(DISTRIBUTIONS)('gives every pair of a %s crowd the same score as merging the lists', (dist) => {
    const c = buildCrowd(makeCrowd(dist, 120, 7));
    expect(c.narrow).toBe(true);
    const merged = { ...c, narrow: false };
    let sharing = 0;
    for (let i = 0; i < c.n; i++) {
      for (let j = 0; j < c.n; j++) {
        if (i === j) continue;
        const score = pairScore(c, i, j);
        expect(score).toBe(pairScore(merged, i, j));
        if (pairScoreParts(c, i, j).sharedInterests > 0 && pairScoreParts(c, i, j).complementaryNeeds > 0) sharing++;
      }
    }
    expect(sharing).toBeGreaterThan(0);
  });

  it('reads ids from the upper mask (32 and up) like the lower, and merges lists past 64 topics', () => {
    // Interests get ids first (60 fillers and jazz: 0 to 60), then offers and asks (61, 62): the
    // needs, and some shared interests, sit in the upper mask. Four more topics pass 64.
    const filler = Array.from({ length: 60 }, (_, k) => seeker(`f${k}`, { interests: [`topic ${k}`] }));
    const pair = [
      seeker('a', { interests: ['jazz', 'topic 3', 'topic 40'], asks: ['hiring'], offers: ['design'] }),
      seeker('b', { interests: ['jazz', 'topic 3', 'topic 40'], offers: ['hiring'], asks: ['design'] }),
    ];
    const narrow = buildCrowd(tick([...filler, ...pair]));
    expect(narrow.topicIds.size).toBe(63);
    expect(narrow.narrow).toBe(true);
    const [a, b] = [narrow.indexOf.get('a')!, narrow.indexOf.get('b')!];
    expect(pairScore(narrow, a, b)).toBe(pairScore({ ...narrow, narrow: false }, a, b));
    expect(pairScoreParts(narrow, a, b).complementaryNeeds).toBe(2 * WEIGHTS.complement);

    const wide = buildCrowd(tick([...filler, seeker('g', { interests: ['x1', 'x2', 'x3', 'x4'] }), ...pair]));
    expect(wide.topicIds.size).toBeGreaterThan(64);
    expect(wide.narrow).toBe(false);
    const [wa, wb] = [wide.indexOf.get('a')!, wide.indexOf.get('b')!];
    expect(pairScoreParts(wide, wa, wb).sharedInterests).toBeGreaterThan(0);
    expect(pairScoreParts(wide, wa, wb).complementaryNeeds).toBe(2 * WEIGHTS.complement);
  });
});
