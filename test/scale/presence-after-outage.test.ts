import type { Match } from '../../shared/schemas';
import type { RedisStore } from '../../server/store/redis';
import { describeOwnRedis, ownRedis, redisDeps, testPrefix, type OwnRedis } from '../helpers/redis';
import { call, connectAttendee, createEvent, joinEvent, startServer, waitFor, waitUntil, type AttendeeSocket, type TestServer } from '../helpers/server';

/**
 * Redis is away for longer than the matcher's presence window (30 s) while phones stay
 * connected to their instance. When it is back, the instance vouches for them at once rather
 * than at its next periodic refresh (10 s in production; an hour here, so only the retry can
 * do it): until then nobody counted as connected, so nobody was matched.
 */
describeOwnRedis('phones connected through a long Redis outage', () => {
  let redis: OwnRedis;
  let server: TestServer | undefined;
  const sockets: AttendeeSocket[] = [];

  beforeAll(async () => {
    redis = await ownRedis();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server?.close();
    await redis.close();
  });

  test('count as connected again as soon as Redis is back, and are matched', async () => {
    let clock = 1_800_000_000_000;
    const deps = await redisDeps(testPrefix(), { url: redis.url });
    server = await startServer({ matchIntervalMs: 10_000 }, { ...deps, now: () => clock, presenceRefreshMs: 3_600_000 });
    const s = server;
    await s.app.ticker.stop(); // ticked by hand, on the hand clock
    const store = s.app.store as RedisStore;
    const { event } = await createEvent(s.url, { name: 'Outage' });
    const people: Array<{ attendee: { id: string }; socket: AttendeeSocket }> = [];
    for (const name of ['Ann', 'Bob']) {
      const joined = await joinEvent(s.url, event.code, { name });
      const socket = await connectAttendee(s.url, joined.token);
      sockets.push(socket);
      expect(await call(socket, 'match:find')).toMatchObject({ ok: true });
      people.push({ ...joined, socket });
    }

    await redis.stop();
    await waitUntil(() => store.redis.status !== 'ready');
    // The periodic refresh comes during the outage, and fails.
    await s.app.presence.refresh();
    clock += 40_000; // past the presence window
    await redis.start();

    const vouchedNow = async () => {
      const records = await Promise.all(people.map((p) => store.getAttendee(event.id, p.attendee.id).catch(() => null)));
      return records.every((r) => r?.seenAt === clock);
    };
    await waitUntil(vouchedNow);
    const found = waitFor(people[0]!.socket, 'match:found');
    await s.app.ticker.tick();
    expect(((await found) as Match).partners[0]!.name).toBe('Bob');
  });
});
