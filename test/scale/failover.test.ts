import type { Match, State } from '../../shared/schemas';
import { startProcess, type MingleProcess } from '../helpers/process';
import { describeRedis, dropPrefix, redisUrl, testPrefix } from '../helpers/redis';
import { call, connectAttendee, createEvent, joinEvent, waitFor, type AttendeeSocket } from '../helpers/server';

// Each test starts Mingle as its own process (`node --import tsx`, which compiles the server
// first): seconds of CPU that a busy machine, running other suites beside it, stretches.
jest.setTimeout(60_000);

describeRedis('an instance dies mid-event', () => {
  const prefix = testPrefix();
  const procs: MingleProcess[] = [];
  const sockets: AttendeeSocket[] = [];

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
    await dropPrefix(prefix);
  });

  test('its attendees reconnect to the survivor, get their exact state back, and matching goes on within 5 s', async () => {
    const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, MATCH_INTERVAL_MS: '100' };
    const a = await startProcess({ ...env, INSTANCE_ID: 'doomed' });
    const b = await startProcess({ ...env, INSTANCE_ID: 'survivor' });
    procs.push(a, b);
    const { event } = await createEvent(a.url, { name: 'Failover' });

    // Four attendees on A, matched in two pairs (A runs the event's ticks), one pair chatting.
    const onA = [];
    for (const name of ['Ann', 'Bob', 'Cat', 'Dan']) {
      const joined = await joinEvent(a.url, event.code, { name, interests: [name < 'C' ? 'x' : 'y'] });
      const socket = await connectAttendee(a.url, joined.token);
      sockets.push(socket);
      onA.push({ ...joined, socket });
    }
    const found = onA.map((p) => waitFor(p.socket, 'match:found'));
    for (const p of onA) await call(p.socket, 'match:find');
    const matches = (await Promise.all(found)) as Match[];
    await call(onA[0]!.socket, 'match:met', { matchId: matches[0]!.id });
    const before: State[] = [];
    for (const p of onA) before.push(((await call(p.socket, 'profile:update', {})) as { ok: true; state: State }).state);

    // Kill A without warning; the phones come back on B.
    await a.kill('SIGKILL');
    const after: State[] = [];
    for (const p of onA) {
      const again = await connectAttendee(b.url, p.token);
      sockets.push(again);
      after.push(((await call(again, 'profile:update', {})) as { ok: true; state: State }).state);
    }
    expect(after).toEqual(before);

    // Matching goes on: two newcomers on B are paired, though A held the event's lease.
    const killedAt = Date.now();
    const fresh = [];
    for (const name of ['Eve', 'Fay']) {
      const joined = await joinEvent(b.url, event.code, { name });
      const socket = await connectAttendee(b.url, joined.token);
      sockets.push(socket);
      fresh.push({ ...joined, socket });
    }
    const freshFound = fresh.map((p) => waitFor(p.socket, 'match:found'));
    for (const p of fresh) await call(p.socket, 'match:find');
    const [e, f] = (await Promise.all(freshFound)) as Match[];
    expect(e!.id).toBe(f!.id);
    expect(Date.now() - killedAt).toBeLessThan(5_000);
  });
});
