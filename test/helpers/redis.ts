import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

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

/** Deletes every key under a prefix. */
export async function dropPrefix(prefix: string): Promise<void> {
  const r = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Deps for an in-process instance on Redis: the store plus the streams adapter. */
export async function redisDeps(prefix: string, o: { retentionMs?: number; url?: string } = {}) {
  const { RedisStore } = await import('../../server/store/redis');
  const { createStreamsAdapter } = await import('../../server/store/redis/adapter');
  const url = o.url ?? redisUrl;
  const store = new RedisStore({ url, prefix, retentionMs: o.retentionMs, commandTimeoutMs: 1000 });
  await store.connect();
  const sio = createStreamsAdapter(url, prefix);
  return { store, adapter: sio.adapter, onClose: sio.close };
}
