import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { RedisStore } from '../../server/store/redis';
import { describeOwnRedis, ownRedis, redisDeps, testPrefix, type OwnRedis } from '../helpers/redis';
import { connectAttendee, createEvent, joinEvent, startServer, waitUntil, type AttendeeSocket, type TestServer } from '../helpers/server';

describeOwnRedis('a phone that goes while Redis is away', () => {
  let redis: OwnRedis;
  let dir: string;
  let server: TestServer | undefined;
  const sockets: AttendeeSocket[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mingle-redis-'));
    redis = await ownRedis(dir);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server?.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is not counted as connected once it has come back and gone again', async () => {
    server = await startServer({ instanceId: 'blip' }, await redisDeps(testPrefix(), { url: redis.url }));
    const s = server;
    const { event, organiserToken } = await createEvent(s.url, { name: 'Blip' });
    const ann = await joinEvent(s.url, event.code, { name: 'Ann' });
    const online = async () => {
      const res = await request(s.url).get(`/api/events/${event.id}/stats`).set('Authorization', `Bearer ${organiserToken}`);
      return res.status === 200 ? (res.body as { online: number }).online : null;
    };
    const phonesHere = () => s.app.io.of('/attendee').sockets.size;

    const first = await connectAttendee(s.url, ann.token);
    sockets.push(first);
    expect(await online()).toBe(1);

    // Redis goes away; the phone goes while it is away, so taking it off cannot reach Redis.
    await redis.stop();
    await waitUntil(() => (s.app.store as RedisStore).redis.status !== 'ready');
    first.disconnect();
    await waitUntil(() => phonesHere() === 0);
    await redis.start();
    await waitUntil(async () => (await request(s.url).get('/readyz')).status === 200);

    // The phone comes back to this instance, then goes again (a phone locked in a pocket).
    const again = await connectAttendee(s.url, ann.token);
    sockets.push(again);
    expect(await online()).toBe(1);
    again.disconnect();
    await waitUntil(() => phonesHere() === 0);
    // Nobody's phone is here: the dashboard says so, and the matcher would not place Ann
    // (a count left from the outage kept her "connected" for 30 s after every time she left).
    await waitUntil(async () => (await online()) === 0);
  });
});
