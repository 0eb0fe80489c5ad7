import type Redis from 'ioredis';
import { addressKey, type CodeGuard, type JoinCodeGuardOptions } from './join-code-guard';
import { RedisWindowCounter } from './window-counter';

export interface SharedJoinCodeGuardOptions extends Pick<JoinCodeGuardOptions, 'missesPerWindow' | 'windowMs' | 'codesPerAddress' | 'now'> {
  /**
   * How long an address's found codes are remembered after its last find: a venue looks its
   * code up all evening, and each lookup starts this again. @default 43200000 (12 h)
   */
  foundTtlMs?: number;
  /** Called when Redis cannot answer; the guard then lets the lookup through. */
  onError?: (err: unknown) => void;
}

/**
 * JoinCodeGuard's rules (see join-code-guard.ts), counted in Redis so that they hold over every
 * instance, not per instance. Each address has:
 * - a count of misses per window of the clock (`<prefix>miss:<address>:<window>`, see
 *   RedisWindowCounter), which expires as its window ends;
 * - the codes it found, a sorted set by when it last found them (`<prefix>found:<address>`),
 *   cut to the `codesPerAddress` most recent on each find and expiring `foundTtlMs` after it.
 *
 * While Redis cannot answer, it refuses nothing: the store, on the same Redis, answers the
 * lookup UNAVAILABLE, and a refusal would tell a venue to wait for nothing it did.
 */
export class SharedJoinCodeGuard implements CodeGuard {
  private readonly misses: RedisWindowCounter;
  private readonly missesPerWindow: number;
  private readonly codesPerAddress: number;
  private readonly foundTtlMs: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown) => void;

  /** `keyPrefix`: the prefix of the guard's keys, e.g. `mingle:limit:`. */
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    o: SharedJoinCodeGuardOptions = {},
  ) {
    this.missesPerWindow = o.missesPerWindow ?? 30;
    this.codesPerAddress = o.codesPerAddress ?? 32;
    this.foundTtlMs = o.foundTtlMs ?? 12 * 3_600_000;
    this.now = o.now ?? Date.now;
    this.onError = o.onError ?? (() => {});
    this.misses = new RedisWindowCounter(redis, `${keyPrefix}miss:`, { windowMs: o.windowMs ?? 60_000, now: this.now, onError: this.onError });
  }

  async refusal(ip: string, code: string): Promise<number | null> {
    const address = addressKey(ip);
    const { count, resetInMs } = await this.misses.peek(address);
    if (count < this.missesPerWindow) return null;
    try {
      if ((await this.redis.zscore(this.foundKey(address), code)) !== null) return null;
    } catch (err) {
      this.onError(err);
      return null;
    }
    return Math.max(1, Math.ceil(resetInMs / 1000));
  }

  async found(ip: string, code: string): Promise<void> {
    const key = this.foundKey(addressKey(ip));
    try {
      // Least recently found goes first: a venue's own code, looked up all evening, stays.
      const res = await this.redis
        .multi()
        .zadd(key, this.now(), code)
        .zremrangebyrank(key, 0, -(this.codesPerAddress + 1))
        .pexpire(key, this.foundTtlMs)
        .exec();
      const failed = res?.find(([err]) => err);
      if (failed) throw failed[0];
    } catch (err) {
      this.onError(err);
    }
  }

  async missed(ip: string): Promise<void> {
    await this.misses.add(addressKey(ip));
  }

  private foundKey(address: string): string {
    return `${this.keyPrefix}found:${address}`;
  }
}
