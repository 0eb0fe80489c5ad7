import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { z } from 'zod';
import { defaultPublicUrl, type Interfaces } from './public-url';
import { DEFAULT_MAX_ATTENDEES_PER_EVENT } from './store/store';

/** pino's levels, `silent` for none. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A whole number from an environment string, with one message that says what is wanted
 * whatever is wrong (zod's own would say "expected number, received NaN" for `PORT=abc`).
 */
function wholeNumber(min: number, max?: number) {
  const wanted = max === undefined ? `expected a whole number of at least ${min}` : `expected a whole number from ${min} to ${max}`;
  const n = z.coerce.number({ error: wanted }).int(wanted).min(min, wanted);
  return max === undefined ? n : n.max(max, wanted);
}

const port = wholeNumber(0, 65535);

/** An address or CIDR that Fastify's trustProxy (proxy-addr) takes: `10.0.0.0/8`, `::1`. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** `true`, `false`, or a comma-separated list of the proxies' addresses and CIDRs. */
const trustProxy = z
  .string()
  .transform((value, ctx): boolean | string[] => {
    if (value === 'true' || value === 'false') return value === 'true';
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isAddressOrCidr)) return entries;
    ctx.addIssue({ code: 'custom', message: 'expected true, false, or comma-separated proxy addresses or CIDRs' });
    return z.NEVER;
  });

/** Every environment variable Mingle reads, with its default; README.md's Settings table lists each. */
export const ConfigSchema = z.object({
  /** 0 takes a free port, which the default PUBLIC_URL then names (main.ts). */
  PORT: port.default(3000),
  /** The address to listen on; only 0.0.0.0 or :: (every interface) lets the default PUBLIC_URL be the LAN address. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /**
   * Base URL printed in join links and QR codes. Defaults to this machine's address on the local
   * network (public-url.ts), else http://localhost:PORT.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL, such as http://192.168.1.23:3000' }).optional(),
  /** How often each event's matcher runs (ms), at least once a minute. */
  MATCH_INTERVAL_MS: wholeNumber(1, 60_000).default(1000),
  /**
   * How long a match waits for "we found each other" before it times out. At least 10 s (a
   * value in seconds by mistake would end every match at the next tick), and more than two
   * matching ticks.
   */
  MATCH_TIMEOUT_MS: z.coerce
    .number({ error: 'expected a whole number of milliseconds, at least 10000' })
    .int('expected a whole number of milliseconds, at least 10000')
    .min(10_000, 'must be at least 10000 (milliseconds)')
    .default(180_000),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  /** When set, creating an event needs `Authorization: Bearer <ORGANISER_KEY>`. */
  ORGANISER_KEY: z.string().min(8, 'expected at least 8 characters (a long random secret)').optional(),
  /** HTTP requests per minute per client IP on the write routes and the organiser's costly reads (joining has its own limit). */
  RATE_LIMIT_PER_MINUTE: wholeNumber(1).default(120),
  /**
   * Joins per minute to one event from one client address. A venue's Wi-Fi puts the whole room
   * behind one NAT address, so this is sized for a room of a few thousand scanning the QR code
   * within a couple of minutes, while one address still cannot flood an event without end.
   */
  JOIN_RATE_LIMIT_PER_MINUTE: wholeNumber(1).default(1500),
  /**
   * Events one client address may create in a clock hour (an IPv6 address counts by its /64),
   * on top of the write limit: enough for an organiser setting up a few evenings, while one
   * address cannot fill the store with events without end. Counted over every instance on Redis.
   * @default 30
   */
  EVENTS_PER_HOUR_PER_ADDRESS: wholeNumber(1).default(30),
  /**
   * The most attendees one event may hold; later joins are refused EVENT_FULL, while those
   * already in always get back in. A bound on what one leaked join code can cost.
   * @default 20000
   */
  MAX_ATTENDEES_PER_EVENT: wholeNumber(1).default(DEFAULT_MAX_ATTENDEES_PER_EVENT),
  /** When set, state lives in Redis and several instances can share events. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL, such as redis://127.0.0.1:6379' }).optional(),
  /** Prefix of every Redis key. */
  REDIS_PREFIX: z.string().max(64, 'expected at most 64 characters').default('mingle:'),
  /** How long an event's data is kept after it ends, in hours (fractions allowed; at most a year). */
  RETENTION_HOURS: z.coerce
    .number({ error: 'expected a number of hours, more than 0 and at most 8760' })
    .positive('expected a number of hours, more than 0 and at most 8760')
    .max(24 * 365, 'expected a number of hours, more than 0 and at most 8760')
    .default(24),
  /** Where the embedded store keeps its snapshot (no Redis). */
  DATA_DIR: z.string().min(1).default('./data'),
  /** When set, `/metrics` needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(8, 'expected at least 8 characters (a long random secret)').optional(),
  /**
   * Behind a reverse proxy: take the client address from X-Forwarded-For (for rate limits).
   * A list of the proxies' addresses or CIDRs believes the header only from them; `true`
   * believes anyone, so use it only when nothing but a proxy that overwrites the header can
   * reach this instance.
   */
  TRUST_PROXY: trustProxy.default(false),
  /** This instance's name in leases and logs; random when unset. */
  INSTANCE_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'expected 1 to 64 letters, digits, dots, dashes or underscores')
    .optional(),
  /**
   * V8 collects garbage once the old generation has grown this many percent over what was live
   * after the last full collection; 0 leaves it to V8 (which lets it about double under load).
   */
  HEAP_GROWING_PERCENT: wholeNumber(0, 400).default(30),
});

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  /** Whether PUBLIC_URL was set; unset, `publicUrl` is worked out from the port and HOST (see `withPort`). */
  publicUrlSet: boolean;
  matchIntervalMs: number;
  matchTimeoutMs: number;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  organiserKey: string | undefined;
  rateLimitPerMinute: number;
  joinRateLimitPerMinute: number;
  eventsPerHourPerAddress: number;
  maxAttendeesPerEvent: number;
  redisUrl: string | undefined;
  redisPrefix: string;
  retentionMs: number;
  dataDir: string;
  instanceId: string;
  /** Fastify's trustProxy: believe X-Forwarded-For from anyone, no one, or these proxies. */
  trustProxy: boolean | string[];
  metricsToken: string | undefined;
  heapGrowingPercent: number;
};

/** Thrown for a bad environment; main.ts prints its one-line message and exits. */
export class ConfigError extends Error {}

/**
 * Reads and validates the environment. Empty strings count as unset. `interfaces` is this
 * machine's network interfaces, for the default PUBLIC_URL.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, interfaces: Interfaces = networkInterfaces()): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const c = parsed.data;
  // The ticker ends timed-out matches once a tick, so a match lives up to a tick past its
  // timeout: within two ticks, that rounding would be most of the time people get.
  if (c.MATCH_TIMEOUT_MS <= 2 * c.MATCH_INTERVAL_MS) {
    throw new ConfigError(
      `Invalid environment variable MATCH_TIMEOUT_MS: must be more than twice MATCH_INTERVAL_MS (${c.MATCH_INTERVAL_MS})`,
    );
  }
  return {
    port: c.PORT,
    host: c.HOST,
    publicUrl: (c.PUBLIC_URL ?? defaultPublicUrl(c.PORT, c.HOST, interfaces)).replace(/\/+$/, ''),
    publicUrlSet: c.PUBLIC_URL !== undefined,
    matchIntervalMs: c.MATCH_INTERVAL_MS,
    matchTimeoutMs: c.MATCH_TIMEOUT_MS,
    logLevel: c.LOG_LEVEL,
    organiserKey: c.ORGANISER_KEY,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    joinRateLimitPerMinute: c.JOIN_RATE_LIMIT_PER_MINUTE,
    eventsPerHourPerAddress: c.EVENTS_PER_HOUR_PER_ADDRESS,
    maxAttendeesPerEvent: c.MAX_ATTENDEES_PER_EVENT,
    redisUrl: c.REDIS_URL,
    redisPrefix: c.REDIS_PREFIX,
    retentionMs: c.RETENTION_HOURS * 3_600_000,
    dataDir: c.DATA_DIR,
    trustProxy: c.TRUST_PROXY,
    metricsToken: c.METRICS_TOKEN,
    heapGrowingPercent: c.HEAP_GROWING_PERCENT,
    instanceId: c.INSTANCE_ID ?? `mingle-${randomBytes(4).toString('hex')}`,
  };
}

/**
 * The config for a server listening on `port` (say, the free port that PORT=0 was given): a
 * default PUBLIC_URL names that port; one that was set stays as it is.
 */
export function withPort(config: Config, port: number, interfaces: Interfaces = networkInterfaces()): Config {
  return { ...config, port, publicUrl: config.publicUrlSet ? config.publicUrl : defaultPublicUrl(port, config.host, interfaces) };
}

/** A config for tests and scripts: defaults (with no network interfaces: links to localhost), then overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}, {}), logLevel: 'silent', ...overrides };
}
