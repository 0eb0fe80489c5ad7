import pino from 'pino';
import type { Config } from './config';
import { CENSOR, censorText } from './log-text';

/**
 * Top-level paths pino's own redaction blanks once serializers have run (the Fastify request's
 * headers, a Redis error's command). `censorSecrets` below finds secrets at any depth before
 * then; these stay for what a serializer adds afterwards.
 */
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


/**
 * Keys whose values never reach a log, at any depth: credentials (tokens, keys, authorization
 * and cookie headers) and contact details (a `Contact`, or its email or phone on their own).
 */
const SECRET_KEY = /token|secret|password|authorization|cookie|email|phone|^(organiser_?key|contacts?)$/i;

/** Whether the value under `key` (in an object under `parent`) is a secret. A Redis command's arguments are: tokens' hashes, contacts. */
const isSecret = (key: string, parent: string | undefined) => SECRET_KEY.test(key) || (key === 'args' && parent === 'command');

/** Deeper than this, a logged value is left out rather than looked through. */
const MAX_DEPTH = 12;

/**
 * `value` as it may be logged: every secret key blanked and credentials cut out of every string
 * (censorText), at any depth, in plain objects, arrays and errors (an error stays an error of its
 * own class, so the err serializer still names its type and keeps its stack). Anything that says
 * how to write itself (`toJSON`: a Date, a URL) is looked through in that form; any other object,
 * which JSON would write field by field, too. Returns `value` itself when nothing needed
 * blanking, so logging without secrets copies nothing. A cycle is written `[Circular]`.
 */
export function censorSecrets(value: unknown, key?: string): unknown {
  return censor(value, key, 0, new Set());
}

/** `value`, found under `key`, censored (see censorSecrets); `path` holds the objects it is inside. */
function censor(value: unknown, key: string | undefined, depth: number, path: Set<object>): unknown {
  if (typeof value === 'string') return censorText(value);
  if (typeof value !== 'object' || value === null) return value;
  // Its original form, below a censored copy, would carry its secrets into the log.
  if (path.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep to log]';
  path.add(value);
  try {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const censored = censor(item, key, depth + 1, path);
        if (censored !== item) (copy ??= value.slice())[i] = censored;
      });
      return copy ?? value;
    }
    if (value instanceof Error) return censorError(value, depth, path);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return censor(toJSON.call(value), key, depth, path);
    return censorFields(value as Record<string, unknown>, key, depth, path);
  } finally {
    path.delete(value);
  }
}

/**
 * A plain object's fields censored: a secret key's value blanked, any other looked through.
 * `keep` names fields passed on untouched (for the log line itself: Fastify's `req` and `res`,
 * which only their serializers read). Returns `object` itself when nothing needed blanking.
 */
function censorFields<T extends Record<string, unknown>>(object: T, key: string | undefined, depth: number, path: Set<object>, keep?: (key: string) => boolean): T {
  let copy: Record<string, unknown> | undefined;
  for (const inner of Object.keys(object)) {
    if (keep?.(inner)) continue;
    const item = object[inner];
    const censored = isSecret(inner, key) ? CENSOR : censor(item, inner, depth + 1, path);
    if (censored !== item) (copy ??= { ...object })[inner] = censored;
  }
  return (copy ?? object) as T;
}

/** An error with its secrets blanked: a copy of the same class, or the error itself if it had none. */
function censorError(err: Error, depth: number, path: Set<object>): Error {
  const own = Object.getOwnPropertyNames(err);
  const values = own.map((key) => {
    const item = (err as unknown as Record<string, unknown>)[key];
    return isSecret(key, undefined) ? CENSOR : censor(item, key, depth + 1, path);
  });
  if (values.every((v, i) => v === (err as unknown as Record<string, unknown>)[own[i]!])) return err;
  const copy = Object.create(Object.getPrototypeOf(err) as object) as Error;
  own.forEach((key, i) => {
    const enumerable = Object.getOwnPropertyDescriptor(err, key)?.enumerable ?? false;
    Object.defineProperty(copy, key, { value: values[i], enumerable, writable: true, configurable: true });
  });
  return copy;
}

/** Fastify's request serializer, with credentials cut out of the URL. */
function requestForLog(req: { method?: string; url?: string; headers?: Record<string, unknown>; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? censorText(req.url) : req.url,
    version: req.headers?.['accept-version'],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** How every logger here writes: secrets blanked wherever they are nested (see censorSecrets). */
export function loggerOptions(level: Config['logLevel']): pino.LoggerOptions {
  return {
    level,
    formatters: {
      // Runs before the serializers, on what the call logged.
      log: (object) => censorFields(object, undefined, 0, new Set(), (key) => key === 'req' || key === 'res'),
      bindings: (bindings) => censorSecrets(bindings) as pino.Bindings,
    },
    serializers: { req: requestForLog },
    // The message, and any string arguments it interpolates, are censored like logged values.
    hooks: {
      logMethod(args, method) {
        const censored = args.map((arg) => (typeof arg === 'string' ? censorText(arg) : arg)) as typeof args;
        // `log.error(err)` or `log.error({err})` alone: pino would take the message from the
        // error, past this hook and the formatters.
        const [first] = args as unknown[];
        const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        if (args.length === 1 && err instanceof Error) (censored as unknown[]).push(censorText(err.message));
        method.apply(this, censored);
      },
    },
    redact: { paths: REDACT_PATHS, censor: CENSOR },
  };
}

/**
 * Pretty output only when a person is watching a terminal. Otherwise JSON lines to stdout,
 * each written before the call returns, as Node writes `process.stdout` to a pipe or a file.
 * pino's own default writes asynchronously, and its exit hook then wrote whatever was still
 * queued behind a write in flight: lines came out of order, and to a pipe nobody read any more
 * (EPIPE) its sonic-boom 4 retried that write for ever, so a SIGTERM could never end the process.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream) {
  const options = loggerOptions(config.logLevel);
  if (!destination && process.stdout.isTTY && config.logLevel !== 'silent') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss' } } });
  }
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

export type Logger = pino.Logger;
