import pino from 'pino';
import type { Config } from './config';

/** Paths pino blanks out wherever they appear: tokens and contact details. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'token',
  '*.token',
  'organiserToken',
  '*.organiserToken',
  'auth.token',
  'contact',
  '*.contact',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'err.command',
  '*.command.args',
];

/** Pretty output only when a person is watching a terminal. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (!destination && process.stdout.isTTY && config.logLevel !== 'silent') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss' } } });
  }
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = pino.Logger;
