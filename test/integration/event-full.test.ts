import request from 'supertest';
import { AppError } from '../../server/errors';
import { AttendeeService } from '../../server/services/attendees';
import type { Notifier } from '../../server/services/notifier';
import { MemoryStore } from '../../server/store/memory';
import { loadConfig } from '../../server/config';
import { DEFAULT_MAX_ATTENDEES_PER_EVENT } from '../../server/store/store';
import { call, connectAttendee, createEvent, joinEvent, startServer, type AttendeeSocket, type TestServer } from '../helpers/server';

const CAP = 3;

describe('a full event', () => {
  let server: TestServer;
  let store: MemoryStore;
  const sockets: AttendeeSocket[] = [];

  // A venue of CAP people, set the way an operator sets it (MAX_ATTENDEES_PER_EVENT).
  beforeEach(async () => {
    store = new MemoryStore();
    server = await startServer({ maxAttendeesPerEvent: CAP }, { store });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.close();
  });

  const join = (code: string, name: string) => request(server.url).post(`/api/events/${code}/attendees`).send({ name });

  async function fill(code: string) {
    const people = [];
    for (let i = 0; i < CAP; i++) people.push(await joinEvent(server.url, code, { name: `Guest ${i}` }));
    return people;
  }

  test('a join past the cap is 409 EVENT_FULL, "This event is full.", and creates nobody', async () => {
    const { event } = await createEvent(server.url);
    await fill(event.code);
    const res = await join(event.code, 'Late').expect(409);
    expect(res.body).toEqual({ error: { code: 'EVENT_FULL', message: 'This event is full.' } });
    expect(await store.listAttendees(event.id)).toHaveLength(CAP);
    // Another event has room of its own.
    const { event: other } = await createEvent(server.url, { name: 'Next door' });
    await join(other.code, 'Late').expect(201);
  });

  test('those already in are never turned away: they resume with their token and carry on', async () => {
    const { event } = await createEvent(server.url);
    const [first] = await fill(event.code);
    await join(event.code, 'Late').expect(409);
    const me = await request(server.url).get('/api/me').set('authorization', `Bearer ${first!.token}`).expect(200);
    expect(me.body).toMatchObject({ status: 'idle' });
    const socket = await connectAttendee(server.url, first!.token);
    sockets.push(socket);
    expect(await call(socket, 'match:find')).toMatchObject({ ok: true });
    // A reconnect, as a phone waking up does, is let in too.
    socket.disconnect();
    sockets.push(await connectAttendee(server.url, first!.token));
  });

  test('joins racing over HTTP at the boundary never pass the cap', async () => {
    const { event } = await createEvent(server.url);
    await joinEvent(server.url, event.code, { name: 'Early' });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => join(event.code, `Rush ${i}`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(CAP - 1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(20 - (CAP - 1));
    for (const r of refused) expect(r.status === 409 && r.body.error.code).toBe('EVENT_FULL');
    expect(await store.listAttendees(event.id)).toHaveLength(CAP);
  });

  test('someone who forgets themselves frees their place', async () => {
    const { event } = await createEvent(server.url);
    const [first] = await fill(event.code);
    await join(event.code, 'Late').expect(409);
    await request(server.url).delete('/api/me').set('authorization', `Bearer ${first!.token}`).expect(204);
    await join(event.code, 'Late').expect(201);
    await join(event.code, 'Later').expect(409);
  });

  test('an ended event still says it has ended, full or not', async () => {
    const { event } = await createEvent(server.url);
    await fill(event.code);
    await server.app.services.events.setStatus(event.id, 'ended');
    expect((await join(event.code, 'Late').expect(409)).body.error.code).toBe('EVENT_CLOSED');
  });
});

describe('the attendees service’s cap', () => {
  const notifier: Notifier = { toAttendee() {}, toAttendees() {}, toEvent() {}, eventToDashboards() {}, disconnectAttendee() {} };

  async function eventIn(store: MemoryStore) {
    const event = { id: 'e1', code: 'CAPCAP', name: 'Small', topics: [], spots: [], status: 'open' as const, endsAt: null, createdAt: 0, announcement: null, pausedAt: null };
    await store.createEvent(event, 'org');
    return event;
  }

  test('maxAttendeesPerEvent sets it', async () => {
    const store = new MemoryStore();
    const { code } = await eventIn(store);
    const attendees = new AttendeeService({ store, notifier, now: () => 1, maxAttendeesPerEvent: 2 });
    await attendees.join(code, { name: 'Ann', interests: [], solo: true, lookFor: '', offers: [], asks: [] });
    await attendees.join(code, { name: 'Bob', interests: [], solo: true, lookFor: '', offers: [], asks: [] });
    const refused = attendees.join(code, { name: 'Cat', interests: [], solo: true, lookFor: '', offers: [], asks: [] });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'EVENT_FULL', message: 'This event is full.' });
  });

  test('MAX_ATTENDEES_PER_EVENT sets the app’s cap; unset, it is 20,000', () => {
    expect(loadConfig({ MAX_ATTENDEES_PER_EVENT: '250' }).maxAttendeesPerEvent).toBe(250);
    expect(loadConfig({}).maxAttendeesPerEvent).toBe(20_000);
    expect(() => loadConfig({ MAX_ATTENDEES_PER_EVENT: '0' })).toThrow(/MAX_ATTENDEES_PER_EVENT/);
  });

  test('unset, it is DEFAULT_MAX_ATTENDEES_PER_EVENT, above the 10,800 the simulator brings', async () => {
    expect(DEFAULT_MAX_ATTENDEES_PER_EVENT).toBe(20_000);
    const store = new MemoryStore();
    const { code } = await eventIn(store);
    const spy = jest.spyOn(store, 'createAttendee');
    await new AttendeeService({ store, notifier, now: () => 1 }).join(code, { name: 'Ann', interests: [], solo: true, lookFor: '', offers: [], asks: [] });
    expect(spy.mock.calls[0]![2]).toBe(DEFAULT_MAX_ATTENDEES_PER_EVENT);
  });
});
