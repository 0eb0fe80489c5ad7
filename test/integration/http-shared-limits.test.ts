import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import type { Config } from '../../server/config';
import { SharedJoinCodeGuard } from '../../server/http/shared-join-code-guard';
import type { SharedLimits } from '../../server/http/shared-limits';
import { describeOwnRedis, describeRedis, dropPrefix, ownRedis, redisDeps, redisUrl, testPrefix, type OwnRedis } from '../helpers/redis';
import { createEvent, startServer, waitUntil, type TestServer } from '../helpers/server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Codes in the join-code alphabet that no event here has. */
const unknownCode = (i: number) => `ZZ${'23456789ABCDEFGH'[(i >> 4) % 16]}${'23456789ABCDEFGH'[i % 16]}ZZ`;

/** An instance as main.ts builds one on Redis: the store, the adapter and the shared limits. */
async function instanceOn(url: string, prefix: string, config: Partial<Config>, now?: () => number): Promise<TestServer & { limits: SharedLimits }> {
  const deps = await redisDeps(prefix, { url });
  // Believe X-Forwarded-For, so one test can speak from several addresses.
  const server = await startServer({ trustProxy: true, ...config }, { ...deps, ...(now ? { now } : {}) });
  return { ...server, limits: deps.sharedLimits };
}

/** Requests from one address, to whichever instance. */
const from = (ip: string) => ({
  get: (server: TestServer, p: string) => request(server.url).get(p).set('x-forwarded-for', ip),
  post: (server: TestServer, p: string) => request(server.url).post(p).set('x-forwarded-for', ip),
});

/**
 * Bigger events run several instances on one Redis. Every HTTP limit then counts in Redis, so
 * requests split across instances meet the limit at its configured value, not at that value
 * times the number of instances.
 */
describeRedis('HTTP limits shared by two instances on one Redis', () => {
  const prefix = testPrefix();
  const servers: TestServer[] = [];
  let clock: number;

  async function two(config: Partial<Config> = {}, onClock = false): Promise<[TestServer, TestServer]> {
    for (let i = 0; i < 2; i++) servers.push(await instanceOn(redisUrl, prefix, { instanceId: `limits-${i}`, ...config }, onClock ? () => clock : undefined));
    return servers as [TestServer, TestServer];
  }

  beforeEach(() => {
    clock = Math.floor(Date.now() / HOUR) * HOUR + 15 * MINUTE; // a quarter past the hour
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await dropPrefix(prefix);
  });

  test('joins to one event from one address meet JOIN_RATE_LIMIT_PER_MINUTE over both instances', async () => {
    const [a, b] = await two({ joinRateLimitPerMinute: 4 });
    const { event } = await createEvent(a.url, { name: 'Split hall' });
    const { event: nextDoor } = await createEvent(b.url, { name: 'Next door' });
    const venue = from('192.0.2.50');
    for (const [i, via] of [a, b, a, b].entries()) await venue.post(via, `/api/events/${event.code}/attendees`).send({ name: `Guest ${i}` }).expect(201);

    for (const via of [a, b]) {
      const over = await venue.post(via, `/api/events/${event.code}/attendees`).send({ name: 'One too many' }).expect(429);
      expect(over.body.error.code).toBe('RATE_LIMITED');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The budget is per event and address, as on one instance.
    await venue.post(b, `/api/events/${nextDoor.code}/attendees`).send({ name: 'Neighbour' }).expect(201);
    await from('198.51.100.1').post(a, `/api/events/${event.code}/attendees`).send({ name: 'Elsewhere' }).expect(201);
  });

  test('writes from one address meet RATE_LIMIT_PER_MINUTE over both instances', async () => {
    const [a, b] = await two({ rateLimitPerMinute: 3 });
    const organiser = from('203.0.113.20');
    for (const via of [a, b, a]) await organiser.post(via, '/api/events').send({ name: 'Planning' }).expect(201);
    for (const via of [b, a]) expect((await organiser.post(via, '/api/events').send({ name: 'Spam' }).expect(429)).body.error.code).toBe('RATE_LIMITED');
  });

  test('unknown join codes: misses on either instance count together; a code found before keeps working on both', async () => {
    const [a, b] = await two();
    const guesser = from('203.0.113.7');
    const { event } = await createEvent(a.url, { name: 'Found first' });
    const { event: other } = await createEvent(b.url, { name: 'Not yet found' });
    await guesser.get(a, `/api/events/${event.code}`).expect(200);

    for (let i = 0; i < 30; i++) await guesser.get(i % 2 ? a : b, `/api/events/${unknownCode(i)}`).expect(404);
    for (const via of [a, b]) {
      const refused = await guesser.get(via, `/api/events/${unknownCode(30)}`).expect(429);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      // A real code it has not found answers the same: a refusal gives nothing away.
      await guesser.get(via, `/api/events/${other.code}`).expect(429);
      await guesser.post(via, `/api/events/${other.code}/attendees`).send({ name: 'Eve' }).expect(429);
      // The code it found (on A) keeps working on both: the room is behind this address too.
      await guesser.get(via, `/api/events/${event.code}/qr.svg`).expect(200);
      await guesser.post(via, `/api/events/${event.code}/attendees`).send({ name: 'Ann' }).expect(201);
    }
    // Another address is not affected.
    await from('198.51.100.1').get(b, `/api/events/${unknownCode(31)}`).expect(404);
  });

  test('an IPv6 guesser counts by its /64 over both instances', async () => {
    const [a, b] = await two();
    for (let i = 0; i < 30; i++) await from(`2001:db8:1:2::${(i + 1).toString(16)}`).get(i % 2 ? a : b, `/api/events/${unknownCode(i)}`).expect(404);
    await from('2001:db8:1:2:ffff::1').get(a, `/api/events/${unknownCode(30)}`).expect(429);
    await from('2001:db8:1:3::1').get(b, `/api/events/${unknownCode(30)}`).expect(404);
  });

  test("the guard's count starts again each minute of the clock", async () => {
    clock = Math.floor(Date.now() / HOUR) * HOUR; // on the hour
    const [a, b] = await two({}, true);
    const guesser = from('203.0.113.9');
    for (let i = 0; i < 30; i++) await guesser.get(i % 2 ? a : b, `/api/events/${unknownCode(i)}`).expect(404);
    expect((await guesser.get(a, `/api/events/${unknownCode(30)}`).expect(429)).headers['retry-after']).toBe('60');
    clock += 45_000;
    expect((await guesser.get(b, `/api/events/${unknownCode(30)}`).expect(429)).headers['retry-after']).toBe('15');
    clock += 15_000;
    await guesser.get(a, `/api/events/${unknownCode(30)}`).expect(404);
  });

  test('events created from one address meet EVENTS_PER_HOUR_PER_ADDRESS over both instances, until the hour is up', async () => {
    const [a, b] = await two({ eventsPerHourPerAddress: 3 }, true);
    const organiser = from('203.0.113.30');
    for (const via of [a, b, a]) await organiser.post(via, '/api/events').send({ name: 'Evening' }).expect(201);
    for (const via of [b, a]) {
      const refused = await organiser.post(via, '/api/events').send({ name: 'One too many' }).expect(429);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(refused.headers['retry-after']).toBe(String(45 * 60));
    }
    await from('198.51.100.30').post(b, '/api/events').send({ name: 'Someone else' }).expect(201);
    clock += 45 * MINUTE; // the next hour
    await organiser.post(b, '/api/events').send({ name: 'Next hour' }).expect(201);
  });

  test('every key the limits write expires, within its window (found codes within 12 h)', async () => {
    const [a, b] = await two();
    const { event } = await createEvent(a.url, { name: 'Keys' });
    await from('203.0.113.40').get(b, `/api/events/${event.code}`).expect(200);
    await from('203.0.113.40').get(b, `/api/events/${unknownCode(0)}`).expect(404);
    await from('203.0.113.40').post(a, `/api/events/${event.code}/attendees`).send({ name: 'Ann' }).expect(201);

    const redis = new Redis(redisUrl);
    try {
      const keys = [...(await redis.keys(`${prefix}rate:*`)), ...(await redis.keys(`${prefix}limit:*`))].map((k) => k.slice(prefix.length));
      for (const kind of [/^rate:POST\/api\/events-/, /^rate:POST\/api\/events\/:code\/attendees-join:/, /^limit:events:/, /^limit:miss:/, /^limit:found:/]) {
        expect(keys.filter((k) => kind.test(k))).not.toEqual([]);
      }
      for (const key of keys) {
        const ttl = await redis.pttl(prefix + key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(key.startsWith('limit:found:') ? 12 * HOUR : HOUR);
      }
    } finally {
      redis.disconnect();
    }
  });
});

describeRedis('SharedJoinCodeGuard', () => {
  const prefix = testPrefix();
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl);
  });
  afterAll(async () => {
    await dropPrefix(prefix);
    redis.disconnect();
  });

  test("keeps the codes an address found most recently: a venue's own code, in use all evening, stays", async () => {
    let t = 0;
    const guard = new SharedJoinCodeGuard(redis, `${prefix}limit:`, { missesPerWindow: 1, codesPerAddress: 2, now: () => t });
    const ip = '192.0.2.9';
    for (const code of ['VENUE2', 'OTHER2', 'VENUE2', 'THIRD2']) {
      t += 1000;
      await guard.found(ip, code);
    }
    await guard.missed(ip);
    expect(await guard.refusal(ip, 'VENUE2')).toBeNull();
    expect(await guard.refusal(ip, 'THIRD2')).toBeNull();
    expect(await guard.refusal(ip, 'OTHER2')).not.toBeNull();
    expect(await redis.zcard(`${prefix}limit:found:${ip}`)).toBe(2);
  });
});

/**
 * While Redis is unreachable the limits step aside rather than fail the request: the store
 * answers it 503 UNAVAILABLE, fast, as it does with no shared limits.
 */
describeOwnRedis('shared limits while Redis is away', () => {
  let own: OwnRedis;
  let dir: string;
  let server: (TestServer & { limits: SharedLimits }) | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mingle-limits-'));
    own = await ownRedis(dir);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await own.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Both connections answer again: the store's and the limits'. */
  const ready = (s: TestServer & { limits: SharedLimits }) => async () =>
    (await s.app.store.ping()) && (await s.limits.redis.ping().then((p) => p === 'PONG', () => false));

  test('Redis stopped: 503 UNAVAILABLE, not 500; once it is back, the counts go on', async () => {
    server = await instanceOn(own.url, testPrefix(), { eventsPerHourPerAddress: 1 });
    const s = server;
    const { event } = await createEvent(s.url, { name: 'Before' }); // uses the one event of this hour
    await own.stop();
    try {
      for (const req of [
        request(s.url).post('/api/events').send({ name: 'During' }),
        request(s.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Ann' }),
        request(s.url).get(`/api/events/${event.code}`),
      ]) {
        const t0 = Date.now();
        const res = await req;
        expect(Date.now() - t0).toBeLessThan(2_000);
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('UNAVAILABLE');
      }
    } finally {
      await own.start(); // also on failure: closing the instance needs its Redis
    }
    await waitUntil(ready(s));
    // The count kept in Redis is still there: the second event of the hour is refused.
    expect((await request(s.url).post('/api/events').send({ name: 'After' }).expect(429)).body.error.code).toBe('RATE_LIMITED');
    await request(s.url).get(`/api/events/${event.code}`).expect(200);
  });

  test('Redis hangs: the limits give up after a short timeout, and the join still answers 503 within 2 s', async () => {
    server = await instanceOn(own.url, testPrefix(), {});
    // Nothing else on the store's connection: a tick's command in flight would hold the join's
    // behind it, whatever the limits do.
    await server.app.ticker.stop();
    server.app.presence.stop();
    const { event } = await createEvent(server.url, { name: 'Hang' });
    const admin = new Redis(own.url);
    // Redis stops answering every client for 2.5 s but keeps their connections open. (An UNPAUSE
    // would wait out the pause too.)
    await admin.client('PAUSE', 2_500, 'ALL');
    admin.disconnect();
    const t0 = Date.now();
    const res = await request(server.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Ann' });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    await waitUntil(ready(server));
    await request(server.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Ann' }).expect(201);
  });
});
