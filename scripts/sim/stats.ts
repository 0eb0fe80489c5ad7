/** Percentiles and counters for the report. Times are milliseconds. */
import { performance } from 'node:perf_hooks';

/** Wall-clock ms since the epoch with sub-millisecond resolution (comparable with a server's Date.now()). */
export const now = (): number => performance.timeOrigin + performance.now();

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles. An empty sample gives NaN everywhere but n. */
export function summarise(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    mean: sorted.length ? sum / sorted.length : NaN,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

/** Counts by key, e.g. errors by code. */
export class Tally {
  readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  total(): number {
    let t = 0;
    for (const n of this.counts.values()) t += n;
    return t;
  }

  toObject(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort((a, b) => b[1] - a[1]));
  }
}

/**
 * The integral over time of "at least two people are looking": an episode's share of it is the
 * time its seeker waited while someone else was looking too.
 */
export class LookingClock {
  private looking = 0;
  private since = 0;
  private integral = 0;

  constructor(private readonly now: () => number) {
    this.since = now();
  }

  /** The integral so far, in ms. */
  read(): number {
    return this.integral + (this.looking >= 2 ? this.now() - this.since : 0);
  }

  change(delta: number): void {
    this.integral = this.read();
    this.since = this.now();
    this.looking += delta;
  }

  get count(): number {
    return this.looking;
  }
}

/** Rounds for display: 2 significant decimals under 10, 1 under 100, none above. */
export function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const a = Math.abs(ms);
  return a < 10 ? ms.toFixed(2) : a < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

/** The largest finite value, or `empty` for none (safe for arrays too long to spread). */
export function maxOf(values: Iterable<number>, empty = NaN): number {
  let best = -Infinity;
  for (const v of values) if (Number.isFinite(v) && v > best) best = v;
  return best === -Infinity ? empty : best;
}
