import Redis from 'ioredis';
import pino from 'pino';
import type { Logger } from '../logger';
import { connectReady } from '../store/redis/connect';

/**
 * The HTTP limits' own connection to the Redis that several instances share, so that each
 * limit counts over all of them rather than per instance.
 */
export interface SharedLimits {
  redis: Redis;
  /** `REDIS_PREFIX`: the limits' keys go under `<prefix>rate:` and `<prefix>limit:`. */
  prefix: string;
  /** How long a limit's command may take before it is given up (SharedLimitsOptions). */
  commandTimeoutMs: number;
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
  const commandTimeoutMs = o.commandTimeoutMs ?? 200;
  const redis = new Redis(o.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (times) => Math.min(times * 100, 1000),
    enableAutoPipelining: true,
  });
  // Each limit reports its failed commands (outageWarnings) and counts in this process meanwhile.
  redis.on('error', () => {});
  // Not redis.connect(): its handshake would get the 200 ms above (see connectReady).
  await connectReady(redis);
  return {
    redis,
    prefix: o.prefix,
    commandTimeoutMs,
    async close() {
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** What every shared limit tells of its commands: the ones Redis failed, and the ones it answered. */
export interface LimitHealth {
  /** Redis did not answer in time (down, reconnecting, or slow): the limit counted in this process. */
  onError: (err: unknown) => void;
  /** Redis answered: the limit counted over every instance. */
  onAnswer: () => void;
}

/**
 * What the limits call when Redis does or does not answer: a warning at the first failure, then
 * at most one per `everyMs`, with how many failed since the last, so that an outage logs a line
 * a minute rather than one per request; and, after a warning, a line once Redis answers again,
 * so the log says when the limits were shared again (a Redis that is slow only at times logs at
 * most one of each a minute). A command given up after `timeoutMs` fails the same as one that
 * found Redis down: the warning names both.
 */
export function outageWarnings(
  logger: Pick<Logger, 'warn' | 'info'>,
  o: { everyMs?: number; now?: () => number; /** @default 200 */ timeoutMs?: number } = {},
): LimitHealth {
  const everyMs = o.everyMs ?? 60_000;
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 200;
  let warnedAt = -Infinity;
  /** A warning went out, and no line since has said Redis answers again. */
  let warned = false;
  let failures = 0;
  return {
    onError(err) {
      failures++;
      if (now() - warnedAt < everyMs) return;
      warnedAt = now();
      warned = true;
      logger.warn(
        { err: loggableError(err), failures },
        `the shared HTTP limits cannot reach Redis, or it is slower than ${timeoutMs} ms; counting in this process until it answers`,
      );
      failures = 0;
    },
    onAnswer() {
      if (!warned) return;
      warned = false;
      logger.info({ failures }, 'the shared HTTP limits reach Redis again; counting over every instance');
      failures = 0;
    },
  };
}

/**
 * `err`, so that pino's err serializer writes the errors inside it too: a failed transaction
 * (MULTI/EXEC) carries the errors of its commands in `previousErrors`, which the serializer
 * leaves as they are, and which then log as `{}`. A copy of the same class (so the serializer
 * still names its type), with those errors already written as the serializer writes one.
 */
function loggableError(err: unknown): unknown {
  const previousErrors = (err as { previousErrors?: unknown } | null)?.previousErrors;
  if (!(err instanceof Error) || !Array.isArray(previousErrors)) return err;
  const copy = Object.create(Object.getPrototypeOf(err) as object) as Error & { previousErrors: unknown[] };
  for (const key of Object.getOwnPropertyNames(err)) {
    Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(err, key)!);
  }
  copy.previousErrors = previousErrors.map((e: unknown) => (e instanceof Error ? pino.stdSerializers.err(e) : e));
  return copy;
}
