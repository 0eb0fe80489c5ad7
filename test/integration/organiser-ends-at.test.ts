import request from 'supertest';
import type { Event, Stats } from '../../shared/schemas';
import { connectOrganiser, control, createEvent, startServerOnClock, type OrganiserSocket, type TestServer } from '../helpers/server';

const HOUR = 3_600_000;
/** The memory store's defaults: an event without an end lasts a day, and its data a day more. */
const LIFETIME = 24 * HOUR;
const RETENTION = 24 * HOUR;

describe('the organiser changes the planned end (endsAt)', () => {
  let server: TestServer;
  // A planned end is checked against the real clock, so the server's starts there too.
  let clock = Date.now();
  const sockets: OrganiserSocket[] = [];

  beforeEach(async () => {
    clock = Date.now();
    server = await startServerOnClock(() => clock);
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  async function organiser(body: Record<string, unknown> = { name: 'Late night' }) {
    const made = await createEvent(server.url, body);
    const auth = { authorization: `Bearer ${made.organiserToken}` };
    const patch = (sent: unknown) => request(server.url).patch(`/api/events/${made.event.id}`).set(auth).send(sent as object);
    const stats = async () => (await request(server.url).get(`/api/events/${made.event.id}/stats`).set(auth).expect(200)).body as Stats;
    const dashboard = async () => {
      const socket = await connectOrganiser(server.url, made.organiserToken, made.event.id);
      sockets.push(socket);
      return socket;
    };
    return { ...made, auth, patch, stats, dashboard };
  }

  const nextEvent = (socket: OrganiserSocket) => new Promise<Event>((resolve) => socket.once('event:updated', (p) => resolve(p.event)));

  test('a new planned end is saved, moves when the data is deleted, and reaches the other dashboards', async () => {
    const planned = clock + 3 * HOUR;
    const { event, patch, stats, dashboard } = await organiser({ name: 'Late night', endsAt: new Date(planned).toISOString() });
    const other = await dashboard();
    const told = nextEvent(other);

    const later = new Date(clock + 5 * HOUR);
    const res = await patch({ endsAt: later.toISOString() }).expect(200);
    expect(res.body.event).toMatchObject({ id: event.id, name: 'Late night', endsAt: later.toISOString() });
    expect(await told).toMatchObject({ endsAt: later.toISOString() });
    expect(Date.parse((await stats()).deletesAt)).toBe(later.getTime() + RETENTION);

    // Any offset is taken, and kept as the same moment.
    const sooner = new Date(Math.floor((clock + 2 * HOUR) / 1000) * 1000);
    const sent = new Date(sooner.getTime() + 2 * HOUR).toISOString().replace('Z', '+02:00');
    expect((await patch({ endsAt: sent }).expect(200)).body.event.endsAt).toBe(sooner.toISOString());

    // Over the dashboard's socket too, with the others told.
    const own = await dashboard();
    const again = nextEvent(other);
    const viaSocket = new Date(clock + 4 * HOUR).toISOString();
    expect(await control(own, 'event:update', { endsAt: viaSocket })).toMatchObject({ ok: true, event: { endsAt: viaSocket } });
    expect(await again).toMatchObject({ endsAt: viaSocket });

    // Still the planned end only: the event stays open, and a sweep at the old deletion keeps it.
    expect(await server.app.store.sweep(planned + RETENTION)).toBe(0);
    expect(await server.app.store.getEvent(event.id)).toMatchObject({ status: 'open', endsAt: Date.parse(viaSocket) });
  });

  test('null clears it: the store’s default lifetime from creation applies again', async () => {
    const { event, patch, stats, dashboard } = await organiser({ name: 'Late night', endsAt: new Date(clock + 3 * HOUR).toISOString() });
    const createdAt = (await server.app.store.getEvent(event.id))!.createdAt;
    const other = await dashboard();
    const told = nextEvent(other);
    const res = await patch({ endsAt: null }).expect(200);
    expect(res.body.event).toMatchObject({ endsAt: null });
    expect(await told).toMatchObject({ endsAt: null });
    expect(Date.parse((await stats()).deletesAt)).toBe(createdAt + LIFETIME + RETENTION);
    // Clearing again is no change, and no error.
    expect((await patch({ endsAt: null }).expect(200)).body.event).toMatchObject({ endsAt: null });
  });

  test('clearing is refused once the default lifetime from creation is past, and changes nothing', async () => {
    const { event, patch } = await organiser({ name: 'All weekend', endsAt: new Date(clock + 3 * HOUR).toISOString() });
    clock += LIFETIME + HOUR; // the evening ran late: past the planned end, and a day after creation
    const before = await server.app.store.getEvent(event.id);
    const res = await patch({ endsAt: null });
    expect({ status: res.status, code: res.body.error?.code, issues: res.body.error?.issues }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'endsAt', message: expect.stringContaining('planned end') }],
    });
    expect(await server.app.store.getEvent(event.id)).toEqual(before);
  });

  test('a new planned end is at most 14 days after creation, however often it moves; past that it is refused and changes nothing', async () => {
    // Created ten days ago (the planned end checked against the real clock is still ahead).
    clock = Date.now() - 10 * 24 * HOUR;
    const { event, patch, dashboard } = await organiser({ name: 'Long week', endsAt: new Date(Date.now() + 3 * HOUR).toISOString() });
    const createdAt = (await server.app.store.getEvent(event.id))!.createdAt;
    // Dashboards are told when it was created, to offer only what will be taken.
    expect(event.createdAt).toBe(new Date(createdAt).toISOString());
    clock = Date.now();
    const latest = createdAt + 14 * 24 * HOUR;
    const before = await server.app.store.getEvent(event.id);
    const socket = await dashboard();
    // Within 14 days of now, but past 14 days after creation.
    const body = { endsAt: new Date(latest + 60_000).toISOString() };
    const res = await patch(body);
    expect({ status: res.status, code: res.body.error?.code, issues: res.body.error?.issues }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'endsAt', message: expect.stringContaining(new Date(latest).toISOString()) }],
    });
    expect(res.body.error.message).toMatch(/14 days after the event was created/);
    expect(await control(socket, 'event:update', { name: 'Renamed', ...body })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await server.app.store.getEvent(event.id)).toEqual(before);
    // The latest allowed moment itself is taken.
    const ok = await patch({ endsAt: new Date(latest).toISOString() }).expect(200);
    expect(ok.body.event).toMatchObject({ endsAt: new Date(latest).toISOString(), createdAt: new Date(createdAt).toISOString() });
  });

  test('bad input is VALIDATION_FAILED and changes nothing, over HTTP and the socket', async () => {
    const { event, patch, dashboard } = await organiser({ name: 'Late night', endsAt: new Date(clock + 3 * HOUR).toISOString() });
    const before = await server.app.store.getEvent(event.id);
    const socket = await dashboard();
    const bad: unknown[] = [
      { endsAt: '2030-06-01T22:00:00' }, // no offset
      { endsAt: 'tonight' },
      { endsAt: new Date(Date.now() - 60_000).toISOString() }, // past
      { endsAt: new Date(Date.now() + 15 * 24 * HOUR).toISOString() }, // over 14 days
      { endsAt: Date.now() + HOUR },
      { endsAt: '' },
      { name: 'Renamed', endsAt: 'later' }, // one bad field keeps the good one out too
    ];
    for (const body of bad) {
      const res = await patch(body);
      expect({ body, status: res.status, code: res.body.error?.code, path: res.body.error?.issues?.[0]?.path }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
        path: 'endsAt',
      });
      expect(await control(socket, 'event:update', body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await server.app.store.getEvent(event.id)).toEqual(before);
  });

  test('once the event has ended it is refused EVENT_CLOSED, set or cleared, and the end stays its end', async () => {
    const { event, patch, dashboard } = await organiser({ name: 'Short night', endsAt: new Date(clock + 3 * HOUR).toISOString() });
    const socket = await dashboard();
    clock += HOUR;
    expect(await control(socket, 'event:end')).toMatchObject({ ok: true, event: { endsAt: new Date(clock).toISOString() } });
    const ended = await server.app.store.getEvent(event.id);
    for (const body of [{ endsAt: new Date(Date.now() + 5 * HOUR).toISOString() }, { endsAt: null }]) {
      const res = await patch(body);
      expect({ status: res.status, error: res.body.error }).toEqual({
        status: 409,
        error: { code: 'EVENT_CLOSED', message: 'This event has ended, so the changes were not saved.' },
      });
      expect(await control(socket, 'event:update', body)).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
    }
    expect(await server.app.store.getEvent(event.id)).toEqual(ended);
  });
});
