import blossom from 'edmonds-blossom';
import fc from 'fast-check';
import { maxWeightMatching } from '../../server/matching/blossom';
import { bruteForce } from './helpers';

type Edge = [number, number, number];

const graphArb = (maxN: number, maxEdges: number, maxW: number) =>
  fc.integer({ min: 2, max: maxN }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.uniqueArray(
        fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: maxW })).filter(([a, b]) => a < b),
        { selector: ([a, b]) => `${a}-${b}`, minLength: 1, maxLength: maxEdges },
      ),
    }),
  );

/** The matching's total weight, after checking it is one: symmetric, over given edges only. */
function total(n: number, edges: Edge[], mate: ArrayLike<number>): number {
  const w = new Map(edges.map(([a, b, x]) => [`${Math.min(a, b)}-${Math.max(a, b)}`, x]));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const j = mate[i] ?? -1; // edmonds-blossom's answer stops at the last vertex with an edge
    if (j < 0) continue;
    expect(mate[j]).toBe(i);
    const x = w.get(`${Math.min(i, j)}-${Math.max(i, j)}`);
    expect(x).toBeDefined();
    if (i < j) sum += x!;
  }
  return sum;
}

const run = (n: number, edges: Edge[]) =>
  maxWeightMatching(
    n,
    Int32Array.from(edges, (e) => e[0]),
    Int32Array.from(edges, (e) => e[1]),
    Float64Array.from(edges, (e) => e[2]),
  );

describe('maxWeightMatching (blossom.ts)', () => {
  test('equals trying every matching on small graphs', () => {
    fc.assert(
      fc.property(graphArb(11, 40, 1000), ({ n, edges }) => {
        const w = new Map(edges.map(([a, b, x]) => [`${a}-${b}`, x]));
        expect(total(n, edges, run(n, edges))).toBe(bruteForce(n, (i, j) => w.get(`${i}-${j}`) ?? null));
      }),
      { seed: 21, numRuns: 1500 },
    );
  });

  test('equals the independent oracle (edmonds-blossom) on bigger, denser graphs, ties and all', () => {
    // Few distinct weights make many ties and blossoms; many vertices make nested ones.
    fc.assert(
      fc.property(fc.oneof(graphArb(40, 400, 5), graphArb(60, 900, 100000)), ({ n, edges }) => {
        expect(total(n, edges, run(n, edges))).toBe(total(n, edges, blossom(edges)));
      }),
      { seed: 22, numRuns: 400 },
    );
  });

  test('an odd cycle with a heavy spoke: the classic case a blossom is for', () => {
    // Triangle 0-1-2 with pendant edges; the best uses the spoke 2-3 and the triangle edge 0-1.
    const edges: Edge[] = [
      [0, 1, 6],
      [1, 2, 10],
      [0, 2, 10],
      [2, 3, 7],
      [3, 4, 1],
    ];
    const mate = run(5, edges);
    expect(total(5, edges, mate)).toBe(13);
    expect([mate[0], mate[1], mate[2], mate[3]]).toEqual([1, 0, 3, 2]);
  });

  test('nothing to match', () => {
    expect([...maxWeightMatching(3, new Int32Array(0), new Int32Array(0), new Float64Array(0))]).toEqual([-1, -1, -1]);
  });
});
