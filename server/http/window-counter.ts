import type Redis from 'ioredis';
import { Lru } from './lru';

/** One key's count in the current window. */
export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetInMs: number;
}

/**
 * Counts per key in fixed windows of the clock (for an hour: 10:00 to 11:00, 11:00 to 12:00).
 * Fixed windows let every instance agree on the current window from its own clock, with no
 * shared start to settle first. Never throws: a count that cannot be kept is reported as 0, so
 * a limit built on it steps aside (see RedisWindowCounter).
 */
export interface WindowCounter {
  /** Counts one more for `key`; the count after it. */
  add(key: string): Promise<WindowCount>;
  /** `key`'s count so far, without adding. */
  peek(key: string): Promise<WindowCount>;
}

export interface WindowCounterOptions {
  windowMs: number;
  /** @default Date.now */
  now?: () => number;
}

/** Where the current window ends, and its number (windows since the epoch). */
function windowAt(now: number, windowMs: number) {
  const index = Math.floor(now / windowMs);
  return { index, resetInMs: (index + 1) * windowMs - now };
}

/** Counts in this process: one instance, or tests. Remembers a bounded number of keys. */
export class MemoryWindowCounter implements WindowCounter {
  private readonly counts: Lru<string, { index: number; count: number }>;
  private readonly windowMs: number;
  private readonly now: () => number;

  /** `maxKeys`: keys remembered at once; the least recently counted is forgotten first. */
  constructor(o: WindowCounterOptions & { maxKeys?: number }) {
    this.counts = new Lru(o.maxKeys ?? 10_000);
    this.windowMs = o.windowMs;
    this.now = o.now ?? Date.now;
  }

  async add(key: string): Promise<WindowCount> {
    const { index, resetInMs } = windowAt(this.now(), this.windowMs);
    const entry = this.counts.get(key);
    const count = entry?.index === index ? entry.count + 1 : 1;
    this.counts.set(key, { index, count });
    return { count, resetInMs };
  }

  async peek(key: string): Promise<WindowCount> {
    const { index, resetInMs } = windowAt(this.now(), this.windowMs);
    const entry = this.counts.get(key);
    return { count: entry?.index === index ? entry.count : 0, resetInMs };
  }
}

/**
 * Counts in Redis, shared by every instance: one key per key and window (`INCR`), which expires
 * when its window ends, so nothing outlives its window. The expiry is relative (`PEXPIRE`), so it
 * holds whatever clock the counter is given.
 *
 * While Redis cannot answer, it counts nothing and reports 0: the limit lets the request through,
 * and the store, on the same Redis, answers it UNAVAILABLE anyway. Refusing instead would turn
 * every request into a 429 that tells the client to wait for no reason of its own.
 */
export class RedisWindowCounter implements WindowCounter {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown) => void;

  /** `keyPrefix`: the prefix of this counter's keys, e.g. `mingle:limit:events:`. */
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    o: WindowCounterOptions & { onError?: (err: unknown) => void },
  ) {
    this.windowMs = o.windowMs;
    this.now = o.now ?? Date.now;
    this.onError = o.onError ?? (() => {});
  }

  async add(key: string): Promise<WindowCount> {
    const { index, resetInMs } = windowAt(this.now(), this.windowMs);
    const k = `${this.keyPrefix}${key}:${index}`;
    try {
      const res = await this.redis.multi().incr(k).pexpire(k, resetInMs).exec();
      const [err, count] = res?.[0] ?? [new Error('transaction discarded'), 0];
      if (err) throw err;
      return { count: Number(count), resetInMs };
    } catch (err) {
      this.onError(err);
      return { count: 0, resetInMs };
    }
  }

  async peek(key: string): Promise<WindowCount> {
    const { index, resetInMs } = windowAt(this.now(), this.windowMs);
    try {
      return { count: Number((await this.redis.get(`${this.keyPrefix}${key}:${index}`)) ?? 0), resetInMs };
    } catch (err) {
      this.onError(err);
      return { count: 0, resetInMs };
    }
  }
}
