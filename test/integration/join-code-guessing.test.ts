import QRCode from 'qrcode';
import request from 'supertest';
import { JoinCodeGuard, addressKey } from '../../server/http/join-code-guard';
import { holdLookups, inFlightContract, lookUp, refusedFor } from '../helpers/code-guard';
import { QrCache } from '../../server/http/qr-cache';
import { createEvent, startServer, type TestServer } from '../helpers/server';

/** Codes in the join-code alphabet that no event here has (codes are drawn at random). */
const unknownCode = (i: number) => `ZZ${'23456789ABCDEFGH'[(i >> 4) % 16]}${'23456789ABCDEFGH'[i % 16]}ZZ`;

/**
 * Join codes are six characters: a client that may look codes up as fast as it likes finds live
 * events by guessing. A venue puts a whole room behind one NAT address, so lookups that find an
 * event are never limited; only misses are, per address.
 */
describe('guessing join codes', () => {
  let server: TestServer;

  beforeEach(async () => {
    // Believe X-Forwarded-For, so one test can speak from several addresses.
    server = await startServer({ trustProxy: true });
  });
  afterEach(() => server.close());

  const from = (ip: string) => ({
    get: (path: string) => request(server.url).get(path).set('x-forwarded-for', ip),
    post: (path: string) => request(server.url).post(path).set('x-forwarded-for', ip),
  });

  test('30 misses a minute, then RATE_LIMITED for codes the address has not found, whether they exist or not', async () => {
    const guesser = from('203.0.113.7');
    const { event } = await createEvent(server.url, { name: 'Found first' });
    const { event: other } = await createEvent(server.url, { name: 'Not yet found' });
    await guesser.get(`/api/events/${event.code}`).expect(200);

    for (let i = 0; i < 30; i++) await guesser.get(`/api/events/${unknownCode(i)}`).expect(404);
    const refused = await guesser.get(`/api/events/${unknownCode(30)}`).expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A real code it has not found answers the same: a refusal gives nothing away.
    await guesser.get(`/api/events/${other.code}`).expect(429);
    await guesser.get(`/api/events/${other.code}/qr.png`).expect(429);
    await guesser.post(`/api/events/${other.code}/attendees`).send({ name: 'Eve' }).expect(429);

    // The code it found before keeps working: the rest of the room is behind this address too.
    await guesser.get(`/api/events/${event.code.toLowerCase()}`).expect(200);
    await guesser.get(`/api/events/${event.code}/qr.svg`).expect(200);
    await guesser.post(`/api/events/${event.code}/attendees`).send({ name: 'Ann' }).expect(201);
    // Another address is not affected.
    await from('198.51.100.1').get(`/api/events/${other.code}`).expect(200);
    await from('198.51.100.1').get(`/api/events/${unknownCode(31)}`).expect(404);
  });

  test('misses count on the QR codes and on joining too', async () => {
    const guesser = from('203.0.113.8');
    for (let i = 0; i < 10; i++) await guesser.get(`/api/events/${unknownCode(i)}/qr.svg`).expect(404);
    for (let i = 10; i < 20; i++) await guesser.get(`/api/events/${unknownCode(i)}/qr.png`).expect(404);
    for (let i = 20; i < 30; i++) await guesser.post(`/api/events/${unknownCode(i)}/attendees`).send({ name: 'Eve' }).expect(404);
    await guesser.get(`/api/events/${unknownCode(30)}`).expect(429);
  });

  test('a whole venue behind one address looks its code up 500 times: never limited', async () => {
    const venue = from('192.0.2.50');
    const { event } = await createEvent(server.url, { name: 'Packed hall' });
    for (let batch = 0; batch < 500; batch += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => venue.get(`/api/events/${event.code}`)));
      expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    }
    // A few mistyped codes in the room do not turn it away either.
    for (let i = 0; i < 5; i++) await venue.get(`/api/events/${unknownCode(i)}`).expect(404);
    await venue.get(`/api/events/${event.code}`).expect(200);
  });

  test('200 guesses sent at once get no further than 30 sent one by one', async () => {
    const store = holdLookups([server.app.services.events], 200);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => store.track(from('203.0.113.11').get(`/api/events/${unknownCode(i)}`))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(170);
    expect(store.looked()).toBe(30);
    // The window's misses are used up now: refused until the minute is up.
    expect(Number((await from('203.0.113.11').get(`/api/events/${unknownCode(200)}`).expect(429)).headers['retry-after'])).toBeGreaterThan(1);
  });

  test('a room loading its one code at once is never refused, even one miss short of the limit', async () => {
    const venue = from('192.0.2.51');
    const { event } = await createEvent(server.url, { name: 'Doors open' });
    for (let i = 0; i < 29; i++) await venue.get(`/api/events/${unknownCode(i)}`).expect(404);
    const store = holdLookups([server.app.services.events], 200);
    const answers = await Promise.all(Array.from({ length: 200 }, () => store.track(venue.get(`/api/events/${event.code}`))));
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
  });

  test('an IPv6 guesser counts by its /64: rotating the low bits does not reset the count', async () => {
    for (let i = 0; i < 30; i++) await from(`2001:db8:1:2::${(i + 1).toString(16)}`).get(`/api/events/${unknownCode(i)}`).expect(404);
    await from('2001:db8:1:2:ffff::1').get(`/api/events/${unknownCode(30)}`).expect(429);
    await from('2001:db8:1:3::1').get(`/api/events/${unknownCode(30)}`).expect(404);
  });
});

describe('JoinCodeGuard', () => {
  test('the count starts again each window', async () => {
    let t = 0;
    const guard = new JoinCodeGuard({ missesPerWindow: 2, windowMs: 60_000, now: () => t });
    await lookUp(guard, '192.0.2.1', 'AAAAA2', 'missed');
    await lookUp(guard, '192.0.2.1', 'AAAAA3', 'missed');
    expect(await refusedFor(guard, '192.0.2.1', 'ABCDEF')).toBe(60);
    t = 45_000;
    expect(await refusedFor(guard, '192.0.2.1', 'ABCDEF')).toBe(15);
    t = 60_000;
    expect(await refusedFor(guard, '192.0.2.1', 'ABCDEF')).toBeNull();
  });

  test('remembers a bounded number of addresses, forgetting the least recently seen', async () => {
    const guard = new JoinCodeGuard({ missesPerWindow: 1, maxAddresses: 3 });
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await lookUp(guard, ip, 'AAAAA2', 'missed');
    expect(await refusedFor(guard, '192.0.2.4', 'ABCDEF')).toBeNull(); // not remembered by asking
    expect(await refusedFor(guard, '192.0.2.1', 'ABCDEF')).not.toBeNull(); // seen just now: the most recent
    await lookUp(guard, '192.0.2.5', 'AAAAA2', 'missed'); // a fourth: the least recently seen, .2, is forgotten
    expect(await refusedFor(guard, '192.0.2.2', 'ABCDEF')).toBeNull();
    expect(await refusedFor(guard, '192.0.2.1', 'ABCDEF')).not.toBeNull();
    expect(await refusedFor(guard, '192.0.2.3', 'ABCDEF')).not.toBeNull();
  });

  test("keeps the codes an address found most recently: a venue's own code, in use all evening, stays", async () => {
    const guard = new JoinCodeGuard({ missesPerWindow: 1, codesPerAddress: 2 });
    const ip = '192.0.2.9';
    await lookUp(guard, ip, 'VENUE2', 'found');
    await lookUp(guard, ip, 'OTHER2', 'found');
    await lookUp(guard, ip, 'VENUE2', 'found'); // looked up again: now the most recent
    await lookUp(guard, ip, 'THIRD2', 'found'); // one too many: the least recently found, OTHER2, goes
    await lookUp(guard, ip, 'AAAAA2', 'missed');
    expect(await refusedFor(guard, ip, 'VENUE2')).toBeNull();
    expect(await refusedFor(guard, ip, 'THIRD2')).toBeNull();
    expect(await refusedFor(guard, ip, 'OTHER2')).not.toBeNull();
  });

  test('lookups in flight hold a place each, one per distinct code, until they end', async () => {
    const guard = new JoinCodeGuard({ missesPerWindow: 3, now: () => 0 });
    const ip = '192.0.2.10';
    const c = await inFlightContract(guard, ip); // 2 misses, C in flight
    await c.end('missed'); // 3 misses: the window is used up
    expect(guard.begin(ip, 'EEEEE2')).toEqual({ allowed: false, retryAfter: 60 });
  });

  test('addresses as counted', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('QR codes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    return server.close();
  });

  test('are drawn once per code and cached by browsers and proxies', async () => {
    const png = jest.spyOn(QRCode, 'create'); // the PNG's drawing (server/http/qr-png.ts) starts here
    const svg = jest.spyOn(QRCode, 'toString');
    const { event } = await createEvent(server.url, { name: 'Poster' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => request(server.url).get(`/api/events/${event.code}/qr.png`).expect(200)));
    await request(server.url).get(`/api/events/${event.code.toLowerCase()}/qr.png`).expect(200);
    expect(png).toHaveBeenCalledTimes(1);
    expect(new Set(answers.map((a) => (a.body as Buffer).toString('base64'))).size).toBe(1);
    expect(answers[0]!.headers['content-type']).toBe('image/png');
    expect(answers[0]!.headers['cache-control']).toBe('no-cache');

    const first = await request(server.url).get(`/api/events/${event.code}/qr.svg`).expect(200);
    const second = await request(server.url).get(`/api/events/${event.code}/qr.svg`).expect(200);
    expect(svg).toHaveBeenCalledTimes(1);
    expect(second.text).toBe(first.text);
    expect(second.headers['cache-control']).toBe('no-cache');
  });

  test('an unknown code draws nothing', async () => {
    const png = jest.spyOn(QRCode, 'create');
    await request(server.url).get(`/api/events/${unknownCode(0)}/qr.png`).expect(404);
    expect(png).not.toHaveBeenCalled();
  });

  test('the cache holds a bounded number of images', async () => {
    const cache = new QrCache(3);
    for (let i = 0; i < 10; i++) await cache.svg(`https://mingle.example/e/${unknownCode(i)}`);
    expect(cache.size).toBe(3);
  });
});
