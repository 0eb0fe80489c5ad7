import type { Match, Stats } from '../../shared/schemas';
import { startProcess, type MingleProcess } from '../helpers/process';
import { describeOwnRedis, ownRedis, type OwnRedis } from '../helpers/redis';
import { call, connectAttendee, connectOrganiser, createEvent, joinEvent, waitFor, type AttendeeSocket, type OrganiserSocket } from '../helpers/server';

// Two Mingle processes (each compiles the server first): seconds of CPU on a busy machine.
jest.setTimeout(60_000);

/** The warnings and errors in a stretch of a process's JSON log, by message. */
function warnings(log: string): Map<string, number> {
  const byMsg = new Map<string, number>();
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    const { level, msg } = JSON.parse(line) as { level: number; msg: string };
    if (level >= 40) byMsg.set(msg, (byMsg.get(msg) ?? 0) + 1);
  }
  return byMsg;
}

/**
 * What the on-call engineer reads while Redis restarts mid-event: each instance says once that
 * Redis is gone and once that matching fails, not once per retry and per tick (one stack trace a
 * second per instance, for the whole outage), then says it is back, and matching and the
 * dashboards go on by themselves.
 */
describeOwnRedis('Redis restarts under two instances mid-event', () => {
  let redis: OwnRedis;
  const procs: MingleProcess[] = [];
  const sockets: Array<AttendeeSocket | OrganiserSocket> = [];

  beforeAll(async () => {
    redis = await ownRedis();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
    await redis.close();
  });

  test('each instance warns once per outage, not per tick and retry, and comes back by itself', async () => {
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'mingle-test:outage-log:', LOG_LEVEL: 'debug', MATCH_INTERVAL_MS: '50' };
    for (const id of ['a', 'b']) procs.push(await startProcess({ ...env, INSTANCE_ID: id }));
    const [a, b] = procs as [MingleProcess, MingleProcess];
    const { event, organiserToken } = await createEvent(a.url, { name: 'Outage' });
    const dashboard = (await connectOrganiser(b.url, organiserToken, event.id)) as OrganiserSocket;
    sockets.push(dashboard);
    // Someone looking, so that the event is busy and every instance ticks through the outage.
    const ann = await joinEvent(a.url, event.code, { name: 'Ann' });
    const annSocket = await connectAttendee(a.url, ann.token);
    sockets.push(annSocket);
    await call(annSocket, 'match:find');

    const from = procs.map((p) => p.output().length);
    await redis.stop();
    // Many failed ticks and several reconnection attempts on each: the outage is well under way.
    await Promise.all(procs.map((p, i) => Promise.all([p.waitForLines(/matching tick failed/, 10, from[i]), p.waitForLines(/redis reconnecting/, 3, from[i])])));
    await redis.start();
    await Promise.all(procs.map((p, i) => p.waitForLines(/"msg":"redis ready"/, 1, from[i])));

    // Matching resumes: a newcomer on the other instance is paired with Ann.
    const bob = await joinEvent(b.url, event.code, { name: 'Bob' });
    const bobSocket = await connectAttendee(b.url, bob.token);
    sockets.push(bobSocket);
    const annFound = waitFor(annSocket, 'match:found');
    await call(bobSocket, 'match:find');
    expect(((await annFound) as Match).partners[0]!.name).toBe('Bob');
    // The dashboard gets figures again, with the new match in them.
    await new Promise<void>((resolve) => dashboard.on('stats', (s: Stats) => s.matched === 2 && resolve()));

    for (const [i, p] of procs.entries()) {
      const seen = warnings(p.output().slice(from[i]));
      // No warning repeats, and the two that say what happened are there.
      expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
      expect(seen.get('redis connection lost; reconnecting until it answers')).toBe(1);
      expect([...seen].filter(([msg]) => msg.startsWith('matching tick failed'))).toEqual([[expect.any(String), 1]]);
    }
    // And each says when matching works again.
    await Promise.all(procs.map((p, i) => p.waitForLines(/matching ticks succeed again/, 1, from[i])));
  });
});
