import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { dropPrefix as dropPrefixAt } from '../../scripts/lib/drop-prefix';

/** The Redis the tests use: REDIS_URL, or the local default. */
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** Asks Redis for a PONG from a child process, so the answer is known before tests are declared. */
function redisAnswers(url: string): boolean {
  const probe = `
    const Redis = require('ioredis');
    const r = new Redis(process.argv[1], { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
    r.on('error', () => {});
    r.connect().then(() => r.ping()).then((p) => process.exit(p === 'PONG' ? 0 : 1), () => process.exit(1));`;
  const res = spawnSync(process.execPath, ['-e', probe, url], { timeout: 5000, cwd: __dirname });
  return res.status === 0;
}

export const redisAvailable = redisAnswers(redisUrl);

if (!redisAvailable) {
  if (process.env.MINGLE_REQUIRE_REDIS === '1') {
    throw new Error(`MINGLE_REQUIRE_REDIS=1 but no Redis answers at ${redisUrl}`);
  }
  process.stderr.write(`\nNOTICE: no Redis at ${redisUrl}; skipping the Redis suites. Start one (redis-server) to run them.\n\n`);
}

/** `describe` when Redis answers; a printed skip otherwise. */
export const describeRedis: jest.Describe = redisAvailable ? describe : describe.skip;

/** A key prefix no other test run shares. */
export function testPrefix(): string {
  return `mingle-test:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under a prefix in the tests' Redis. */
export async function dropPrefix(prefix: string): Promise<void> {
  await dropPrefixAt(redisUrl, prefix);
}

/** Deps for an in-process instance on Redis: the store plus the streams adapter. */
export async function redisDeps(prefix: string, o: { retentionMs?: number; url?: string; commandTimeoutMs?: number } = {}) {
  const { RedisStore } = await import('../../server/store/redis');
  const { createStreamsAdapter } = await import('../../server/store/redis/adapter');
  const url = o.url ?? redisUrl;
  const store = new RedisStore({ url, prefix, retentionMs: o.retentionMs, commandTimeoutMs: o.commandTimeoutMs ?? 1000 });
  await store.connect();
  const sio = createStreamsAdapter(url, prefix);
  // As main.ts does: the instances count the HTTP limits together.
  const { connectSharedLimits } = await import('../../server/http/shared-limits');
  // A failed connect closes what is already open: left reconnecting, it kept the Jest worker alive.
  const sharedLimits = await connectSharedLimits({ url, prefix }).catch(async (err: unknown) => {
    await Promise.all([store.close(), sio.close()]);
    throw err;
  });
  return { store, adapter: sio.adapter, sharedLimits, onClose: sio.close };
}

/**
 * Defines `suite` twice: on the memory store, then on Redis (when it answers), where each test's
 * instance gets a key prefix of its own, dropped after the test. `suite` gets the store's name,
 * the instance's deps and what to run after each test.
 */
export function onMemoryAndRedis(
  suite: (name: string, deps: () => Promise<Awaited<ReturnType<typeof redisDeps>> | Record<string, never>>, after?: () => Promise<void>) => void,
): void {
  suite('memory', async () => ({}));
  describeRedis('on Redis', () => {
    const prefixes: string[] = [];
    suite(
      'redis',
      async () => {
        const prefix = testPrefix();
        prefixes.push(prefix);
        return redisDeps(prefix);
      },
      async () => {
        for (const prefix of prefixes.splice(0)) await dropPrefix(prefix);
      },
    );
  });
}

/** A private redis-server on a free port, for tests that stop and restart it. */
export interface OwnRedis {
  url: string;
  /** Stops it, keeping its data (its append-only file) for `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and deletes its data directory: the test file's `afterAll`. */
  close(): Promise<void>;
}

export const redisServerBinary = (() => {
  const res = spawnSync('redis-server', ['--version'], { timeout: 5000 });
  return res.status === 0 ? 'redis-server' : null;
})();

/** `describe` when a redis-server binary can be started here. */
export const describeOwnRedis: jest.Describe = redisAvailable && redisServerBinary ? describe : describe.skip;

/**
 * Starts a private redis-server (`describeOwnRedis` says whether one can be), with its data in a
 * temporary directory of its own that `close` deletes. The one way the tests that stop Redis
 * under a running server start theirs.
 */
export async function ownRedis(): Promise<OwnRedis> {
  const { spawn } = await import('node:child_process');
  const net = await import('node:net');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(tmpdir(), 'mingle-redis-'));
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as import('node:net').AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  let child: import('node:child_process').ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}/0`;
  const own: OwnRedis = {
    url,
    async start() {
      // AOF with fsync on every write: a restart keeps every acknowledged write.
      child = spawn(redisServerBinary!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], { stdio: 'ignore' });
      for (;;) {
        const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        r.on('error', () => {});
        const ok = await r.connect().then(() => r.ping(), () => null);
        // Not disconnect(): on a socket that is already closed, or that Redis has not closed
        // yet, ioredis keeps a 2 s timer waiting for it to close, and the test file cannot exit.
        if (ok === 'PONG') return void (await r.quit());
        if (r.status !== 'end') r.disconnect();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      const c = child;
      if (!c) return;
      child = null;
      await new Promise<void>((resolve) => {
        c.on('exit', () => resolve());
        c.kill('SIGTERM');
      });
    },
    async close() {
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}
