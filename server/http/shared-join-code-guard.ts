import type Redis from 'ioredis';
import { windowAt } from './window-counter';
import { addressKey, JoinCodeGuard, type CodeGuard, type CodeLookup, type JoinCodeGuardOptions, type LookupOutcome } from './join-code-guard';

export interface SharedJoinCodeGuardOptions extends Pick<JoinCodeGuardOptions, 'missesPerWindow' | 'windowMs' | 'codesPerAddress' | 'now'> {
  /**
   * How long an address's found codes are remembered after its last find: a venue looks its
   * code up all evening, and each find starts this again. @default 43200000 (12 h)
   */
  foundTtlMs?: number;
  /**
   * How long a lookup holds its place among those in flight at most, should the instance making
   * it die before it ends. @default 10000
   */
  lookingTtlMs?: number;
  /** Called each time Redis cannot answer and the guard counts in this process instead. */
  onError?: (err: unknown) => void;
  /** Called each time Redis answers (so that the end of an outage can be told). */
  onAnswer?: () => void;
}

/**
 * Lets a lookup through, or not, in one step (so parallel lookups cannot all pass before any is
 * counted). KEYS: found, misses (this window), looking. ARGV: code, missesPerWindow, now,
 * lookingTtlMs. Returns 1 (a found code: let through, holding no place), 2 (let through,
 * holding a place for the code), -1 (refused: the window's misses are used up), 0 (refused:
 * the misses and the codes in flight would pass the limit).
 */
const BEGIN_LUA = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 1 end
local limit = tonumber(ARGV[2])
local misses = tonumber(redis.call('GET', KEYS[2]) or '0')
if misses >= limit then return -1 end
local now = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local looking = redis.call('ZCARD', KEYS[3])
if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then looking = looking + 1 end
if misses + looking > limit then return 0 end
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
return 2`;

/**
 * Ends a lookup in one step: frees the code's place among those in flight and counts how it
 * ended. KEYS: looking, misses (this window), found. ARGV: code, outcome, ms until the window
 * ends, now, codesPerAddress, foundTtlMs.
 */
const END_LUA = `
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[2] == 'missed' then
  redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
elseif ARGV[2] == 'found' then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[5]) + 1))
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
end
return 1`;

type Command = (...keysThenArgs: Array<string | number>) => Promise<unknown>;
interface GuardCommands {
  mingleCodeBegin: Command;
  mingleCodeEnd: Command;
}

/**
 * JoinCodeGuard's rules (see join-code-guard.ts), counted in Redis so that they hold over every
 * instance, not per instance. Each address has:
 * - a count of misses per window of the clock (`<prefix>miss:<address>:<window>`), which
 *   expires as its window ends;
 * - the codes it is looking up right now (`<prefix>looking:<address>`), a sorted set by when
 *   each place lapses (`lookingTtlMs` after it was taken), so that an instance that dies midway
 *   holds no place for long;
 * - the codes it found (`<prefix>found:<address>`), a sorted set by when it last found them,
 *   cut to the `codesPerAddress` most recent on each find, each find renewing its `foundTtlMs`
 *   expiry.
 * Letting a lookup through and ending it are one Lua script each.
 *
 * While Redis cannot answer (down, reconnecting, or slower than the limits' timeout), the guard
 * counts in this process instead (a JoinCodeGuard), so guessing stays limited per instance; the
 * request neither fails nor waits longer than that timeout.
 */
export class SharedJoinCodeGuard implements CodeGuard {
  private readonly commands: GuardCommands;
  private readonly local: JoinCodeGuard;
  private readonly missesPerWindow: number;
  private readonly windowMs: number;
  private readonly codesPerAddress: number;
  private readonly foundTtlMs: number;
  private readonly lookingTtlMs: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown) => void;
  private readonly onAnswer: () => void;

  /** `keyPrefix`: the prefix of the guard's keys, e.g. `mingle:limit:`. */
  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
    o: SharedJoinCodeGuardOptions = {},
  ) {
    this.missesPerWindow = o.missesPerWindow ?? 30;
    this.windowMs = o.windowMs ?? 60_000;
    this.codesPerAddress = o.codesPerAddress ?? 32;
    this.foundTtlMs = o.foundTtlMs ?? 12 * 3_600_000;
    this.lookingTtlMs = o.lookingTtlMs ?? 10_000;
    this.now = o.now ?? Date.now;
    this.onError = o.onError ?? (() => {});
    this.onAnswer = o.onAnswer ?? (() => {});
    this.local = new JoinCodeGuard({ missesPerWindow: this.missesPerWindow, windowMs: this.windowMs, codesPerAddress: this.codesPerAddress, now: this.now });
    if (!('mingleCodeBegin' in redis)) {
      redis.defineCommand('mingleCodeBegin', { numberOfKeys: 3, lua: BEGIN_LUA });
      redis.defineCommand('mingleCodeEnd', { numberOfKeys: 3, lua: END_LUA });
    }
    this.commands = redis as unknown as GuardCommands;
  }

  async begin(ip: string, code: string): Promise<CodeLookup> {
    const keys = this.keysOf(addressKey(ip));
    const now = this.now();
    const { window, resetInMs } = windowAt(now, this.windowMs);
    let answer: number;
    try {
      answer = Number(await this.commands.mingleCodeBegin(keys.found, keys.misses(window), keys.looking, code, this.missesPerWindow, now, this.lookingTtlMs));
      this.onAnswer();
    } catch (err) {
      this.onError(err);
      return this.local.begin(ip, code);
    }
    if (answer === -1) return { allowed: false, retryAfter: Math.max(1, Math.ceil(resetInMs / 1000)) };
    if (answer === 0) return { allowed: false, retryAfter: 1 };
    return { allowed: true, end: (outcome) => this.end(ip, code, outcome) };
  }

  private async end(ip: string, code: string, outcome: LookupOutcome): Promise<void> {
    const keys = this.keysOf(addressKey(ip));
    const now = this.now();
    const { window, resetInMs } = windowAt(now, this.windowMs);
    try {
      await this.commands.mingleCodeEnd(keys.looking, keys.misses(window), keys.found, code, outcome, resetInMs, now, this.codesPerAddress, this.foundTtlMs);
      this.onAnswer();
    } catch (err) {
      // The place it held lapses by itself; the outcome still counts, here.
      this.onError(err);
      this.local.settle(ip, code, outcome);
    }
  }

  private keysOf(address: string) {
    return {
      found: `${this.keyPrefix}found:${address}`,
      looking: `${this.keyPrefix}looking:${address}`,
      misses: (window: number) => `${this.keyPrefix}miss:${address}:${window}`,
    };
  }
}
