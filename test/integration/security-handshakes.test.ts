import { io as connect } from 'socket.io-client';
import type { Config } from '../../server/config';
import { HANDSHAKE_FAILURES_PER_MINUTE } from '../../server/realtime/handshake-guard';
import { dropPrefix, describeRedis, onMemoryAndRedis, redisDeps, testPrefix } from '../helpers/redis';
import { createEvent, joinEvent, startServer, type TestServer } from '../helpers/server';

const MINUTE = 60_000;

/**
 * One Socket.IO handshake from `from` (an X-Forwarded-For the server may believe): `connected`,
 * or the code it was refused with. The socket is closed either way.
 */
async function handshake(url: string, nsp: '/' | '/attendee' | '/organiser', auth: Record<string, unknown>, from?: string): Promise<string> {
  const socket = connect(`${url}${nsp === '/' ? '' : nsp}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(from ? { extraHeaders: { 'x-forwarded-for': from } } : {}),
  });
  try {
    return await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve(err.message));
    });
  } finally {
    socket.disconnect();
  }
}

/** `n` handshakes one after the other, with the outcome of each. */
async function handshakes(n: number, one: (i: number) => Promise<string>): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < n; i++) outcomes.push(await one(i));
  return outcomes;
}

const bad = { token: 'not-a-token-anyone-was-given' };

/**
 * Handshakes that fail (a bad token, the main namespace) are limited per address: past the limit,
 * every handshake from that address is refused RATE_LIMITED until the window of the clock ends.
 * Handshakes that succeed are never counted: a venue puts its whole room behind one address.
 */
onMemoryAndRedis((name, deps, after) => {
  describe(`failed socket handshakes are limited per address (${name})`, () => {
    let server: TestServer;
    let clock: number;

    async function start(config: Partial<Config> = {}) {
      // Ten seconds into a minute, standing still unless the test moves it.
      clock = Math.floor(Date.now() / MINUTE) * MINUTE + 10_000;
      server = await startServer(
        { trustProxy: ['127.0.0.1'], ...config },
        { ...(await deps()), handshakeLimits: { failuresPerWindow: 5, now: () => clock } },
      );
      return server;
    }
    afterEach(async () => {
      await server?.close();
      await after?.();
    });

    async function attendeeToken(eventCode: string, n = 0) {
      return (await joinEvent(server.url, eventCode, { name: `Guest ${n}` })).token;
    }

    test('past 5 failures, every handshake from that address is refused RATE_LIMITED until the minute is up', async () => {
      await start();
      const made = await createEvent(server.url, { name: 'Guarded' });
      const token = await attendeeToken(made.event.code);
      const guesser = '203.0.113.7';

      const failures = await handshakes(5, (i) =>
        i === 4 ? handshake(server.url, '/', {}, guesser) : handshake(server.url, i % 2 ? '/organiser' : '/attendee', bad, guesser),
      );
      expect(failures).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'NOT_FOUND']);

      // Before the fix: each of these was looked at as usual, for ever.
      expect(await handshake(server.url, '/attendee', bad, guesser)).toBe('RATE_LIMITED');
      expect(await handshake(server.url, '/attendee', { token }, guesser)).toBe('RATE_LIMITED');
      expect(await handshake(server.url, '/organiser', { token: made.organiserToken }, guesser)).toBe('RATE_LIMITED');

      // Another address is not held back by this one.
      expect(await handshake(server.url, '/attendee', { token }, '198.51.100.20')).toBe('connected');
      expect(await handshake(server.url, '/attendee', bad, '198.51.100.20')).toBe('UNAUTHORIZED');

      clock += 50_000; // the next minute
      expect(await handshake(server.url, '/attendee', { token }, guesser)).toBe('connected');
      expect(await handshake(server.url, '/organiser', { token: made.organiserToken }, guesser)).toBe('connected');
      expect(await handshake(server.url, '/attendee', bad, guesser)).toBe('UNAUTHORIZED');
    });

    test('handshakes that succeed never count, however many: a venue behind one address', async () => {
      await start();
      const made = await createEvent(server.url, { name: 'Busy hall' });
      const venue = '192.0.2.80';
      const tokens = await Promise.all(Array.from({ length: 13 }, (_, i) => attendeeToken(made.event.code, i)));
      expect(await handshakes(12, (i) => handshake(server.url, '/attendee', { token: tokens[i]! }, venue))).toEqual(Array(12).fill('connected'));
      expect(await handshakes(6, () => handshake(server.url, '/organiser', { token: made.organiserToken }, venue))).toEqual(Array(6).fill('connected'));
      // Four failures in between leave it under the limit; the fifth reaches it.
      expect(await handshakes(4, () => handshake(server.url, '/attendee', bad, venue))).toEqual(Array(4).fill('UNAUTHORIZED'));
      expect(await handshake(server.url, '/attendee', { token: tokens[0]! }, venue)).toBe('connected');
      expect(await handshake(server.url, '/organiser', bad, venue)).toBe('UNAUTHORIZED');
      // Past the limit, a token that connected here before still gets in (the room reconnecting
      // while someone in it tries bad tokens); one this instance has never seen does not.
      expect(await handshake(server.url, '/attendee', { token: tokens[1]! }, venue)).toBe('connected');
      expect(await handshake(server.url, '/attendee', { token: tokens[12]! }, venue)).toBe('RATE_LIMITED');
    });

    test('an attendee over their connection cap is refused, but that is not a failure of the address', async () => {
      await start();
      const made = await createEvent(server.url, { name: 'Tabs' });
      const token = await attendeeToken(made.event.code);
      const phone = '192.0.2.81';
      const open = Array.from({ length: 3 }, () =>
        connect(`${server.url}/attendee`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': phone } }),
      );
      try {
        await Promise.all(open.map((s) => new Promise((resolve) => s.once('state', resolve))));
        expect(await handshakes(6, () => handshake(server.url, '/attendee', { token }, phone))).toEqual(Array(6).fill('RATE_LIMITED'));
        // Had those six counted, the address would be past its 5 already.
        expect(await handshakes(5, () => handshake(server.url, '/attendee', bad, phone))).toEqual(Array(5).fill('UNAUTHORIZED'));
        expect(await handshake(server.url, '/attendee', bad, phone)).toBe('RATE_LIMITED');
      } finally {
        open.forEach((s) => s.disconnect());
      }
    });

    test('X-Forwarded-For from anyone but a trusted proxy buys no fresh budget', async () => {
      await start({ trustProxy: false });
      expect(await handshakes(5, (i) => handshake(server.url, '/attendee', bad, `198.51.100.${i}`))).toEqual(Array(5).fill('UNAUTHORIZED'));
      expect(await handshake(server.url, '/attendee', bad, '198.51.100.99')).toBe('RATE_LIMITED');
      expect(await handshake(server.url, '/attendee', bad)).toBe('RATE_LIMITED');
    });
  });
});

describe('failed socket handshakes: the default limit', () => {
  test(`is generous: ${HANDSHAKE_FAILURES_PER_MINUTE} failures a minute from one address are answered as usual, the next is refused`, async () => {
    expect(HANDSHAKE_FAILURES_PER_MINUTE).toBeGreaterThanOrEqual(60);
    const still = Math.floor(Date.now() / MINUTE) * MINUTE + 10_000;
    const server = await startServer({}, { handshakeLimits: { now: () => still } });
    try {
      const outcomes = await handshakes(HANDSHAKE_FAILURES_PER_MINUTE, (i) => handshake(server.url, i % 2 ? '/organiser' : '/attendee', bad));
      expect(outcomes).toEqual(Array(HANDSHAKE_FAILURES_PER_MINUTE).fill('UNAUTHORIZED'));
      expect(await handshake(server.url, '/attendee', bad)).toBe('RATE_LIMITED');
    } finally {
      await server.close();
    }
  });
});

describeRedis('failed socket handshakes on two instances sharing Redis', () => {
  const prefix = testPrefix();
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await dropPrefix(prefix);
  });

  test('count once over both: an address cannot take a budget from each', async () => {
    const clock = Math.floor(Date.now() / MINUTE) * MINUTE + 10_000;
    for (let i = 0; i < 2; i++) {
      servers.push(
        await startServer(
          { trustProxy: true, instanceId: `handshakes-${i}` },
          { ...(await redisDeps(prefix)), handshakeLimits: { failuresPerWindow: 4, now: () => clock } },
        ),
      );
    }
    const [a, b] = servers as [TestServer, TestServer];
    const from = '203.0.113.9';
    expect(await handshakes(4, (i) => handshake((i % 2 ? b : a).url, '/attendee', bad, from))).toEqual(Array(4).fill('UNAUTHORIZED'));
    expect(await handshake(a.url, '/attendee', bad, from)).toBe('RATE_LIMITED');
    expect(await handshake(b.url, '/organiser', bad, from)).toBe('RATE_LIMITED');
  });
});
