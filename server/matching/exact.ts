import { maxWeightMatching } from './blossom';
import type { Crowd } from './crowd';
import type { CandidateGraph } from './graph';
import type { PairRule } from './pairing';
import { pairScore } from './score';

/**
 * Pools up to this size are paired exactly by the blossom algorithm (blossom.ts): about 2 ms at
 * 64 (its time grows with the cube of the pool), under half the 5 ms a tick of 200 may take. The
 * local search beyond it comes within about half a percent of the optimum, but its worst crowds
 * under 100 were 98.8 to 99.4 % (docs/BENCHMARKS.md). The pool is who is looking at that tick,
 * not the event's attendees.
 */
export const BLOSSOM_MAX = 64;

/**
 * Pools up to this size start the local search from the best pairing over the candidate graph's
 * pairs (`pairOverCandidates`) instead of a greedy one: about 2 to 3 ms at 110 against 1 to 2,
 * and it reaches the long exchange cycles the local search alone missed (crowds of 70 to 110
 * that were 99.4 to 99.5 % of the optimum, docs/BENCHMARKS.md). Beyond it the cost grows past
 * what a tick of 200 may take.
 */
export const CANDIDATE_BLOSSOM_MAX = 120;

/** Scores become whole numbers for the blossom algorithm: millionths, far below any tie that matters. */
export const weightOf = (score: number): number => Math.round(score * 1e6);

/**
 * The best pairing of a pool of up to BLOSSOM_MAX, exactly: a maximum-weight matching over every
 * allowed pair (blossom.ts). Small events are where a heuristic's slip is most visible, and where
 * exactness costs least. Writes partners into `mate` (-1 for alone).
 */
export function pairByBlossom(c: Crowd, pool: number[], mate: Int32Array, mayPair: PairRule): void {
  const p = pool.length;
  const pairs = (p * (p - 1)) / 2;
  const ei = new Int32Array(pairs);
  const ej = new Int32Array(pairs);
  const ew = new Float64Array(pairs);
  let m = 0;
  for (let x = 0; x < p; x++) {
    for (let y = x + 1; y < p; y++) {
      if (!mayPair(pool[x]!, pool[y]!)) continue;
      const w = weightOf(pairScore(c, pool[x]!, pool[y]!));
      if (w <= 0) continue; // never worth pairing: alone scores nothing either
      ei[m] = x;
      ej[m] = y;
      ew[m++] = w;
    }
  }
  const partner = maxWeightMatching(p, ei.subarray(0, m), ej.subarray(0, m), ew.subarray(0, m));
  for (let x = 0; x < p; x++) if (partner[x]! >= 0) mate[pool[x]!] = pool[partner[x]!]!;
}

/**
 * The best pairing over the candidate graph's pairs only (each seeker's best few), exactly, into
 * `mate` (-1 for alone): for a pool of up to CANDIDATE_BLOSSOM_MAX, the local search's start.
 */
export function pairOverCandidates(g: CandidateGraph, inPool: Uint8Array, mate: Int32Array, mayPair: PairRule): void {
  const n = mate.length;
  const ei: number[] = [];
  const ej: number[] = [];
  const ew: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!inPool[i]) continue;
    for (let k = g.at[i]!; k < g.at[i + 1]!; k++) {
      const j = g.to[k]!;
      const w = weightOf(g.w[k]!);
      if (j <= i || !inPool[j] || w <= 0 || !mayPair(i, j)) continue;
      ei.push(i);
      ej.push(j);
      ew.push(w);
    }
  }
  mate.set(maxWeightMatching(n, Int32Array.from(ei), Int32Array.from(ej), Float64Array.from(ew)));
}
