import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { WireError } from '../../shared/errors';
import { AppError, parseWith } from '../errors';
import type { Logger } from '../logger';
import type { TokenBucket } from './limiter';
import { toWireError } from './reply';

type RawListener = (...args: unknown[]) => void;
type RawAck = (res: { ok: true } | { ok: false; error: WireError }) => void;

export interface HandlerContext {
  socket: Socket;
  limiter: TokenBucket;
  logger: Logger;
  /** Counts failures that were the store's fault (for /metrics). */
  onUnavailable?: () => void;
}

/**
 * Registers one client event: rate-limit, parse the payload with its shared schema, run the
 * action, and ack `{ok: true, ...result}` or a coded error. Never throws.
 */
export function handle<S extends z.ZodType, R extends object>(
  ctx: HandlerContext,
  event: string,
  schema: S,
  action: (payload: z.infer<S>) => Promise<R>,
): void {
  const listener: RawListener = (...args) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as RawAck) : () => {};
    const payload = typeof args[0] === 'function' || args.length === 0 ? {} : args[0];
    void (async () => {
      try {
        if (!ctx.limiter.take()) throw new AppError('RATE_LIMITED', 'Slow down a little');
        const result = await action(parseWith(schema, payload ?? {}));
        ack({ ok: true, ...result });
      } catch (err) {
        const error = toWireError(err, ctx.logger);
        if (error.code === 'UNAVAILABLE') ctx.onUnavailable?.();
        ack({ ok: false, error });
      }
    })();
  };
  ctx.socket.on(event, listener);
}
