/**
 * What a simulation run is asked to do: the command line of `npm run simulate`, parsed into
 * {@link SimOptions}, with the documented defaults.
 */

export interface SimOptions {
  /** How many people come to the event over the evening. @default 200 */
  attendees: number;
  /** Mingle instances the simulator starts (2 or more run on Redis). Ignored with `urls`. @default 1 */
  instances: number;
  /** Length of the evening, in minutes. Human timings (chats, offline phones) scale with it. @default 2 */
  minutes: number;
  /** Drive these running servers instead of starting any (e.g. `http://127.0.0.1:3000`). */
  urls?: string[];
  /** Redis for two or more instances. @default REDIS_URL or redis://127.0.0.1:6379/0 */
  redisUrl?: string;
  /** The servers' matching tick, `MATCH_INTERVAL_MS`. With `urls`, what they were started with. @default 1000 */
  matchIntervalMs: number;
  /**
   * Target rate of "find" taps (first taps, not repeats) once everyone has arrived; paces walks,
   * chats and rests to hold it. Unset: human pace scaled to `minutes`.
   */
  findsPerSecond?: number;
  /** SIGKILL one instance this long into the run (needs 2 or more instances). */
  killInstanceAtMs?: number;
  /** Stop the simulator's own redis-server this long into the run, and start it again. */
  restartRedisAtMs?: number;
  /** How long Redis stays down in that drill. @default 5000 */
  redisDownMs: number;
  /** Every phone drops and comes back within 2 s, halfway through. */
  reconnectStorm: boolean;
  /** When the storm comes, if not halfway. */
  reconnectStormAtMs?: number;
  /** Seed for every random choice of the crowd. @default 1 */
  seed: number;
  /** Run the started servers with `--cpu-prof`; profiles go to bench-results/profiles/. @default false */
  cpuProfile: boolean;
  /** Loopback source addresses (127.0.0.2...) to spread connections over. 0: let the OS pick. @default auto */
  sourceAddresses?: number;
  /** Live progress: `tty` redraws one line, `lines` prints one every few seconds, `off` is silent. @default auto */
  progress: 'tty' | 'lines' | 'off';
  /** Where the JSON and Markdown reports go. Unset: bench-results/ under the repo. `null`: nowhere. */
  outDir?: string | null;
  /** `profile:update {}` probes per second (the emit+ack baseline). @default scales with the crowd */
  probesPerSecond?: number;
  /** Run `server/main.ts` from this directory instead of this checkout (to measure a change side by side). */
  serverRoot?: string;
  /** Extra Node flags for the servers it starts (e.g. `--max-old-space-size=512`), space-separated. */
  nodeFlags: string[];
  /**
   * Sent as a bearer token to create the evening's event: the servers' `ORGANISER_KEY`. The
   * servers the simulator starts inherit this environment's. @default ORGANISER_KEY
   */
  organiserKey?: string;
  /** Sent as a bearer token to read `/metrics`: the servers' `METRICS_TOKEN`. @default METRICS_TOKEN */
  metricsToken?: string;
}

export const defaultOptions: SimOptions = {
  attendees: 200,
  instances: 1,
  minutes: 2,
  matchIntervalMs: 1000,
  redisDownMs: 5000,
  reconnectStorm: false,
  seed: 1,
  cpuProfile: false,
  nodeFlags: [],
  progress: 'lines',
  probesPerSecond: undefined,
};

/** `90s`, `2m`, `1500ms`, `1.5m` or a bare number of seconds, to milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: "${text}" (try 90s or 2m)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

const USAGE = `npm run simulate -- [options]
  --attendees N            people over the evening (default 200)
  --instances K            Mingle instances to start; K >= 2 uses Redis (default 1)
  --minutes M              length of the evening (default 2)
  --url URL[,URL...]       drive running servers instead of starting them
  --redis-url URL          Redis for K >= 2 (default REDIS_URL or redis://127.0.0.1:6379/0)
  --interval MS            the servers' MATCH_INTERVAL_MS (default 1000)
  --finds-per-second R     pace the crowd to about R finds per second
  --kill-instance-at T     SIGKILL one instance at T (e.g. 2m; needs K >= 2)
  --restart-redis-at T     stop the simulator's own redis-server at T, start it again
  --redis-down T           how long Redis stays down (default 5s)
  --reconnect-storm [T]    every phone drops and is back within 2 s (default: halfway)
  --seed N                 the crowd's random seed (default 1)
  --cpu-prof               servers write V8 CPU profiles to bench-results/profiles/
  --source-addresses N     spread connections over 127.0.0.2..N+1 (default: auto)
  --probes-per-second R    profile:update {} probes, the emit+ack baseline
  --progress tty|lines|off live progress (default: tty on a terminal)
  --out DIR                where to write the reports (default bench-results/)
  --server-root DIR        start server/main.ts from another copy of the repo (compare a change)
  --node-flags "FLAGS"     extra Node flags for the servers it starts (e.g. "--max-old-space-size=512")`;

/** Parses `process.argv.slice(2)`. Throws with the usage text on anything it does not know. */
export function parseArgs(argv: string[], isTty: boolean): SimOptions {
  const o: SimOptions = { ...defaultOptions, progress: isTty ? 'tty' : 'lines' };
  const int = (flag: string, v: string | undefined, min = 0) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} wants a whole number >= ${min}\n\n${USAGE}`);
    return n;
  };
  const num = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} wants a positive number\n\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--attendees': o.attendees = int(flag, next(), 2); break;
      case '--instances': o.instances = int(flag, next(), 1); break;
      case '--minutes': o.minutes = num(flag, next()); break;
      case '--url': o.urls = next().split(',').map((u) => u.replace(/\/+$/, '')); break;
      case '--redis-url': o.redisUrl = next(); break;
      case '--interval': o.matchIntervalMs = int(flag, next(), 1); break;
      case '--finds-per-second': o.findsPerSecond = num(flag, next()); break;
      case '--kill-instance-at': o.killInstanceAtMs = parseDuration(next()); break;
      case '--restart-redis-at': o.restartRedisAtMs = parseDuration(next()); break;
      case '--redis-down': o.redisDownMs = parseDuration(next()); break;
      case '--reconnect-storm':
        o.reconnectStorm = true;
        if (argv[i + 1] && !argv[i + 1]!.startsWith('--')) o.reconnectStormAtMs = parseDuration(next());
        break;
      case '--seed': o.seed = int(flag, next()); break;
      case '--cpu-prof': o.cpuProfile = true; break;
      case '--source-addresses': o.sourceAddresses = int(flag, next()); break;
      case '--probes-per-second': o.probesPerSecond = num(flag, next()); break;
      case '--progress': {
        const v = next();
        if (v !== 'tty' && v !== 'lines' && v !== 'off') throw new Error(`--progress is tty, lines or off`);
        o.progress = v;
        break;
      }
      case '--out': o.outDir = next(); break;
      case '--server-root': o.serverRoot = next(); break;
      case '--node-flags': o.nodeFlags = next().split(/\s+/).filter(Boolean); break;
      case '-h':
      case '--help': throw new Error(USAGE);
      default: throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  return validate(o);
}

/** Checks the combinations that cannot work, with one clear sentence each. */
export function validate(o: SimOptions): SimOptions {
  const runMs = o.minutes * 60_000;
  if (o.killInstanceAtMs !== undefined) {
    if (o.urls) throw new Error('--kill-instance-at needs instances the simulator started itself (not --url)');
    if (o.instances < 2) throw new Error('--kill-instance-at needs --instances 2 or more');
    if (o.killInstanceAtMs >= runMs) throw new Error('--kill-instance-at is after the end of the run');
  }
  if (o.restartRedisAtMs !== undefined) {
    if (o.urls) throw new Error('--restart-redis-at needs the simulator to start the servers and its own redis-server');
    if (o.restartRedisAtMs >= runMs) throw new Error('--restart-redis-at is after the end of the run');
  }
  const storm = o.reconnectStormAtMs;
  if (storm !== undefined && storm >= runMs) throw new Error('--reconnect-storm is after the end of the run');
  return o;
}

/** Whether the run needs Redis: several instances, or the Redis drill. */
export function usesRedis(o: SimOptions): boolean {
  return !o.urls && (o.instances >= 2 || o.restartRedisAtMs !== undefined);
}
