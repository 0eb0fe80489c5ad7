import request from 'supertest';
import type { Stats } from '../../shared/schemas';
import { call, createEvent, joinAndConnect, startServerOnClock, waitUntil, type AttendeeSocket, type TestServer } from '../helpers/server';

describe('the dashboard figures', () => {
  let server: TestServer;
  let clock = 1_800_000_000_000;
  const sockets: AttendeeSocket[] = [];

  beforeEach(async () => {
    clock = 1_800_000_000_000;
    server = await startServerOnClock(() => clock);
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  test('"waiting longest" lists only people whose phone is here; "looking" still counts the whole queue', async () => {
    const { event, organiserToken } = await createEvent(server.url, { name: 'Who is really here' });
    const stats = async () =>
      (await request(server.url).get(`/api/events/${event.id}/stats`).set('authorization', `Bearer ${organiserToken}`).expect(200)).body as Stats;
    const gone = await joinAndConnect(server, event.code, { name: 'Gone', lookFor: 'left early' }, sockets);
    const here = await joinAndConnect(server, event.code, { name: 'Here', lookFor: 'red scarf' }, sockets);

    await call(gone.socket, 'match:find');
    clock += 10_000;
    await call(here.socket, 'match:find');
    clock += 5_000;
    await server.app.presence.refresh();
    expect((await stats()).longestWaiting.map((w) => w.name)).toEqual(['Gone', 'Here']);

    // Gone's phone leaves; Gone stays in the queue, but the matcher will not place them, and a
    // host walking over would find nobody.
    gone.socket.disconnect();
    await waitUntil(async () => (await stats()).online === 1);
    const s = await stats();
    expect(s.longestWaiting).toEqual([{ id: here.attendee.id, name: 'Here', lookFor: 'red scarf', waitingMs: 5_000 }]);
    expect(s.looking).toBe(2);
  });

  test('a resume while the figures read the people gives the waits from after it, not stopped at the pause', async () => {
    const { event, organiserToken } = await createEvent(server.url, { name: 'Resumed mid-read' });
    const ann = await joinAndConnect(server, event.code, { name: 'Ann', lookFor: 'red scarf' }, sockets);
    await call(ann.socket, 'match:find');
    clock += 60_000;
    await server.app.services.organisers.setStatus(event.id, 'paused');
    clock += 600_000;
    await server.app.presence.refresh();
    // The resume lands after the figures read the event, before they read its people.
    const { store } = server.app;
    const loadStats = store.loadStats.bind(store);
    store.loadStats = async (eventId) => {
      store.loadStats = loadStats;
      await store.setEventStatus(eventId, 'open', clock);
      return loadStats(eventId);
    };
    const s = (await request(server.url).get(`/api/events/${event.id}/stats`).set('authorization', `Bearer ${organiserToken}`).expect(200)).body as Stats;
    expect(s.waitsPaused).toBe(false);
    expect(s.longestWaiting).toEqual([expect.objectContaining({ name: 'Ann', waitingMs: 60_000 })]);
  });
});
