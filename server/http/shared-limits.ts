import Redis from 'ioredis';
import type { Logger } from '../logger';

/**
 * The HTTP limits' own connection to the Redis that several instances share, so that each
 * limit counts over all of them rather than per instance.
 */
export interface SharedLimits {
  redis: Redis;
  /** `REDIS_PREFIX`: the limits' keys go under `<prefix>rate:` and `<prefix>limit:`. */
  prefix: string;
  close(): Promise<void>;
}

export interface SharedLimitsOptions {
  /** e.g. redis://127.0.0.1:6379/0 */
  url: string;
  prefix: string;
  /**
   * A limit's command that has not answered by then is given up, and the limit counts in this
   * process instead (see RedisWindowCounter).
   * @default 200
   */
  commandTimeoutMs?: number;
}

/**
 * Connects the limits to Redis, on a connection of their own. Limits are checked before the
 * request's own store call, so they fail faster than the store does (no offline queue, no
 * retry, a short timeout): a Redis that hangs adds at most two limit timeouts (a join's rate
 * limit and its code lookup, 0.4 s) to the store's own before the `503 UNAVAILABLE`, and a
 * reconnecting one none, as a command fails at once while the connection is down. On the
 * store's connection, each limit would wait out the store's full timeout first, and queue
 * behind it.
 */
export async function connectSharedLimits(o: SharedLimitsOptions): Promise<SharedLimits> {
  const redis = new Redis(o.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: o.commandTimeoutMs ?? 200,
    retryStrategy: (times) => Math.min(times * 100, 1000),
    enableAutoPipelining: true,
  });
  // Each limit reports its failed commands (outageWarnings) and counts in this process meanwhile.
  redis.on('error', () => {});
  await redis.connect();
  return {
    redis,
    prefix: o.prefix,
    async close() {
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * What the limits call when Redis cannot answer: a warning at the first failure, then at most
 * one per `everyMs`, with how many failed since the last, so that an outage logs a line a
 * minute rather than one per request.
 */
export function outageWarnings(logger: Pick<Logger, 'warn'>, o: { everyMs?: number; now?: () => number } = {}): (err: unknown) => void {
  const everyMs = o.everyMs ?? 60_000;
  const now = o.now ?? Date.now;
  let warnedAt = -Infinity;
  let failures = 0;
  return (err) => {
    failures++;
    if (now() - warnedAt < everyMs) return;
    warnedAt = now();
    logger.warn({ err, failures }, 'the shared HTTP limits cannot reach Redis; counting in this process until it answers');
    failures = 0;
  };
}
