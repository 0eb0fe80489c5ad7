import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Ack } from '../../shared/events';
import type { State } from '../../shared/schemas';
import { AppError, parseWith } from '../errors';
import type { Logger } from '../logger';
import type { TokenBucket } from './limiter';
import { toWireError } from './reply';

type RawListener = (...args: unknown[]) => void;

/**
 * Registers one client event: rate-limit, parse the payload with its shared schema, run the
 * action, and answer the ack with the new state or a coded error. Never throws.
 */
export function handle<S extends z.ZodType>(
  socket: Socket,
  event: string,
  schema: S,
  limiter: TokenBucket,
  logger: Logger,
  action: (payload: z.infer<S>) => Promise<State>,
): void {
  const listener: RawListener = (...args) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (res: Ack) => void) : () => {};
    const payload = typeof args[0] === 'function' || args.length === 0 ? {} : args[0];
    void (async () => {
      try {
        if (!limiter.take()) throw new AppError('RATE_LIMITED', 'Slow down a little');
        const state = await action(parseWith(schema, payload ?? {}));
        ack({ ok: true, state });
      } catch (err) {
        ack({ ok: false, error: toWireError(err, logger) });
      }
    })();
  };
  socket.on(event, listener);
}
