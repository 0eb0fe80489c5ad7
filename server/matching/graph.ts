import type { Crowd } from './crowd';
import { scratchFloats, scratchInts } from './scratch';
import { pairScore } from './score';

/**
 * The candidate graph: for each seeker, the few people worth considering, found through the
 * interest, needs and solo indexes instead of by comparing everyone with everyone (which is
 * 12.5 million pairs at 5000 seekers). Only fresh pairs (allowed, not met before) are edges.
 */
export interface CandidateGraph {
  /**
   * Seeker v's candidates are `to[at[v]]` up to (not including) `to[at[v + 1]]`, heaviest
   * first (ties: smaller index first), and `w` holds the pair score of each.
   */
  at: Int32Array;
  /** Working arrays reused by the next tick (see scratch.ts): longer than `at[n]`, valid until then. */
  to: Int32Array;
  w: Float64Array;
}

/**
 * The graph of every pair that either side chose, each pair scored exactly once, with each
 * seeker's candidates listed best first, so that searches which look at only the first few
 * look at the best few.
 */
export function scoredGraph(c: Crowd, chosen: Int32Array, chosenLen: Int32Array, K: number): CandidateGraph {
  const n = c.n;
  // i chose j, and j < i also chose i: that pair was already counted from j's side.
  const counted = (i: number, j: number): boolean => {
    if (j > i) return false;
    for (let q = j * K, end = j * K + chosenLen[j]!; q < end; q++) if (chosen[q] === i) return true;
    return false;
  };
  const at = new Int32Array(n + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let q = i * K, end = i * K + chosenLen[i]!; q < end; q++) {
      const j = chosen[q]!;
      if (counted(i, j)) continue;
      at[i + 1]!++;
      at[j + 1]!++;
      m++;
    }
  }
  for (let v = 0; v < n; v++) at[v + 1]! += at[v]!;
  const fill = at.slice(0, n);
  const to = scratchInts('graph.to', 2 * m);
  const w = scratchFloats('graph.w', 2 * m);
  for (let i = 0; i < n; i++) {
    for (let q = i * K, end = i * K + chosenLen[i]!; q < end; q++) {
      const j = chosen[q]!;
      if (counted(i, j)) continue;
      const x = pairScore(c, i, j);
      insertBestFirst(to, w, at[i]!, fill[i]!++, j, x);
      insertBestFirst(to, w, at[j]!, fill[j]!++, i, x);
    }
  }
  return { at, to, w };
}

/** Inserts (j, x) at position `end` of the run to/w[start..end), kept heaviest first (ties: smaller index first). */
function insertBestFirst(to: Int32Array, w: Float64Array, start: number, end: number, j: number, x: number): void {
  let p = end;
  while (p > start && (w[p - 1]! < x || (w[p - 1] === x && to[p - 1]! > j))) {
    to[p] = to[p - 1]!;
    w[p] = w[p - 1]!;
    p--;
  }
  to[p] = j;
  w[p] = x;
}
