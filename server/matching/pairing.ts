import type { CandidateGraph } from './candidates';
import type { Crowd } from './crowd';
import { EXACT_MAX, pairExactly } from './exact';
import { improveMatching } from './improve';
import { pairScore } from './score';
import { CANDIDATES, type MatchBudget } from './weights';

/**
 * Pairs up the pool (seekers with `inPool[i] === 1`) over the candidate graph, aiming for the
 * largest total score. Returns `mate`: each seeker's partner index, or -1. A pool of up to
 * EXACT_MAX is paired exactly (exact.ts); a bigger one in three steps:
 *
 * 1. Greedy: heaviest edges first. Fast, and about 95-98% of the optimum on its own.
 * 2. Local search (improve.ts): swaps, rotations and short augmenting paths while they gain.
 * 3. Leftovers: anyone still alone is compared with every other leftover, so a pair the
 *    bounded graph missed is never left waiting side by side.
 */
export function pairUp(
  c: Crowd,
  g: CandidateGraph,
  inPool: Uint8Array,
  mayPair: PairRule,
  budget: MatchBudget,
): Int32Array {
  const mate = new Int32Array(c.n).fill(-1);
  const pool: number[] = [];
  for (let i = 0; i < c.n; i++) if (inPool[i]) pool.push(i);
  if (pool.length <= EXACT_MAX) {
    pairExactly(c, pool, mate, mayPair);
    return mate;
  }
  greedyOverEdges(g, inPool, mate);
  improveMatching(c, g, inPool, mate, mayPair, budget);
  pairAmong(c, unmatched(inPool, mate, c), mate, mayPair);
  return mate;
}

/** Whether two seekers may be paired in the current stage. */
export type PairRule = (i: number, j: number) => boolean;

function greedyOverEdges(g: CandidateGraph, inPool: Uint8Array, mate: Int32Array): void {
  const m = g.edgeWeight.length;
  const order = edgesHeaviestFirst(g.edgeWeight);
  for (let k = 0; k < m; k++) {
    const e = order[k]!;
    const a = g.edgeA[e]!;
    const b = g.edgeB[e]!;
    if (mate[a] !== -1 || mate[b] !== -1 || !inPool[a] || !inPool[b]) continue;
    mate[a] = b;
    mate[b] = a;
  }
}

/**
 * Edge indices by weight, heaviest first, ties by index. Packs a quantised weight and the
 * index into one float so that the typed array's native numeric sort does the work: several
 * times faster than sorting with a comparator.
 */
export function edgesHeaviestFirst(weight: Float64Array): Int32Array {
  const m = weight.length;
  const order = new Int32Array(m);
  let max = 0;
  for (let e = 0; e < m; e++) max = Math.max(max, weight[e]!);
  const idxSpan = 2 ** Math.ceil(Math.log2(m + 1));
  const scale = 1024;
  if ((max * scale + 1) * idxSpan < 2 ** 52) {
    const keys = new Float64Array(m);
    for (let e = 0; e < m; e++) keys[e] = -Math.round(weight[e]! * scale) * idxSpan + e;
    keys.sort();
    for (let k = 0; k < m; k++) {
      const key = keys[k]!;
      order[k] = key - Math.floor(key / idxSpan) * idxSpan;
    }
    return order;
  }
  const idx = Array.from({ length: m }, (_, e) => e);
  idx.sort((x, y) => weight[y]! - weight[x]! || x - y);
  return Int32Array.from(idx);
}

/** Pool members without a partner, longest waiting first, at most `leftoverScan` of them. */
export function unmatched(inPool: Uint8Array, mate: Int32Array, c: Crowd): number[] {
  const out: number[] = [];
  for (let i = 0; i < mate.length; i++) if (inPool[i] && mate[i] === -1) out.push(i);
  out.sort((x, y) => c.wait[y]! - c.wait[x]! || x - y);
  return out.slice(0, CANDIDATES.leftoverScan);
}

/** Greedy pairing among a small set of people, comparing each with each. */
export function pairAmong(c: Crowd, people: number[], mate: Int32Array, mayPair: PairRule): void {
  if (people.length < 2) return;
  const pairs: Array<{ a: number; b: number; w: number }> = [];
  for (let x = 0; x < people.length; x++) {
    for (let y = x + 1; y < people.length; y++) {
      const a = people[x]!;
      const b = people[y]!;
      if (mayPair(a, b)) pairs.push({ a, b, w: pairScore(c, a, b) });
    }
  }
  pairs.sort((p, q) => q.w - p.w || p.a - q.a || p.b - q.b);
  for (const { a, b } of pairs) {
    if (mate[a] !== -1 || mate[b] !== -1) continue;
    mate[a] = b;
    mate[b] = a;
  }
}
