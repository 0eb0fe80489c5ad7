import Redis from 'ioredis';

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
   * A limit's command that has not answered by then lets the request through.
   * @default 200
   */
  commandTimeoutMs?: number;
}

/**
 * Connects the limits to Redis, on a connection of their own. Limits are checked before the
 * request's own store call, so they fail faster than the store does (no offline queue, no
 * retry, a short timeout): a Redis that hangs adds at most two limit timeouts (a join's limit
 * and its code lookup, 0.4 s) to the store's own before the `503 UNAVAILABLE`. On the store's
 * connection, each limit would wait out the store's full timeout first, and queue behind it.
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
  redis.on('error', () => {}); // a limit that cannot count steps aside; the store reports the outage
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
