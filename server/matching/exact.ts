import type { Crowd } from './crowd';
import type { PairRule } from './pairing';
import { pairScore } from './score';

/** Pools up to this size are paired exactly (2^12 subsets × 12: well under a millisecond). */
export const EXACT_MAX = 12;

/**
 * The best pairing of a small pool, exactly: a dynamic programme over subsets (who is still
 * unplaced), where the lowest unplaced seeker either stays alone or pairs with another. Small
 * events are where a heuristic's slip is most visible, and where exactness costs nothing.
 * Writes partners into `mate` (-1 for alone).
 */
export function pairExactly(c: Crowd, pool: number[], mate: Int32Array, mayPair: PairRule): void {
  const p = pool.length;
  const w: number[] = new Array(p * p).fill(-1);
  for (let x = 0; x < p; x++) {
    for (let y = x + 1; y < p; y++) {
      if (mayPair(pool[x]!, pool[y]!)) w[x * p + y] = pairScore(c, pool[x]!, pool[y]!);
    }
  }
  const full = (1 << p) - 1;
  // best[mask]: the most the seekers in `mask` (the unplaced ones) can still add.
  const best = new Float64Array(1 << p);
  const choice = new Int8Array(1 << p).fill(-1);
  for (let mask = 1; mask <= full; mask++) {
    const x = 31 - Math.clz32(mask & -mask);
    const rest = mask & ~(1 << x);
    let value = best[rest]!;
    let pick = -1;
    for (let y = x + 1; y < p; y++) {
      const wxy = w[x * p + y]!;
      if (!(rest & (1 << y)) || wxy < 0) continue;
      const v = wxy + best[rest & ~(1 << y)]!;
      // Ties keep the earlier choice, so the result depends only on the pool's order.
      if (v > value + 1e-9) {
        value = v;
        pick = y;
      }
    }
    best[mask] = value;
    choice[mask] = pick;
  }
  let mask = full;
  while (mask) {
    const x = 31 - Math.clz32(mask & -mask);
    const y = choice[mask]!;
    mask &= ~(1 << x);
    if (y >= 0) {
      mate[pool[x]!] = pool[y]!;
      mate[pool[y]!] = pool[x]!;
      mask &= ~(1 << y);
    }
  }
}
