import blossom from 'edmonds-blossom';
import fc from 'fast-check';
import { buildCrowd, fresh } from '../../server/matching/crowd';
import { EXACT_MAX } from '../../server/matching/exact';
import { planMatches } from '../../server/matching/matcher';
import { pairScore } from '../../server/matching/score';
import type { Seeker } from '../../server/matching/types';
import { NOW, tick } from './helpers';

/** Maximum total weight of a matching, by trying everything (small graphs only). */
function bruteForce(n: number, weight: (i: number, j: number) => number | null): number {
  const memo = new Map<number, number>();
  const best = (used: number): number => {
    let i = 0;
    while (i < n && used & (1 << i)) i++;
    if (i >= n) return 0;
    const known = memo.get(used);
    if (known !== undefined) return known;
    let value = best(used | (1 << i));
    for (let j = i + 1; j < n; j++) {
      const w = used & (1 << j) ? null : weight(i, j);
      if (w !== null) value = Math.max(value, w + best(used | (1 << i) | (1 << j)));
    }
    memo.set(used, value);
    return value;
  };
  return best(0);
}

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
  it('pairs crowds of up to EXACT_MAX exactly', () => {
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
    const crowdArb = fc.integer({ min: 2, max: EXACT_MAX }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => seekerArb(`p${k}`))));
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
        expect(total).toBeCloseTo(optimum, 6);
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});
