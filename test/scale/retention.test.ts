import Redis from 'ioredis';
import { describeRedis, dropPrefix, redisDeps, redisUrl, testPrefix } from '../helpers/redis';
import { call, connectAttendee, createEvent, joinEvent, startServer, waitFor, type TestServer } from '../helpers/server';

describeRedis('retention on Redis', () => {
  const prefix = testPrefix();
  let server: TestServer;
  const redis = new Redis(redisUrl);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
    redis.disconnect();
  });

  async function keysOf(match: string): Promise<string[]> {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      cursor = next;
      out.push(...keys);
    } while (cursor !== '0');
    return out;
  }

  test('every key of an event expires at its end plus the retention period', async () => {
    server = await startServer({ matchIntervalMs: 20 }, await redisDeps(prefix, { retentionMs: 1_500 }));
    const endsAt = new Date(Date.now() + 1_500).toISOString();
    const { event } = await createEvent(server.url, { name: 'Short', endsAt });
    const ann = await joinEvent(server.url, event.code, { name: 'Ann' });
    const bob = await joinEvent(server.url, event.code, { name: 'Bob' });
    const a = await connectAttendee(server.url, ann.token);
    const b = await connectAttendee(server.url, bob.token);
    const found = waitFor(a, 'match:found');
    await call(a, 'match:find');
    await call(b, 'match:find');
    const match = await found;
    await call(a, 'match:leave', { matchId: match.id, reason: 'cant_find' });
    await call(a, 'match:cancel');
    await call(b, 'match:cancel');
    a.disconnect();
    b.disconnect();

    // Everything of the event is there, and every key carries an expiry no later than end + retention.
    const keys = await keysOf(`${prefix}*`);
    const eventKeys = keys.filter((k) => k.includes(`{${event.id}}`));
    expect(eventKeys.length).toBeGreaterThanOrEqual(8);
    const limit = Date.parse(endsAt) + 1_500;
    // The HTTP limits' keys belong to client addresses, not to the event: each counter lives for
    // its window (an hour at most), an address's found join codes 12 h, whatever the event's end.
    const isLimit = (k: string) => k.startsWith(`${prefix}limit:`) || k.startsWith(`${prefix}rate:`);
    expect(keys.some(isLimit)).toBe(true);
    const global = (k: string) => k.endsWith(':busy') || k.endsWith(':sio');
    for (const key of keys.filter((k) => !global(k))) {
      const expiresAt = await redis.pexpiretime(key);
      // The matcher lease lives a few seconds at most, and never past the event's keys.
      const bound = key.endsWith(':lease') ? Math.min(Date.now() + 3_000, limit) : isLimit(key) ? Date.now() + (key.includes(':limit:found:') ? 12 : 1) * 3_600_000 : limit;
      expect({ key, ok: expiresAt > 0 && expiresAt <= bound }).toEqual({ key, ok: true });
    }

    // After the retention period, SCAN finds no key of the event (lease and tokens included).
    const deadline = limit + 2_000;
    for (;;) {
      const left = (await keysOf(`${prefix}*`)).filter((k) => !global(k) && !isLimit(k));
      if (left.length === 0) break;
      if (Date.now() > deadline) throw new Error(`keys left after retention: ${left.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The global "busy" index forgets the event on the next tick.
    await server.app.ticker.tick();
    expect(await redis.sismember(`${prefix}busy`, event.id)).toBe(0);
  }, 15_000);
});
