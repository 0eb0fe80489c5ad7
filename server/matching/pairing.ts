import type { CandidateGraph } from './graph';
import type { Crowd } from './crowd';
import { BLOSSOM_MAX, CANDIDATE_BLOSSOM_MAX, pairByBlossom, pairOverCandidates } from './exact';
import { improveMatching } from './improve';
import { pairScore } from './score';
import { CANDIDATES, type MatchBudget } from './weights';

/**
 * Pairs up the pool (seekers with `inPool[i] === 1`) over the candidate graph, aiming for the
 * largest total score. Returns `mate`: each seeker's partner index, or -1. A pool of up to
 * BLOSSOM_MAX is paired exactly over every allowed pair (exact.ts, blossom.ts); a bigger one in
 * three steps:
 *
 * 1. A start: up to CANDIDATE_BLOSSOM_MAX, the best pairing over the candidate graph (exact.ts);
 *    beyond, greedy, heaviest edges first (by the suitor method): fast, and about 95-98% of
 *    the optimum on its own.
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
  if (pool.length <= BLOSSOM_MAX) {
    pairByBlossom(c, pool, mate, mayPair);
    return mate;
  }
  if (pool.length <= CANDIDATE_BLOSSOM_MAX) pairOverCandidates(g, inPool, mate, mayPair);
  else greedyOverEdges(g, inPool, mate);
  improveMatching(c, g, inPool, mate, mayPair, budget);
  pairAmong(c, unmatched(inPool, mate, c), mate, mayPair);
  return mate;
}

/** Whether two seekers may be paired in the current stage. */
export type PairRule = (i: number, j: number) => boolean;

/**
 * Greedy by the suitor method (Manne and Halappanavar): everyone proposes to their best
 * candidate who has no better offer yet, displacing a weaker suitor, who proposes again.
 * Mutual suitors are paired: the pairs a heaviest-edge-first greedy makes, without sorting
 * the edges. Candidate lists are best first, so each seeker's scan only moves forward.
 */
function greedyOverEdges(g: CandidateGraph, inPool: Uint8Array, mate: Int32Array): void {
  const n = mate.length;
  const { at, to, w } = g;
  const suitor = new Int32Array(n).fill(-1);
  const offer = new Float64Array(n);
  const next = at.slice(0, n);
  for (let u = 0; u < n; u++) {
    if (!inPool[u]) continue;
    let x = u;
    while (x >= 0) {
      let pick = -1;
      let k = next[x]!;
      const end = at[x + 1]!;
      for (; k < end; k++) {
        const v = to[k]!;
        if (!inPool[v]) continue;
        const s = suitor[v]!;
        if (s < 0 || w[k]! > offer[v]! || (w[k] === offer[v] && x < s)) {
          pick = v;
          break;
        }
      }
      next[x] = k + 1;
      if (pick < 0) break;
      const displaced = suitor[pick]!;
      suitor[pick] = x;
      offer[pick] = w[k]!;
      x = displaced;
    }
  }
  for (let u = 0; u < n; u++) {
    const v = suitor[u]!;
    if (v >= 0 && suitor[v] === u) mate[u] = v;
  }
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
