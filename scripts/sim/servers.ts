/**
 * The servers a run drives: Mingle instances as real child processes (`server/main.ts`), and a
 * private redis-server for the Redis drill. Each child gets the highest open-file limit the
 * machine allows (`ulimit -n` up to the hard limit), and says which it got.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
export { dropPrefix } from '../lib/drop-prefix';

const ROOT = path.resolve(__dirname, '../..');
/** Raise the soft open-file limit to the hard one, report it, then become the real command. */
const RAISE_FDS = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; echo "mingle-sim: open files $(ulimit -n)" >&2; exec "$@"';

export interface ServerHandle {
  name: string;
  url: string;
  /** The open-file limit the process runs with, when the simulator started it. */
  openFiles: number | null;
  /** False once it has exited (or was never ours to watch). */
  alive(): boolean;
  /** Resolves with the exit code or signal when it exits. */
  exited: Promise<string>;
  /** Sends `signal` (if it is still running); resolves with how it exited once its output pipes have closed too. */
  kill(signal?: NodeJS.Signals): Promise<string>;
  /** The last lines it wrote, for a failure message. */
  tail(): string;
  /** Set when the simulator killed it on purpose. */
  killedOnPurpose: boolean;
}

export interface StartOptions {
  name: string;
  matchIntervalMs: number;
  redisUrl?: string;
  redisPrefix?: string;
  cpuProfileDir?: string;
  /** Extra Node flags. */
  nodeFlags?: string[];
  dataDir: string;
  /** Directory holding server/main.ts. @default this checkout */
  root?: string;
}

/** Starts `server/main.ts` on a free port of 127.0.0.1 and resolves once it listens. */
export async function startServer(o: StartOptions): Promise<ServerHandle> {
  const nodeArgs = [...(o.nodeFlags ?? []), '--import', 'tsx'];
  if (o.cpuProfileDir) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', path.join(o.cpuProfileDir, o.name));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    MATCH_INTERVAL_MS: String(o.matchIntervalMs),
    // Every simulated phone shares a handful of loopback addresses.
    RATE_LIMIT_PER_MINUTE: '100000000',
    JOIN_RATE_LIMIT_PER_MINUTE: '100000000',
    // Runs one after another within an hour each create their evening from the same address.
    EVENTS_PER_HOUR_PER_ADDRESS: '100000',
    DATA_DIR: o.dataDir,
    INSTANCE_ID: o.name,
  };
  delete env.REDIS_URL;
  if (o.redisUrl) Object.assign(env, { REDIS_URL: o.redisUrl, REDIS_PREFIX: o.redisPrefix ?? 'mingle-sim:' });
  const child = spawn('sh', ['-c', RAISE_FDS, 'mingle-server', process.execPath, ...nodeArgs, 'server/main.ts'], {
    cwd: o.root ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return watch(o.name, child);
}

/** Every child still running; killed if the simulator itself exits without cleaning up. */
const children = new Set<ChildProcess>();

/** Adds a child process to those killed if the simulator exits without cleaning up. */
export function track(child: ChildProcess): void {
  children.add(child);
  child.on('exit', () => children.delete(child));
}
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function watch(name: string, child: ChildProcess): Promise<ServerHandle> {
  const lines: string[] = [];
  let pending = '';
  let openFiles: number | null = null;
  const keep = (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      const fds = /^mingle-sim: open files (\d+)/.exec(line);
      if (fds) openFiles = Number(fds[1]);
      lines.push(line);
      if (lines.length > 200) lines.shift();
    }
  };
  const how = (event: 'exit' | 'close') =>
    new Promise<string>((resolve) => child.on(event, (code, signal) => resolve(signal ?? `exit ${code}`)));
  const exited = how('exit');
  // 'close' comes after 'exit', once the child's stdout and stderr have closed as well: until
  // then their pipes hold the event loop open (a test file's Jest worker, say).
  const closed = how('close');
  let running = true;
  void exited.then(() => (running = false));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      keep(chunk);
      const m = /"address":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*Mingle is listening/.exec(lines.join('\n'));
      if (!m) return;
      child.stdout!.off('data', onData);
      child.stdout!.on('data', keep);
      const handle: ServerHandle = {
        name,
        url: m[1]!,
        openFiles,
        alive: () => running,
        exited,
        killedOnPurpose: false,
        tail: () => lines.slice(-20).join('\n'),
        async kill(signal = 'SIGTERM') {
          if (running) child.kill(signal);
          return closed;
        },
      };
      resolve(handle);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', keep);
    void exited.then((how) => reject(new Error(`${name} exited (${how}) before listening:\n${lines.slice(-20).join('\n')}`)));
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A redis-server of the simulator's own, on a free port, with AOF fsynced on every write. */
export interface OwnRedis {
  url: string;
  start(): Promise<void>;
  /** SIGTERM, and wait until it has gone. */
  stop(): Promise<void>;
  /** Stops it for good and removes its directory. */
  dispose(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'mingle-sim-redis-'));
  const url = `redis://127.0.0.1:${port}/0`;
  let child: ChildProcess | null = null;
  const own: OwnRedis = {
    url,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
      const c = spawn('redis-server', args, { stdio: 'ignore' });
      child = c;
      c.on('error', () => {});
      children.add(c);
      c.on('exit', () => children.delete(c));
      const deadline = Date.now() + 10_000;
      while (!(await pong(url))) {
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.on('exit', () => resolve());
        c.kill('SIGTERM');
      });
    },
    async dispose() {
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}

/** True if Redis at `url` answers PING within a second. */
export async function pong(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** redis_version from INFO, or "?". */
export async function redisVersion(url: string): Promise<string> {
  const r = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    return /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?';
  } catch {
    return '?';
  } finally {
    r.disconnect();
  }
}

/** A temporary DATA_DIR for the embedded store's snapshot. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mingle-sim-data-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const repoRoot = ROOT;
