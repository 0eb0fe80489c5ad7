import blossom from 'edmonds-blossom';
import fc from 'fast-check';
import { buildCrowd, fresh } from '../../server/matching/crowd';
import { BLOSSOM_MAX } from '../../server/matching/exact';
import { planMatches } from '../../server/matching/matcher';
import { pairScore } from '../../server/matching/score';
import type { Seeker } from '../../server/matching/types';
import { makeCrowd, type Distribution } from '../../scripts/bench/crowds';
import { compareWithOptimum } from '../../scripts/bench/oracle';
import { bruteForce, NOW, tick } from './helpers';

describe('the benchmark oracle (edmonds-blossom)', () => {
  it('finds a maximum-WEIGHT matching, not just a maximal or maximum-cardinality one', () => {
    const graphArb = fc
      .integer({ min: 2, max: 11 })
      .chain((n) =>
        fc.record({
          n: fc.constant(n),
          edges: fc.uniqueArray(
            fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 1000 })).filter(([a, b]) => a < b),
            { selector: ([a, b]) => `${a}-${b}`, minLength: 1, maxLength: 40 },
          ),
        }),
      );
    fc.assert(
      fc.property(graphArb, ({ n, edges }) => {
        const w = new Map(edges.map(([a, b, x]) => [`${a}-${b}`, x]));
        const mate = blossom(edges);
        let total = 0;
        mate.forEach((j, i) => {
          if (j > i) total += w.get(`${i}-${j}`)!;
          if (j >= 0) expect(mate[j]).toBe(i);
        });
        expect(total).toBe(bruteForce(n, (i, j) => w.get(`${i}-${j}`) ?? null));
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});

describe('the matcher on small crowds', () => {
  it('pairs crowds of up to 12 exactly: the best of every possible pairing', () => {
    const seekerArb = (id: string): fc.Arbitrary<Seeker> =>
      fc.record({
        id: fc.constant(id),
        interests: fc.uniqueArray(fc.constantFrom('jazz', 'chess', 'ai', 'film', 'go', 'tea'), { maxLength: 4 }),
        solo: fc.boolean(),
        offers: fc.uniqueArray(fc.constantFrom('hiring', 'design'), { maxLength: 1 }),
        asks: fc.uniqueArray(fc.constantFrom('hiring', 'design'), { maxLength: 1 }),
        lookingSince: fc.integer({ min: NOW - 30_000, max: NOW }),
        connected: fc.constant(true),
      });
    const crowdArb = fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => seekerArb(`p${k}`))));
    fc.assert(
      fc.property(crowdArb, fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 6 }), (seekers, met) => {
        const input = tick(seekers, { history: { met: met.map(([a, b]) => [`p${a}`, `p${b}`]) } });
        const plan = planMatches(input);
        const c = buildCrowd(input);
        const optimum = bruteForce(c.n, (i, j) => (fresh(c, i, j) ? pairScore(c, i, j) : null));
        let total = 0;
        for (const g of plan.groups) {
          if (!g.repeat) total += pairScore(c, c.indexOf.get(g.memberIds[0]!)!, c.indexOf.get(g.memberIds[1]!)!);
        }
        // The matcher weighs scores to millionths (exact.ts).
        expect(total).toBeCloseTo(optimum, 4);
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});

describe('the matcher on crowds of up to BLOSSOM_MAX', () => {
  const seekerArb = (id: string): fc.Arbitrary<Seeker> =>
    fc.record({
      id: fc.constant(id),
      interests: fc.uniqueArray(fc.constantFrom('jazz', 'chess', 'ai', 'film', 'go', 'tea', 'rust', 'yoga'), { maxLength: 4 }),
      solo: fc.boolean(),
      offers: fc.uniqueArray(fc.constantFrom('hiring', 'design', 'funding'), { maxLength: 2 }),
      asks: fc.uniqueArray(fc.constantFrom('hiring', 'design', 'funding'), { maxLength: 2 }),
      lookingSince: fc.integer({ min: NOW - 120_000, max: NOW }),
      connected: fc.constant(true),
    });

  // The oracle rounds each pair's score to hundredths; the matcher weighs them to millionths, so
  // a plan can come out under the rounded optimum by half a hundredth per pair of either, never
  // more: at most n/2 hundredths in all.
  const optimal = (input: ReturnType<typeof tick>): void => {
    const cmp = compareWithOptimum(input, planMatches(input));
    expect(cmp.planScore).toBeLessThanOrEqual(cmp.optimum);
    expect(cmp.optimum - cmp.planScore).toBeLessThanOrEqual(input.seekers.length / 2);
  };

  it('pairs them exactly: the plan scores what the independent oracle (edmonds-blossom) finds', () => {
    const crowdArb = fc
      .integer({ min: 13, max: BLOSSOM_MAX })
      .chain((n) => fc.tuple(fc.constant(n), fc.tuple(...Array.from({ length: n }, (_, k) => seekerArb(`p${k}`)))));
    fc.assert(
      fc.property(crowdArb, fc.array(fc.tuple(fc.nat(BLOSSOM_MAX - 1), fc.nat(BLOSSOM_MAX - 1)), { maxLength: 60 }), ([n, seekers], met) => {
        optimal(tick(seekers, { history: { met: met.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => [`p${a}`, `p${b}`]) } }));
      }),
      { seed: 12, numRuns: 30 },
    );
  });

  // Benchmark crowds the local search left furthest from the optimum, before pools of up to
  // BLOSSOM_MAX were paired exactly: a 22-person alternating path that left two people alone in
  // the optimum (98.77 %), and an exchange cycle through 11 pairs (99.21 %).
  it.each<[Distribution, number, number, string]>([
    ['mostly-solo', 60, 12, '98.77 %'],
    ['mostly-groups', 60, 4, '99.21 %'],
  ])('regression: %s crowd of %i, seed %i (was %s) is paired optimally', (dist, n, seed) => {
    optimal(makeCrowd(dist, n, seed));
  });
});

describe('the matcher on bigger crowds', () => {
  // Crowds the local search alone left under 99.5 % of the optimum: long exchange cycles it
  // missed (n = 70 to 110, now started from the best pairing over the candidate graph), skewed
  // crowds of 200 when popular topics' lists were cut at 40 people (now 60), and an exchange
  // cycle through 29 pairs that needs a blossom (n = 200, now re-paired exactly: repair.ts).
  it.each<[Distribution, number, number, string]>([
    ['uniform', 70, 2, '99.48 %'],
    ['mostly-groups', 101, 12, '99.38 %'],
    ['mostly-groups', 110, 3, '99.41 %'],
    ['skewed', 200, 21, '99.39 %'],
    ['mostly-groups', 200, 5, '99.48 %'],
  ])('regression: %s crowd of %i, seed %i (was %s), is within 0.5 %% of the optimum', (dist, n, seed) => {
    const input = makeCrowd(dist, n, seed);
    const cmp = compareWithOptimum(input, planMatches(input));
    expect(cmp.planScore / cmp.optimum).toBeGreaterThanOrEqual(0.995);
  });
});

