import type { WireError } from '../../shared/errors';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/** Turns anything thrown into an error a client may see: known codes only, no internals. */
export function toWireError(err: unknown, logger: Logger): WireError {
  if (err instanceof AppError) {
    if (err.code === 'INTERNAL') logger.error({ err }, 'internal error');
    return {
      code: err.code,
      message: err.message,
      ...(err.issues ? { issues: err.issues } : {}),
      ...(err.reason ? { reason: err.reason } : {}),
    };
  }
  logger.error({ err }, 'unexpected error');
  return { code: 'INTERNAL', message: 'Something went wrong on our side.' };
}

/**
 * A refused handshake, for a namespace middleware's `next`: the code as the `connect_error`'s
 * message, and a reason beside it as its `data` (`{reason}`, see ErrorReason), which Socket.IO
 * hands to the client.
 */
export function handshakeError(err: unknown, logger: Logger): Error & { data?: { reason: string } } {
  const wire = toWireError(err, logger);
  const refused: Error & { data?: { reason: string } } = new Error(wire.code);
  if (wire.reason) refused.data = { reason: wire.reason };
  return refused;
}
