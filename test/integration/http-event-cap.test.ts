import request from 'supertest';
import { AppError } from '../../server/errors';
import { MemoryWindowCounter } from '../../server/http/window-counter';
import { startServer, type TestServer } from '../helpers/server';
import { removeContract } from '../helpers/window-counter';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * One address may create only so many events an hour (`EVENTS_PER_HOUR_PER_ADDRESS`), on top of
 * the per-minute write limit, so that nobody can fill the store with events without end. Hours
 * are the clock's (10:00 to 11:00), on a clock the test moves by hand.
 */
describe('events created per address and hour (one instance)', () => {
  let server: TestServer;
  let clock: number;

  beforeEach(async () => {
    clock = Math.floor(Date.now() / HOUR) * HOUR + 15 * MINUTE; // a quarter past the hour
    // Believe X-Forwarded-For, so one test can speak from several addresses.
    server = await startServer({ eventsPerHourPerAddress: 3, trustProxy: true, organiserKey: 'organiser-key-1' }, { now: () => clock });
  });
  afterEach(() => server.close());

  const create = (ip: string, body: unknown = { name: 'Meetup' }, key = 'organiser-key-1') =>
    request(server.url).post('/api/events').set('x-forwarded-for', ip).set('authorization', `Bearer ${key}`).send(body as object);

  test('past the cap, RATE_LIMITED with Retry-After until the hour is up; then it lifts', async () => {
    for (let i = 0; i < 3; i++) await create('203.0.113.7').expect(201);
    const refused = await create('203.0.113.7').expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBe(String(45 * 60));
    // In words a person can read, not a count of seconds.
    expect(refused.body.error.message).toBe('Too many events created from here; try again in about 45 minutes.');
    // Another address has a cap of its own.
    await create('198.51.100.1').expect(201);

    clock += 30 * MINUTE;
    expect((await create('203.0.113.7').expect(429)).headers['retry-after']).toBe(String(15 * 60));
    clock += 15 * MINUTE; // the next hour
    await create('203.0.113.7').expect(201);
  });

  test('a refusal creates nothing', async () => {
    for (let i = 0; i < 3; i++) await create('203.0.113.8', { name: `Made ${i}` }).expect(201);
    const created = jest.spyOn(server.app.services.events, 'create');
    await create('203.0.113.8', { name: 'One too many' }).expect(429);
    expect(created).not.toHaveBeenCalled();
    created.mockRestore();
  });

  test('a create that fails (say, 503 while the store is away) gives its count back', async () => {
    const made = jest.spyOn(server.app.services.events, 'create');
    made.mockRejectedValueOnce(new AppError('UNAVAILABLE', 'The store is away')).mockRejectedValueOnce(new Error('a bug'));
    expect((await create('203.0.113.10').expect(503)).body.error.code).toBe('UNAVAILABLE');
    await create('203.0.113.10').expect(500);
    made.mockRestore();
    for (let i = 0; i < 3; i++) await create('203.0.113.10').expect(201);
    await create('203.0.113.10').expect(429);
  });

  test('only requests that would create an event count: a wrong key or a bad body does not use the cap', async () => {
    for (let i = 0; i < 5; i++) await create('203.0.113.9', { name: 'Mine' }, 'wrong-key-000').expect(401);
    for (let i = 0; i < 5; i++) await create('203.0.113.9', { name: '' }).expect(400);
    for (let i = 0; i < 3; i++) await create('203.0.113.9').expect(201);
    await create('203.0.113.9').expect(429);
  });

  test('an IPv6 address counts by its /64: rotating the low bits does not reset the count', async () => {
    for (let i = 0; i < 3; i++) await create(`2001:db8:1:2::${i + 1}`).expect(201);
    await create('2001:db8:1:2:ffff::1').expect(429);
    await create('2001:db8:1:3::1').expect(201);
  });
});

describe('MemoryWindowCounter', () => {
  test('counts per key in windows of the clock', async () => {
    let t = 10 * HOUR + 59 * MINUTE;
    const counter = new MemoryWindowCounter({ windowMs: HOUR, now: () => t });
    expect(await counter.add('a')).toEqual({ count: 1, resetInMs: MINUTE, window: 10 });
    expect(await counter.add('a')).toEqual({ count: 2, resetInMs: MINUTE, window: 10 });
    expect(await counter.peek('a')).toEqual({ count: 2, resetInMs: MINUTE, window: 10 });
    expect(await counter.peek('b')).toEqual({ count: 0, resetInMs: MINUTE, window: 10 });
    t += MINUTE; // 11:00, a new window
    expect(await counter.peek('a')).toEqual({ count: 0, resetInMs: HOUR, window: 11 });
    expect(await counter.add('a')).toEqual({ count: 1, resetInMs: HOUR, window: 11 });
  });

  test('remove takes back one count of its window, never below 0 and never in a later window', () =>
    removeContract((now) => new MemoryWindowCounter({ windowMs: HOUR, now })));

  test('remembers a bounded number of keys, forgetting the least recently counted', async () => {
    const counter = new MemoryWindowCounter({ windowMs: HOUR, maxKeys: 2, now: () => 0 });
    await counter.add('a');
    await counter.add('b');
    await counter.add('a');
    await counter.add('c'); // b goes
    expect((await counter.peek('a')).count).toBe(2);
    expect((await counter.peek('b')).count).toBe(0);
    expect((await counter.peek('c')).count).toBe(1);
  });
});
