import { describeRedis, dropPrefix, redisDeps, testPrefix } from '../helpers/redis';
import {
  call,
  connectOrganiser,
  control,
  createEvent,
  joinAndConnect,
  startServer,
  steppedServerPerTest,
  type AttendeeSocket,
  type OrganiserSocket,
  type TestServer,
} from '../helpers/server';

type AnySocket = AttendeeSocket | OrganiserSocket;

/** Resolves with the payload of `event:deleted` and why the connection then closed, in that order. */
function deletion(socket: AnySocket): Promise<{ deleted: unknown; closed: string }> {
  return new Promise((resolve) => {
    let deleted: unknown = null;
    const s = socket as AttendeeSocket;
    s.once('event:deleted', (payload) => (deleted = payload));
    s.once('disconnect', (closed) => resolve({ deleted, closed }));
  });
}

/** Every `event:deleted` a socket got before its connection closed, and why it closed. */
function deletions(socket: AttendeeSocket): Promise<{ deleted: unknown[]; closed: string }> {
  return new Promise((resolve) => {
    const deleted: unknown[] = [];
    socket.on('event:deleted', (payload) => deleted.push(payload));
    socket.once('disconnect', (closed) => resolve({ deleted, closed }));
  });
}

/**
 * Ann and Bob on an event, Cat on another, all on `t`'s server; then the organisers end the first
 * event, and the test's clock is set to its `deletesAt`. Resolves with what Ann's and Bob's
 * sockets get until they close (`told`), and Cat, whose event carries on.
 */
async function twoEventsOneEnded(t: { server: TestServer; sockets: AttendeeSocket[]; clock: number }, name: string) {
  const { event } = await createEvent(t.server.url, { name });
  const ann = await joinAndConnect(t.server, event.code, { name: 'Ann' }, t.sockets);
  const bob = await joinAndConnect(t.server, event.code, { name: 'Bob' }, t.sockets);
  const other = await createEvent(t.server.url, { name: 'Still on' });
  const cat = await joinAndConnect(t.server, other.event.code, { name: 'Cat' }, t.sockets);
  await t.server.app.services.organisers.setStatus(event.id, 'ended');
  const told = [deletions(ann.socket), deletions(bob.socket)];
  t.clock = t.server.app.store.deletesAt((await t.server.app.store.getEvent(event.id))!);
  return { event, told, cat };
}

/**
 * Once an event's data is deleted (its end plus the retention period), the phones still connected
 * to it are told `event:deleted` and let go, as its dashboards are: their tokens open nothing now.
 */
describe('event:deleted reaches the attendees (memory)', () => {
  const t = steppedServerPerTest(async () => ({}));

  test('its phones are told, then disconnected', async () => {
    const { event, organiserToken } = await createEvent(t.server.url, { name: 'Gone tomorrow' });
    const dashboard = await connectOrganiser(t.server.url, organiserToken, event.id);
    t.sockets.push(dashboard as unknown as AttendeeSocket);
    const ann = await joinAndConnect(t.server, event.code, { name: 'Ann' }, t.sockets);
    expect(await control(dashboard, 'event:end')).toMatchObject({ ok: true });
    const told = [deletion(ann.socket), deletion(dashboard)];
    t.clock = t.server.app.store.deletesAt((await t.server.app.store.getEvent(event.id))!);
    expect(await t.server.app.store.sweep(t.clock)).toBe(1);
    for (const seen of await Promise.all(told)) expect(seen).toEqual({ deleted: { eventId: event.id }, closed: 'io server disconnect' });
  });

  test('a phone that taps after its data went, before any instance noticed, is told it is signed out', async () => {
    const { event } = await createEvent(t.server.url, { name: 'Gone unseen' });
    const ann = await joinAndConnect(t.server, event.code, { name: 'Ann' }, t.sockets);
    await t.server.app.services.organisers.setStatus(event.id, 'ended');
    t.clock = t.server.app.store.deletesAt((await t.server.app.store.getEvent(event.id))!);
    expect(await t.server.app.store.sweep(t.clock)).toBe(1);
    // Its instance's presence refresh (every 10 s here) has not come round to telling it yet.
    // Not "Attendee not found": the page signs out and says why, as a refused reconnect makes it.
    expect(await call(ann.socket, 'match:find')).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNAUTHORIZED' }) });
    expect(await call(ann.socket, 'profile:update', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNAUTHORIZED' }) });
  });
});

/**
 * With no dashboard open anywhere, the instance the phones are connected to finds the event gone
 * when it next vouches for them (presence refresh), and tells them itself.
 */
describe('event:deleted reaches the attendees with no dashboard open (memory)', () => {
  const t = steppedServerPerTest(async () => ({ presenceRefreshMs: 20 }));

  test('its phones are told once, then disconnected', async () => {
    const { event, told, cat } = await twoEventsOneEnded(t, 'Gone unwatched');
    expect(await t.server.app.store.sweep(t.clock)).toBe(1);
    for (const seen of await Promise.all(told)) expect(seen).toEqual({ deleted: [{ eventId: event.id }], closed: 'io server disconnect' });
    // Another event's phone on the same instance stays, and is still vouched for.
    await t.server.app.presence.refresh();
    expect(cat.socket.connected).toBe(true);
    expect(await call(cat.socket, 'match:find')).toMatchObject({ ok: true });
  });
});

/**
 * The instance whose retention sweep deletes the event (the memory store) tells its phones at
 * once, not at their next presence refresh: here that refresh never comes round (an hour), and the
 * sweep runs every 20 ms on the test's hand clock, which reaches the event's `deletesAt` only
 * when the test moves it there.
 */
describe('event:deleted reaches the attendees from the sweep that deletes the event (memory)', () => {
  const t = steppedServerPerTest(async () => ({ presenceRefreshMs: 3_600_000, retentionSweepMs: 20 }));

  test('its phones are told once by that sweep, then disconnected; another event\'s phones stay', async () => {
    const { event, told, cat } = await twoEventsOneEnded(t, 'Gone at the sweep');
    for (const seen of await Promise.all(told)) expect(seen).toEqual({ deleted: [{ eventId: event.id }], closed: 'io server disconnect' });
    expect(await t.server.app.store.getEvent(event.id)).toBeNull();
    expect(cat.socket.connected).toBe(true);
    expect(await call(cat.socket, 'match:find')).toMatchObject({ ok: true });
  });
});

describeRedis('event:deleted reaches the attendees (two instances on Redis)', () => {
  const prefix = testPrefix();
  const servers: TestServer[] = [];
  const sockets: AnySocket[] = [];

  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    for (const s of servers) await s.close();
    await dropPrefix(prefix);
  });

  test('phones on an instance with no dashboard are told too, then disconnected', async () => {
    for (let i = 0; i < 2; i++) servers.push(await startServer({}, await redisDeps(prefix)));
    const [withDashboard, phonesOnly] = servers as [TestServer, TestServer];
    const { event, organiserToken } = await createEvent(withDashboard.url, { name: 'Gone tomorrow' });
    const dashboard = await connectOrganiser(withDashboard.url, organiserToken, event.id);
    sockets.push(dashboard);
    const ann = await joinAndConnect(phonesOnly, event.code, { name: 'Ann' }, sockets as AttendeeSocket[]);
    const bob = await joinAndConnect(withDashboard, event.code, { name: 'Bob' }, sockets as AttendeeSocket[]);
    const told = [deletion(ann.socket), deletion(bob.socket), deletion(dashboard)];
    // What the keys' expiry does at the event's end plus the retention period.
    await dropPrefix(`${prefix}{${event.id}}`);
    for (const seen of await Promise.all(told)) expect(seen).toEqual({ deleted: { eventId: event.id }, closed: 'io server disconnect' });
  });
});

/**
 * No dashboard open on any instance: each instance finds the event gone (its keys expired) when
 * it next vouches for its own phones, and tells them. A short retention lets Redis expire the
 * keys for real, soon after the end.
 */
describeRedis('event:deleted reaches the attendees with no dashboard open (two instances on Redis)', () => {
  const prefix = testPrefix();
  const servers: TestServer[] = [];
  const sockets: AttendeeSocket[] = [];

  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    for (const s of servers) await s.close();
    await dropPrefix(prefix);
  });

  test('the phones on each instance are told once, then disconnected', async () => {
    for (let i = 0; i < 2; i++) servers.push(await startServer({}, { ...(await redisDeps(prefix, { retentionMs: 300 })), presenceRefreshMs: 25 }));
    const [one, two] = servers as [TestServer, TestServer];
    const { event } = await createEvent(one.url, { name: 'Gone unwatched' });
    const ann = await joinAndConnect(one, event.code, { name: 'Ann' }, sockets);
    const bob = await joinAndConnect(two, event.code, { name: 'Bob' }, sockets);
    const told = [deletions(ann.socket), deletions(bob.socket)];
    // Ended, the event's keys are re-expired to its end plus the retention period: 300 ms on.
    await one.app.services.organisers.setStatus(event.id, 'ended');
    for (const seen of await Promise.all(told)) expect(seen).toEqual({ deleted: [{ eventId: event.id }], closed: 'io server disconnect' });
    expect(await one.app.store.getEvent(event.id)).toBeNull();
  });
});
