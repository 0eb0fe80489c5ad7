import type { RedisStore } from '../../server/store/redis';
import { describeOwnRedis, ownRedis, redisDeps, testPrefix, type OwnRedis } from '../helpers/redis';
import { connectAttendee, createEvent, joinEvent, startServer, waitUntil, type AttendeeSocket } from '../helpers/server';

/** How long ioredis waits for a disconnected socket to close before destroying it. */
const IOREDIS_CLOSE_WAIT_MS = 2_000;

describeOwnRedis('a shutdown while Redis is away', () => {
  let redis: OwnRedis;
  const sockets: AttendeeSocket[] = [];

  beforeAll(async () => {
    redis = await ownRedis();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await redis.close();
    // Closing a client whose Redis is gone leaves ioredis a fixed 2 s timer, waiting for a socket
    // that has already closed to close (AbstractConnector.disconnect). A process exits through it
    // (main.ts ends with process.exit); a Jest worker would be killed for it ("failed to exit
    // gracefully"). Waited out, not raced.
    await new Promise((resolve) => setTimeout(resolve, IOREDIS_CLOSE_WAIT_MS + 100));
  });

  test('closes at once rather than wait for Redis to come back', async () => {
    const server = await startServer({ instanceId: 'leaving' }, await redisDeps(testPrefix(), { url: redis.url }));
    const { event } = await createEvent(server.url, { name: 'Outage' });
    const ann = await joinEvent(server.url, event.code, { name: 'Ann' });
    sockets.push(await connectAttendee(server.url, ann.token));

    await redis.stop();
    await waitUntil(() => (server.app.store as RedisStore).redis.status !== 'ready');
    // The SIGTERM of a restart during the outage: main.ts gives close 10 s, then exits 1.
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      server.close().then(() => 'closed'),
      new Promise((resolve) => (timer = setTimeout(resolve, 5_000, 'still waiting on Redis'))),
    ]);
    // Not left to hold the worker open for 5 s after a close that finished.
    clearTimeout(timer);
    expect(closed).toBe('closed');
  });
});
