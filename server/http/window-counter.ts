import type Redis from 'ioredis';
import { Lru } from './lru';

/** One key's count in the current window. */
export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetInMs: number;
  /** The window counted in (windows since the epoch): `remove` takes a count back from it. */
  window: number;
  /**
   * Counted in this process because the shared count could not be reached (RedisWindowCounter);
   * `remove` takes it back here too.
   */
  inProcess?: true;
}

/**
 * Counts per key in fixed windows of the clock (for an hour: 10:00 to 11:00, 11:00 to 12:00).
 * Fixed windows let every instance agree on the current window from its own clock, with no
 * shared start to settle first. Never throws (see RedisWindowCounter for what it does instead).
 */
export interface WindowCounter {
  /** Counts one more for `key`; the count after it. */
  add(key: string): Promise<WindowCount>;
  /**
   * Takes back one count that `add` made (`added`), say for an event that was not created after
   * all. Nothing once its window has passed, or if nothing is left to take back.
   */
  remove(key: string, added: WindowCount): Promise<void>;
  /** `key`'s count so far, without adding. */
  peek(key: string): Promise<WindowCount>;
}

export interface WindowCounterOptions {
  windowMs: number;
  /** @default Date.now */
  now?: () => number;
}

/** Where the current window ends, and its number (windows since the epoch). */
export function windowAt(now: number, windowMs: number) {
  const window = Math.floor(now / windowMs);
  return { window, resetInMs: (window + 1) * windowMs - now };
}

/** Counts in this process: one instance, tests, or on Redis while Redis cannot answer. Remembers a bounded number of keys. */
export class MemoryWindowCounter implements WindowCounter {
  private readonly counts: Lru<string, { window: number; count: number }>;
  private readonly windowMs: number;
  private readonly now: () => number;

  /** `maxKeys`: keys remembered at once; the least recently counted is forgotten first. */
  constructor(o: WindowCounterOptions & { maxKeys?: number }) {
    this.counts = new Lru(o.maxKeys ?? 10_000);
    this.windowMs = o.windowMs;
    this.now = o.now ?? Date.now;
  }

  async add(key: string): Promise<WindowCount> {
    const { window, resetInMs } = windowAt(this.now(), this.windowMs);
    const entry = this.counts.get(key);
    const count = entry?.window === window ? entry.count + 1 : 1;
    this.counts.set(key, { window, count });
    return { count, resetInMs, window };
  }

  async remove(key: string, added: WindowCount): Promise<void> {
    const entry = this.counts.get(key);
    if (entry?.window === added.window && entry.count > 0) entry.count--;
  }

  async peek(key: string): Promise<WindowCount> {
    const { window, resetInMs } = windowAt(this.now(), this.windowMs);
    const entry = this.counts.get(key);
    return { count: entry?.window === window ? entry.count : 0, resetInMs, window };
  }
}

/** Takes one back from a window's count, never below 0 nor bringing back an expired key. */
const REMOVE_LUA = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return n`;

type RemoveCommand = (key: string) => Promise<unknown>;

/**
 * Counts in Redis, shared by every instance: one key per key and window (`INCR`), which expires
 * when its window ends, so nothing outlives its window. The expiry is relative (`PEXPIRE`), so it
 * holds whatever clock the counter is given.
 *
 * While Redis cannot answer (down, reconnecting, or slower than the connection's timeout), it
 * counts in this process instead (a MemoryWindowCounter, as with no Redis at all): the limit
 * holds per instance until Redis answers again, and the request neither fails nor waits longer.
 * Refusing instead would turn every request into a 429 that tells the client to wait for no
 * reason of its own; letting everything through would lift the limit whenever Redis is slow.
 * The counts kept here are not carried over to Redis when it comes back.
 */
export class RedisWindowCounter implements WindowCounter {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown) => void;
  private readonly onAnswer: () => void;
  private readonly local: MemoryWindowCounter;

  /** `keyPrefix`: the prefix of this counter's keys, e.g. `mingle:limit:events:`. */
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    o: WindowCounterOptions & {
      /** Called each time Redis cannot answer and the count is kept here instead. */
      onError?: (err: unknown) => void;
      /** Called each time Redis answers (so that the end of an outage can be told). */
      onAnswer?: () => void;
    },
  ) {
    this.windowMs = o.windowMs;
    this.now = o.now ?? Date.now;
    this.onError = o.onError ?? (() => {});
    this.onAnswer = o.onAnswer ?? (() => {});
    this.local = new MemoryWindowCounter({ windowMs: o.windowMs, now: this.now });
    if (!('mingleWindowRemove' in redis)) redis.defineCommand('mingleWindowRemove', { numberOfKeys: 1, lua: REMOVE_LUA });
  }

  async add(key: string): Promise<WindowCount> {
    const { window, resetInMs } = windowAt(this.now(), this.windowMs);
    const k = this.keyOf(key, window);
    try {
      const res = await this.redis.multi().incr(k).pexpire(k, resetInMs).exec();
      const [err, count] = res?.[0] ?? [new Error('transaction discarded'), 0];
      if (err) throw err;
      this.onAnswer();
      return { count: Number(count), resetInMs, window };
    } catch (err) {
      this.onError(err);
      return { ...(await this.local.add(key)), inProcess: true };
    }
  }

  async remove(key: string, added: WindowCount): Promise<void> {
    if (added.inProcess) return this.local.remove(key, added);
    try {
      await (this.redis as unknown as { mingleWindowRemove: RemoveCommand }).mingleWindowRemove(this.keyOf(key, added.window));
      this.onAnswer();
    } catch (err) {
      this.onError(err); // the count stays: one fewer for this window, never one too many
    }
  }

  async peek(key: string): Promise<WindowCount> {
    const { window, resetInMs } = windowAt(this.now(), this.windowMs);
    try {
      const count = Number((await this.redis.get(this.keyOf(key, window))) ?? 0);
      this.onAnswer();
      return { count, resetInMs, window };
    } catch (err) {
      this.onError(err);
      return { ...(await this.local.peek(key)), inProcess: true };
    }
  }

  private keyOf(key: string, window: number): string {
    return `${this.keyPrefix}${key}:${window}`;
  }
}
