import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { WireError } from '../../shared/errors';
import { AppError, parseWith } from '../errors';
import type { Logger } from '../logger';
import type { TokenBucket } from './limiter';
import { toWireError } from './reply';

type RawAck = (res: { ok: true } | { ok: false; error: WireError }) => void;

export interface HandlerContext {
  socket: Socket;
  limiter: TokenBucket;
  logger: Logger;
  /** Counts failures that were the store's fault (for /metrics). */
  onUnavailable?: () => void;
}

/**
 * Runs one client event: rate-limit, parse the payload with its shared schema, run the action,
 * and ack `{ok: true, ...result}` or a coded error. Never throws.
 */
export function runEvent<S extends z.ZodType, R extends object>(
  ctx: HandlerContext,
  args: unknown[],
  schema: S,
  action: (payload: z.infer<S>) => Promise<R>,
): void {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as RawAck) : () => {};
  const payload = typeof args[0] === 'function' || args.length === 0 ? {} : args[0];
  void (async () => {
    try {
      if (!ctx.limiter.take()) throw new AppError('RATE_LIMITED', 'Slow down a little.');
      const result = await action(parseWith(schema, payload ?? {}));
      ack({ ok: true, ...result });
    } catch (err) {
      const error = toWireError(err, ctx.logger);
      if (error.code === 'UNAVAILABLE') ctx.onUnavailable?.();
      ack({ ok: false, error });
    }
  })();
}

/** Registers one client event on one socket (see runEvent). */
export function handle<S extends z.ZodType, R extends object>(
  ctx: HandlerContext,
  event: string,
  schema: S,
  action: (payload: z.infer<S>) => Promise<R>,
): void {
  ctx.socket.on(event, (...args: unknown[]) => runEvent(ctx, args, schema, action));
}

/** One client event of a namespace: its payload's schema, and what it does for caller `M`. */
export interface Route<M> {
  schema: z.ZodType;
  action: (me: M, payload: never) => Promise<object>;
}

/** A route whose action's payload type follows from its schema. */
export function route<M, S extends z.ZodType>(schema: S, action: (me: M, payload: z.infer<S>) => Promise<object>): Route<M> {
  return { schema, action: action as Route<M>['action'] };
}

/**
 * Serves a namespace's events on one socket through a single listener and a shared table of
 * routes. At 10,000 phones, a listener and closures per event per socket came to kilobytes a
 * phone. Events not in the table are ignored, as Socket.IO ignores events nobody listens to.
 */
export function serveRoutes<M>(ctx: HandlerContext, me: M, routes: ReadonlyMap<string, Route<M>>): void {
  ctx.socket.onAny((event: string, ...args: unknown[]) => {
    const r = routes.get(event);
    if (r) runEvent(ctx, args, r.schema, (payload) => r.action(me, payload as never));
  });
}
