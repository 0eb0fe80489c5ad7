import request from 'supertest';
import type { Match } from '../../shared/schemas';
import { describeOwnRedis, ownRedis, redisDeps, testPrefix, type OwnRedis } from '../helpers/redis';
import { call, connectAttendee, createEvent, findEachOther, joinEvent, startServer, waitFor, waitUntil, type AttendeeSocket, type TestServer } from '../helpers/server';

describeOwnRedis('Redis goes away for 5 s under traffic', () => {
  let redis: OwnRedis;
  const servers: TestServer[] = [];
  const sockets: AttendeeSocket[] = [];

  beforeAll(async () => {
    redis = await ownRedis();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(servers.map((s) => s.close()));
    await redis.close();
  });

  test('calls fail fast with UNAVAILABLE, nothing crashes, and service comes back by itself with nothing lost', async () => {
    const prefix = testPrefix();
    for (const id of ['r1', 'r2']) {
      servers.push(await startServer({ matchIntervalMs: 50, instanceId: id }, await redisDeps(prefix, { url: redis.url })));
    }
    const [a, b] = servers as [TestServer, TestServer];
    const { event } = await createEvent(a.url, { name: 'Blip' });
    const ann = await joinEvent(a.url, event.code, { name: 'Ann' });
    const bob = await joinEvent(b.url, event.code, { name: 'Bob' });
    const annSocket = await connectAttendee(a.url, ann.token);
    const bobSocket = await connectAttendee(b.url, bob.token);
    sockets.push(annSocket, bobSocket);
    const match = await findEachOther(annSocket, bobSocket);

    await redis.stop();
    const down = Date.now();

    // HTTP answers 503 UNAVAILABLE within 2 s; readiness says so; liveness stays up.
    const t0 = Date.now();
    const res = await request(a.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Cy' });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    await request(b.url).get('/readyz').expect(503);
    await request(b.url).get('/healthz').expect(200);

    // Socket acks answer UNAVAILABLE, fast.
    const t1 = Date.now();
    const ack = await call(bobSocket, 'match:met', { matchId: match.id });
    expect(Date.now() - t1).toBeLessThan(2_000);
    expect(ack).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    // A 5 s outage, on purpose: this is the fault being tested, not a wait for luck.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 5_000 - (Date.now() - down))));
    await redis.start();

    // Readiness comes back without a restart of Mingle.
    await waitUntil(async () => (await request(a.url).get('/readyz')).status === 200);
    await waitUntil(async () => (await request(b.url).get('/readyz')).status === 200);

    // Nothing acknowledged was lost: the match is still there and can be confirmed.
    const met = await call(bobSocket, 'match:met', { matchId: match.id });
    expect(met).toMatchObject({ ok: true, state: { status: 'chatting', match: { id: match.id } } });

    // New joins and matches work across both instances again.
    const cy = await joinEvent(a.url, event.code, { name: 'Cy' });
    const di = await joinEvent(b.url, event.code, { name: 'Di' });
    const cySocket = await connectAttendee(a.url, cy.token);
    const diSocket = await connectAttendee(b.url, di.token);
    sockets.push(cySocket, diSocket);
    const cyFound = waitFor(cySocket, 'match:found');
    const diFound = waitFor(diSocket, 'match:found');
    await call(cySocket, 'match:find');
    await call(diSocket, 'match:find');
    const [c, d] = (await Promise.all([cyFound, diFound])) as [Match, Match];
    expect(c.id).toBe(d.id);
  }, 30_000);
});

