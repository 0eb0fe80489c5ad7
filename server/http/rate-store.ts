import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { SharedLimits } from './shared-limits';
import { RedisWindowCounter } from './window-counter';

/**
 * What @fastify/rate-limit hands to a store's `child`: the route's limit options, with the route
 * under `routeInfo` (its typings say the route options themselves).
 */
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

export interface SharedRateStoreOptions {
  /** The plugin's `timeWindow`, which every route here keeps. */
  windowMs: number;
  now: () => number;
  /** Called each time Redis cannot answer and the count is kept in this process instead. */
  onError: (err: unknown) => void;
  /** Called each time Redis answers (so that the end of an outage can be told). */
  onAnswer?: () => void;
}

/**
 * The store for the write and join limits (@fastify/rate-limit) when instances share Redis: the
 * same fixed windows of the clock as the other HTTP limits (RedisWindowCounter), under
 * `<prefix>rate:<METHOD><route>-<key>:<window>`.
 *
 * The plugin's own Redis store can only fail the request or step aside (`skipOnError`) while
 * Redis cannot answer. This one counts in this process meanwhile, as the event cap and the
 * join-code guard do, so the limits hold per instance through an outage instead of lifting.
 *
 * The plugin builds the store itself (`new Store(pluginOptions)`), so this returns a class.
 */
export function sharedRateStore(shared: SharedLimits, o: SharedRateStoreOptions): FastifyRateLimitStoreCtor {
  const root = `${shared.prefix}rate:`;
  const { windowMs, now, onError, onAnswer } = o;
  return class SharedRateStore implements FastifyRateLimitStore {
    private readonly counter: RedisWindowCounter;

    constructor(_pluginOptions?: unknown, keyPrefix = root) {
      this.counter = new RedisWindowCounter(shared.redis, keyPrefix, { windowMs, now, onError, onAnswer });
    }

    incr(key: string, done: (err: Error | null, res?: { current: number; ttl: number }) => void): void {
      // `add` never rejects: while Redis cannot answer, it counts here.
      void this.counter.add(key).then(({ count, resetInMs }) => done(null, { current: count, ttl: resetInMs }));
    }

    child(route: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const { method = '', url = '' } = (route as unknown as RouteParams).routeInfo ?? {};
      return new SharedRateStore(undefined, `${root}${String(method)}${url}-`);
    }
  };
}
