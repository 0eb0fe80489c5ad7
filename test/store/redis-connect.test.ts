import net from 'node:net';
import Redis from 'ioredis';
import { connectSharedLimits } from '../../server/http/shared-limits';
import { RedisStore } from '../../server/store/redis';
import { connectReady } from '../../server/store/redis/connect';
import { describeOwnRedis, ownRedis, testPrefix, type OwnRedis } from '../helpers/redis';
import { within } from '../helpers/within';

/**
 * Connecting to a Redis that is busy for a moment. ioredis gave its handshake (the ready check's
 * INFO) the client's command timeout, 200 ms for the shared limits: a Redis busy for longer
 * failed the check, and connect() rejected with "Connection is closed." (seen once in CI, in
 * test/scale/instances.test.ts, with Redis shared by three Jest workers on two cores).
 */
describeOwnRedis('connecting while Redis is busy for longer than a command may take', () => {
  let own: OwnRedis;
  let pauser: Redis;

  beforeAll(async () => {
    own = await ownRedis();
    pauser = new Redis(own.url);
  });
  afterAll(async () => {
    pauser.disconnect();
    await own.close();
  });

  /** Redis holds every client's commands for `ms` (CLIENT PAUSE): busy, as a slow script makes it. */
  const busyFor = (ms: number) => pauser.call('CLIENT', 'PAUSE', String(ms), 'ALL');

  test('the shared limits connect once Redis answers, and keep their 200 ms per command', async () => {
    await busyFor(700);
    const limits = await connectSharedLimits({ url: own.url, prefix: testPrefix() });
    try {
      expect(limits.redis.status).toBe('ready');
      expect(limits.redis.options.commandTimeout).toBe(200);
      // In service a command still gives up after 200 ms.
      await busyFor(700);
      await expect(limits.redis.ping()).rejects.toThrow('Command timed out');
    } finally {
      await limits.close();
    }
  });

  test('so does the store, with its own command timeout', async () => {
    await busyFor(700);
    const store = new RedisStore({ url: own.url, prefix: testPrefix(), commandTimeoutMs: 200 });
    try {
      await store.connect();
      expect(store.redis.status).toBe('ready');
      expect(store.redis.options.commandTimeout).toBe(200);
    } finally {
      await store.close();
    }
  });
});

describe('connecting to a Redis that never answers', () => {
  test('gives up after the handshake timeout, and the client stops reconnecting', async () => {
    const accepted: net.Socket[] = [];
    let connected!: () => void;
    const reached = new Promise<void>((resolve) => (connected = resolve));
    const silent = net.createServer((socket) => {
      accepted.push(socket);
      connected();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    // Timers are the test's: ioredis waits 2 s for a socket it ended to close (this one never
    // does), and once it has closed, a disconnect from the failed ready check starts one more such
    // wait, which nothing clears and which would hold the worker open.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const redis = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => 50 });
    redis.on('error', () => {});
    const ended = new Promise((resolve) => redis.once('end', resolve));
    try {
      let gaveUp = false;
      const connecting = connectReady(redis, 300).finally(() => (gaveUp = true));
      connecting.catch(() => {}); // looked at below, once the clock has moved
      await within(reached, 'connection'); // the handshake is under way, and unanswered
      await jest.advanceTimersByTimeAsync(299);
      expect(gaveUp).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await expect(within(connecting, 'giving up')).rejects.toThrow('Redis did not answer within 300 ms');
      await jest.advanceTimersByTimeAsync(2_000); // ioredis gives up waiting for the socket to close
      await within(ended, "'end' from the client"); // disconnected for good: no reconnect follows
      expect(redis.status).toBe('end');
      await jest.advanceTimersByTimeAsync(2_000); // the same wait, from the failed ready check's disconnect
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
      // Not again once ended: ioredis would start a 2 s timer for a stream already closed.
      if (redis.status !== 'end') redis.disconnect();
      accepted.forEach((s) => s.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
