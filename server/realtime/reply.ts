import type { WireError } from '../../shared/errors';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/** Turns anything thrown into an error a client may see: known codes only, no internals. */
export function toWireError(err: unknown, logger: Logger): WireError {
  if (err instanceof AppError) {
    if (err.code === 'INTERNAL') logger.error({ err }, 'internal error');
    return err.issues
      ? { code: err.code, message: err.message, issues: err.issues }
      : { code: err.code, message: err.message };
  }
  logger.error({ err }, 'unexpected error');
  return { code: 'INTERNAL', message: 'Something went wrong on our side' };
}
