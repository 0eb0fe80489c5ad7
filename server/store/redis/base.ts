import Redis, { type RedisOptions } from 'ioredis';
import { DEFAULT_EVENT_MS } from '../../../shared/event-length';
import { AppError } from '../../errors';
import { DEFAULT_RETENTION_MS } from '../store';
import { connectReady } from './connect';
import { Keys } from './keys';
import { scripts, type ScriptName } from './scripts';

export interface RedisStoreOptions {
  /** e.g. redis://127.0.0.1:6379/0 */
  url: string;
  /**
   * Prefix of every key, so several deployments (or test runs) can share one Redis.
   * @default "mingle:"
   */
  prefix?: string;
  /**
   * How long an event's keys live after it ends.
   * @default DEFAULT_RETENTION_MS (24 h)
   */
  retentionMs?: number;
  /**
   * When an event has no `endsAt`, it is taken to end this long after it was created.
   * @default DEFAULT_EVENT_MS (24 h)
   */
  defaultEventMs?: number;
  /**
   * A command that has not answered by then fails with UNAVAILABLE.
   * @default 1500
   */
  commandTimeoutMs?: number;
}

type Hash = Record<string, string>;
type ScriptFn = (...args: Array<string | number>) => Promise<unknown>;


/**
 * The connection under the Redis store: one ioredis client with the Lua scripts defined, and the
 * rule that connection trouble becomes UNAVAILABLE. Requests fail fast while Redis is
 * unreachable (no offline queue, one retry, a command timeout) and recover by themselves.
 */
export class RedisConnection {
  readonly redis: Redis;
  readonly keys: Keys;
  protected readonly retentionMs: number;
  protected readonly defaultEventMs: number;

  constructor(o: RedisStoreOptions) {
    this.keys = new Keys(o.prefix ?? 'mingle:');
    this.retentionMs = o.retentionMs ?? DEFAULT_RETENTION_MS;
    this.defaultEventMs = o.defaultEventMs ?? DEFAULT_EVENT_MS;
    const options: RedisOptions = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: o.commandTimeoutMs ?? 1500,
      retryStrategy: (times) => Math.min(times * 100, 1000),
      // Commands issued in the same turn of the event loop go out as one write (a busy tick's
      // claims, a burst of finds), with no change to what each command does.
      enableAutoPipelining: true,
    };
    this.redis = new Redis(o.url, options);
    this.redis.on('error', () => {}); // surfaced per request as UNAVAILABLE; main.ts logs state changes
    for (const [name, s] of Object.entries(scripts)) {
      this.redis.defineCommand(name, { numberOfKeys: s.numberOfKeys, lua: s.lua });
    }
  }

  /** Connects and waits until Redis answers (its ready check), however busy it is for a moment. */
  async connect(): Promise<void> {
    await connectReady(this.redis);
  }

  async ping() {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close() {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  protected async hgetallMany(keys: string[]): Promise<Hash[]> {
    if (keys.length === 0) return [];
    const res = await this.run(() => {
      const p = this.redis.pipeline();
      for (const key of keys) p.hgetall(key);
      return p.exec();
    });
    return (res ?? []).map(([err, value]) => {
      if (err) throw unavailable(err);
      return value as Hash;
    });
  }

  /** Runs one of the Lua scripts in scripts.ts. */
  script(name: ScriptName, keys: string[], args: Array<string | number>): Promise<unknown> {
    const fn = (this.redis as unknown as Record<ScriptName, ScriptFn>)[name].bind(this.redis);
    return this.run(() => fn(...keys, ...args));
  }

  /** Runs a command; connection trouble becomes UNAVAILABLE, anything else is a bug. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw unavailable(err);
    }
  }
}

/** Redis errors that mean "not now" rather than a bug. */
const TRANSIENT = /^(OOM|LOADING|READONLY|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN)\b/;

export function unavailable(err: unknown): Error {
  if (err instanceof AppError) return err;
  if (err instanceof Error && err.name === 'ReplyError') {
    // ioredis attaches the command and its arguments (contacts, token hashes): never log them.
    delete (err as Error & { command?: unknown }).command;
    if (!TRANSIENT.test(err.message)) return err; // a script bug: INTERNAL
  }
  return new AppError('UNAVAILABLE', 'The service is briefly unavailable; try again in a moment.');
}
