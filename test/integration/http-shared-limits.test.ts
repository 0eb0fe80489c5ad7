import Redis from 'ioredis';
import request from 'supertest';
import type { Config } from '../../server/config';
import { SharedJoinCodeGuard } from '../../server/http/shared-join-code-guard';
import { RedisWindowCounter } from '../../server/http/window-counter';
import { AppError } from '../../server/errors';
import { holdLookups, inFlightContract, lookUp, refusedFor } from '../helpers/code-guard';
import { connectSharedLimits, outageWarnings, type SharedLimits } from '../../server/http/shared-limits';
import { createLogger } from '../../server/logger';
import { MemoryStore } from '../../server/store/memory';
import { describeOwnRedis, describeRedis, dropPrefix, ownRedis, redisDeps, redisUrl, testPrefix, type OwnRedis } from '../helpers/redis';
import { createEvent, startServer, waitUntil, type TestServer } from '../helpers/server';
import { removeContract } from '../helpers/window-counter';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What an instance logs when the shared limits fall back to counting in its process, and when they stop. */
const OUTAGE = 'the shared HTTP limits cannot reach Redis, or it is slower than 200 ms; counting in this process until it answers';
const RECOVERED = 'the shared HTTP limits reach Redis again; counting over every instance';

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

  // The write and join limits count per minute of the clock, as the others do, so these tests
  // stand it still: a real minute could turn between the last request let through and the refusal.
  test('joins to one event from one address meet JOIN_RATE_LIMIT_PER_MINUTE over both instances', async () => {
    const [a, b] = await two({ joinRateLimitPerMinute: 4 }, true);
    const { event } = await createEvent(a.url, { name: 'Split hall' });
    const { event: nextDoor } = await createEvent(b.url, { name: 'Next door' });
    const venue = from('192.0.2.50');
    for (const [i, via] of [a, b, a, b].entries()) await venue.post(via, `/api/events/${event.code}/attendees`).send({ name: `Guest ${i}` }).expect(201);

    for (const via of [a, b]) {
      const over = await venue.post(via, `/api/events/${event.code}/attendees`).send({ name: 'One too many' }).expect(429);
      expect(over.body.error.code).toBe('RATE_LIMITED');
      expect(over.headers['retry-after']).toBe('60'); // the clock stands on the minute
    }
    // The budget is per event and address, as on one instance.
    await venue.post(b, `/api/events/${nextDoor.code}/attendees`).send({ name: 'Neighbour' }).expect(201);
    await from('198.51.100.1').post(a, `/api/events/${event.code}/attendees`).send({ name: 'Elsewhere' }).expect(201);
  });

  test('writes from one address meet RATE_LIMIT_PER_MINUTE over both instances', async () => {
    const [a, b] = await two({ rateLimitPerMinute: 3 }, true);
    const organiser = from('203.0.113.20');
    for (const via of [a, b, a]) await organiser.post(via, '/api/events').send({ name: 'Planning' }).expect(201);
    for (const via of [b, a]) expect((await organiser.post(via, '/api/events').send({ name: 'Spam' }).expect(429)).body.error.code).toBe('RATE_LIMITED');
    clock += 45_000;
    expect((await organiser.post(b, '/api/events').send({ name: 'Spam' }).expect(429)).headers['retry-after']).toBe('15');
    clock += 15_000; // the next minute
    await organiser.post(b, '/api/events').send({ name: 'Next minute' }).expect(201);
  });

  test('unknown join codes: misses on either instance count together; a code found before keeps working on both', async () => {
    // On a clock that stands still: the misses count per minute of the clock, and a real minute
    // could turn between the 30th miss and the refusal.
    const [a, b] = await two({}, true);
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
    const [a, b] = await two({}, true);
    for (let i = 0; i < 30; i++) await from(`2001:db8:1:2::${(i + 1).toString(16)}`).get(i % 2 ? a : b, `/api/events/${unknownCode(i)}`).expect(404);
    await from('2001:db8:1:2:ffff::1').get(a, `/api/events/${unknownCode(30)}`).expect(429);
    await from('2001:db8:1:3::1').get(b, `/api/events/${unknownCode(30)}`).expect(404);
  });

  test('200 guesses sent at once from one address, split over both instances, get no further than 30 one by one', async () => {
    const [a, b] = await two();
    const store = holdLookups([a.app.services.events, b.app.services.events], 200);
    const guesser = from('203.0.113.11');
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => store.track(guesser.get(i % 2 ? a : b, `/api/events/${unknownCode(i)}`))));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(170);
    expect(store.looked()).toBe(30);
    // Every lookup has ended: no place is left held.
    const redis = new Redis(redisUrl);
    try {
      expect(await redis.keys(`${prefix}limit:looking:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  test('a room loading its one code at once over both instances is never refused, even one miss short of the limit', async () => {
    const [a, b] = await two();
    const venue = from('192.0.2.51');
    const { event } = await createEvent(a.url, { name: 'Doors open' });
    for (let i = 0; i < 29; i++) await venue.get(i % 2 ? a : b, `/api/events/${unknownCode(i)}`).expect(404);
    const store = holdLookups([a.app.services.events, b.app.services.events], 200);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => store.track(venue.get(i % 2 ? a : b, `/api/events/${event.code}`))));
    expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
  });

  test('the write and join limits count an IPv6 address by its /64 over both instances', async () => {
    const [a, b] = await two({ rateLimitPerMinute: 3, joinRateLimitPerMinute: 2 }, true);
    const host = (i: number) => from(`2001:db8:5:6::${(i + 1).toString(16)}`);
    for (const [i, via] of [a, b, a].entries()) await host(i).post(via, '/api/events').send({ name: 'Rotating' }).expect(201);
    expect((await host(3).post(b, '/api/events').send({ name: 'Rotated' }).expect(429)).body.error.code).toBe('RATE_LIMITED');
    await from('2001:db8:5:7::1').post(a, '/api/events').send({ name: 'Next /64' }).expect(201);

    const { event } = await createEvent(b.url, { name: 'Hall' });
    for (const [i, via] of [a, b].entries()) await host(i).post(via, `/api/events/${event.code}/attendees`).send({ name: `Guest ${i}` }).expect(201);
    await host(2).post(a, `/api/events/${event.code}/attendees`).send({ name: 'Rotated' }).expect(429);
  });

  test('a create that fails gives its count back: EVENTS_PER_HOUR_PER_ADDRESS counts events made', async () => {
    const [a] = await two({ eventsPerHourPerAddress: 2 }, true);
    const organiser = from('203.0.113.31');
    const create = jest.spyOn(a.app.services.events, 'create').mockRejectedValueOnce(new AppError('UNAVAILABLE', 'Redis is away'));
    expect((await organiser.post(a, '/api/events').send({ name: 'Lost' }).expect(503)).body.error.code).toBe('UNAVAILABLE');
    create.mockRestore();
    for (let i = 0; i < 2; i++) await organiser.post(a, '/api/events').send({ name: `Made ${i}` }).expect(201);
    await organiser.post(a, '/api/events').send({ name: 'One too many' }).expect(429);
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
        expect(ttl).toBeLessThanOrEqual(key.startsWith('limit:found:') ? 12 * HOUR : key.startsWith('limit:looking:') ? 10_000 : HOUR);
      }
    } finally {
      redis.disconnect();
    }
  });
});

describe('outageWarnings', () => {
  test('warns at the first failure, then at most once a minute, with how many failed since', () => {
    let t = 0;
    const warn = jest.fn();
    const { onError: failed } = outageWarnings({ warn, info: jest.fn() } as never, { now: () => t });
    for (let i = 0; i < 50; i++) failed(new Error('timeout'));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatchObject({ failures: 1 });
    t += 59_999;
    failed(new Error('timeout'));
    expect(warn).toHaveBeenCalledTimes(1);
    t += 1;
    failed(new Error('timeout'));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][0]).toMatchObject({ failures: 51 });
  });

  test('says once when Redis answers again after a warning, and nothing when it always did', () => {
    let t = 0;
    const lines: Array<[string, string, unknown]> = [];
    const logger = { warn: (o: unknown, msg: string) => lines.push(['warn', msg, o]), info: (o: unknown, msg: string) => lines.push(['info', msg, o]) };
    const health = outageWarnings(logger as never, { now: () => t, timeoutMs: 200 });
    health.onAnswer();
    expect(lines).toEqual([]);
    health.onError(new Error('Command timed out'));
    health.onError(new Error('Command timed out'));
    t += 1_000;
    health.onAnswer();
    health.onAnswer();
    expect(lines.map(([level, msg]) => [level, msg])).toEqual([
      ['warn', OUTAGE],
      ['info', RECOVERED],
    ]);
    expect(lines[1]![2]).toEqual({ failures: 1 });
  });
});

describeRedis('SharedJoinCodeGuard and RedisWindowCounter', () => {
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
      await lookUp(guard, ip, code, 'found');
    }
    await lookUp(guard, ip, 'AAAAA2', 'missed');
    expect(await refusedFor(guard, ip, 'VENUE2')).toBeNull();
    expect(await refusedFor(guard, ip, 'THIRD2')).toBeNull();
    expect(await refusedFor(guard, ip, 'OTHER2')).not.toBeNull();
    expect(await redis.zcard(`${prefix}limit:found:${ip}`)).toBe(2);
  });

  test('lookups in flight hold a place each, one per distinct code; a place an instance never freed lapses', async () => {
    let t = 5_000;
    const guard = new SharedJoinCodeGuard(redis, `${prefix}limit:`, { missesPerWindow: 3, lookingTtlMs: 10_000, now: () => t });
    const ip = '192.0.2.10';
    await inFlightContract(guard, ip); // 2 misses, C in flight
    t += 10_000; // C's instance died: its place lapses
    await lookUp(guard, ip, 'EEEEE2', 'missed');
    expect(await guard.begin(ip, 'FFFFF2')).toEqual({ allowed: false, retryAfter: 45 });
  });

  test('RedisWindowCounter: remove takes back one count of its window, never below 0 and never in a later window', () =>
    removeContract((now) => new RedisWindowCounter(redis, `${prefix}limit:events:`, { windowMs: HOUR, now })));
});

/**
 * While Redis is unreachable or slow, the limits count in this process rather than fail the
 * request or let everything through: on the Redis store, the store answers 503 UNAVAILABLE,
 * fast, as it does with no shared limits; on a store that still answers, the limits hold per
 * instance.
 */
describeOwnRedis('shared limits while Redis is away', () => {
  let own: OwnRedis;
  let server: (TestServer & { limits: SharedLimits }) | undefined;

  beforeAll(async () => {
    own = await ownRedis();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await own.close();
  });

  /** Both connections answer again: the store's and the limits'. */
  const ready = (s: TestServer & { limits: SharedLimits }) => async () =>
    (await s.app.store.ping()) && (await s.limits.redis.ping().then((p) => p === 'PONG', () => false));

  /** Runs `body` with the private Redis stopped; then starts it (on failure too: closing `s` needs it) and waits for `s` to reach it. */
  async function whileStopped(s: TestServer & { limits: SharedLimits }, body: () => Promise<void>): Promise<void> {
    await own.stop();
    try {
      await body();
    } finally {
      await own.start();
    }
    await waitUntil(ready(s));
  }

  /**
   * An instance whose store is in memory but whose limits count in the private Redis, so that
   * stopping or pausing that Redis leaves every request to the limits alone; its warnings land
   * in `warnings`.
   */
  async function limitsOnly(config: Partial<Config>, warnings: string[], logged: Array<Record<string, unknown>> = []) {
    // A quarter past the hour, standing still: no minute or hour of the clock turns mid-test.
    const quarterPast = Math.floor(Date.now() / HOUR) * HOUR + 15 * MINUTE;
    const now = () => quarterPast;
    const limits = await connectSharedLimits({ url: own.url, prefix: testPrefix() });
    const logger = createLogger({ logLevel: 'info' }, {
      write: (line: string) => {
        const entry = JSON.parse(line) as { level: number; msg: string };
        if (entry.level === 40) warnings.push(entry.msg);
        logged.push(entry);
      },
    });
    const s = await startServer({ trustProxy: true, ...config }, { store: new MemoryStore(), sharedLimits: limits, logger, now });
    return { ...s, limits };
  }

  /** The event cap and the code guard, each taken past its limit from one address at once. */
  async function pastBothLimits(s: TestServer) {
    const t0 = Date.now();
    const guesser = from('203.0.113.60');
    const [creates, guesses] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, (_, i) => guesser.post(s, '/api/events').send({ name: `Evening ${i}` }))),
      Promise.all(Array.from({ length: 40 }, (_, i) => guesser.get(s, `/api/events/${unknownCode(i)}`))),
    ]);
    const count = (answers: request.Response[], status: number) => answers.filter((r) => r.status === status).length;
    expect([count(creates, 201), count(creates, 429)]).toEqual([3, 1]);
    expect([count(guesses, 404), count(guesses, 429)]).toEqual([30, 10]);
    // Each limit gives Redis its 200 ms at most, and no more than two stand before a request's work.
    expect(Date.now() - t0).toBeLessThan(1_500);
  }

  test('Redis stopped: the event cap and the code guard count in this process; one warning, not one per request', async () => {
    const warnings: string[] = [];
    const s = (server = await limitsOnly({ eventsPerHourPerAddress: 3 }, warnings));
    await whileStopped(s, async () => {
      await pastBothLimits(s);
      // A guesser's 31st, one by one, is refused too, until the minute is up.
      expect(Number((await from('203.0.113.60').get(s, `/api/events/${unknownCode(40)}`).expect(429)).headers['retry-after'])).toBeGreaterThan(1);
      expect(warnings).toEqual([OUTAGE]);
    });
  });

  test('Redis stopped: the write and join limits count in this process too, under the same one warning', async () => {
    const warnings: string[] = [];
    server = await limitsOnly({ rateLimitPerMinute: 3, joinRateLimitPerMinute: 2 }, warnings);
    const s = server;
    const { event } = await createEvent(s.url, { name: 'Before' });
    await whileStopped(s, async () => {
      const statuses = (answers: request.Response[]) => answers.map((r) => r.status).sort();
      const venue = from('192.0.2.70');
      const joins = await Promise.all(Array.from({ length: 4 }, (_, i) => venue.post(s, `/api/events/${event.code}/attendees`).send({ name: `Guest ${i}` })));
      expect(statuses(joins)).toEqual([201, 201, 429, 429]);
      const organiser = from('203.0.113.70');
      const creates = await Promise.all(Array.from({ length: 5 }, (_, i) => organiser.post(s, '/api/events').send({ name: `Evening ${i}` })));
      expect(statuses(creates)).toEqual([201, 201, 201, 429, 429]);
      const refused = creates.find((r) => r.status === 429)!;
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(refused.headers['retry-after']).toBe('60');
      // Each route and event keeps its own budget, as with Redis.
      await venue.post(s, '/api/events').send({ name: 'Own budget' }).expect(201);
      expect(warnings).toEqual([OUTAGE]);
    });
  });

  test('Redis stopped, then back: a warning that says what happened, with its errors in full, then a line once the limits are shared again', async () => {
    const warnings: string[] = [];
    const logged: Array<Record<string, unknown>> = [];
    const s = (server = await limitsOnly({ eventsPerHourPerAddress: 3 }, warnings, logged));
    const organiser = from('203.0.113.80');
    await whileStopped(s, async () => {
      await organiser.post(s, '/api/events').send({ name: 'During' }).expect(201);
      expect(warnings).toEqual([OUTAGE]);
    });
    await organiser.post(s, '/api/events').send({ name: 'After' }).expect(201);
    const lines = logged.filter((l) => l.msg === OUTAGE || l.msg === RECOVERED);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, OUTAGE],
      [30, RECOVERED],
    ]);
    // The error as pino's err serializer writes it, and any it carries (a MULTI's commands' own
    // errors, `previousErrors`) likewise: never `{}`.
    const err = lines[0]!.err as { type: string; message: string; previousErrors?: Array<{ message?: string }> };
    expect(err).toMatchObject({ type: expect.stringMatching(/Error/), message: expect.any(String) });
    for (const inner of err.previousErrors ?? []) expect(inner.message).toEqual(expect.any(String));
    expect(JSON.stringify(err)).not.toContain('{}');
  });

  test('Redis hangs: the limits give up after 200 ms and count in this process, so they still hold', async () => {
    const warnings: string[] = [];
    server = await limitsOnly({ eventsPerHourPerAddress: 3 }, warnings);
    const admin = new Redis(own.url);
    // Redis stops answering every client for 3 s but keeps their connections open.
    await admin.client('PAUSE', 3_000, 'ALL');
    admin.disconnect();
    await pastBothLimits(server);
    expect(warnings).toHaveLength(1);
    await waitUntil(ready(server));
  });

  test('Redis stopped: 503 UNAVAILABLE, not 500; once it is back, the counts go on', async () => {
    const quarterPast = Math.floor(Date.now() / HOUR) * HOUR + 15 * MINUTE; // no hour turns mid-test
    server = await instanceOn(own.url, testPrefix(), { eventsPerHourPerAddress: 1 }, () => quarterPast);
    const s = server;
    const { event } = await createEvent(s.url, { name: 'Before' }); // uses the one event of this hour
    await whileStopped(s, async () => {
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
    });
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
