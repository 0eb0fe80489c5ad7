import request from 'supertest';
import { AftercareService } from '../../server/services/aftercare';
import { MemoryStore } from '../../server/store/memory';
import { sampleMatch } from '../store/samples';
import { call, connectAttendee, createEvent, joinEvent, startServerOnClock, type AttendeeSocket, type TestServer } from '../helpers/server';

/**
 * Reports are about people the reporter was in a match with, and only so many per reporter:
 * otherwise a few fake attendees could file a report about everyone in the room, K² in all,
 * and the organiser's list (worked out every second per dashboard) would drown.
 */
describe('reports are limited to people I was matched with', () => {
  let server: TestServer;
  let store: MemoryStore;
  const sockets: AttendeeSocket[] = [];

  beforeEach(async () => {
    store = new MemoryStore();
    server = await startServerOnClock(undefined, { store });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  async function people(count: number) {
    const { event, organiserToken } = await createEvent(server.url, { name: 'Reports' });
    const out = [];
    for (let i = 0; i < count; i++) {
      const joined = await joinEvent(server.url, event.code, { name: `Guest ${i}` });
      out.push({ ...joined, ref: { eventId: event.id, attendeeId: joined.attendee.id } });
    }
    return { event, organiserToken, people: out };
  }

  /** Puts these people in one match, straight through the store; `leave` ends it at once. */
  async function match(eventId: string, ids: string[], { leave = false } = {}) {
    for (const id of ids) await server.app.services.matches.find({ eventId, attendeeId: id });
    const record = sampleMatch(eventId, ids, { createdAt: Date.now() });
    expect(await store.claimMatch(record)).toBe(true);
    if (leave) await server.app.services.matches.leave({ eventId, attendeeId: ids[0]! }, { matchId: record.id, reason: 'done' });
    return record.id;
  }

  async function phone(token: string) {
    const socket = await connectAttendee(server.url, token);
    sockets.push(socket);
    return socket;
  }

  test('a report about someone I was never in a match with is FORBIDDEN and stored nowhere', async () => {
    const { event, organiserToken, people: [ann, bob, cat] } = await people(3);
    await match(event.id, [ann!.attendee.id, bob!.attendee.id]);
    const sa = await phone(ann!.token);

    const stranger = await call(sa, 'attendee:report', { attendeeId: cat!.attendee.id, reason: 'spam', text: 'x'.repeat(500) });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Someone I am in a match with, even one not yet met, I may report.
    expect(await call(sa, 'attendee:report', { attendeeId: bob!.attendee.id, reason: 'harassment' })).toMatchObject({ ok: true });

    expect((await store.listReports(event.id)).map((r) => r.reportedId)).toEqual([bob!.attendee.id]);
    const stats = await request(server.url).get(`/api/events/${event.id}/stats`).set('authorization', `Bearer ${organiserToken}`).expect(200);
    expect(stats.body.reports.map((r: { attendeeId: string }) => r.attendeeId)).toEqual([bob!.attendee.id]);
  });

  test('someone who joined a circle after I left it never met me: neither may report the other', async () => {
    const { event, people: [ann, bob, cat] } = await people(3);
    const { eventId } = ann!.ref;
    // Ann and Bob met; Ann left; Cat joined Bob afterwards.
    await match(eventId, [ann!.attendee.id, bob!.attendee.id], { leave: true });
    for (const p of [bob!, cat!]) await server.app.services.matches.find(p.ref);
    const record = sampleMatch(eventId, [bob!.attendee.id, cat!.attendee.id], {
      createdAt: Date.now(),
      formerMembers: [{ id: ann!.attendee.id, with: [bob!.attendee.id] }],
    });
    expect(await store.claimMatch(record)).toBe(true);

    const [sa, sc] = [await phone(ann!.token), await phone(cat!.token)];
    expect(await call(sa, 'attendee:report', { attendeeId: cat!.attendee.id, reason: 'other' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(sc, 'attendee:report', { attendeeId: ann!.attendee.id, reason: 'other' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(sa, 'attendee:report', { attendeeId: bob!.attendee.id, reason: 'other' })).toMatchObject({ ok: true });
    expect(await store.listReports(event.id)).toHaveLength(1);
  });

  test(`one person reports at most ${AftercareService.reportsPerReporter} people; a retry of one of them still acks`, async () => {
    const cap = AftercareService.reportsPerReporter;
    const { event, people: [me, ...others] } = await people(cap + 2);
    // I was matched with everyone, one after another, over the evening.
    for (const other of others) await match(event.id, [me!.attendee.id, other.attendee.id], { leave: true });
    const { aftercare } = server.app.services;
    for (const other of others.slice(0, cap)) await aftercare.report(me!.ref, other.attendee.id, 'spam');

    const sa = await phone(me!.token);
    const over = await call(sa, 'attendee:report', { attendeeId: others[cap]!.attendee.id, reason: 'spam' });
    expect(over).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // The phone lost an ack and resends: the same answer as the first time.
    expect(await call(sa, 'attendee:report', { attendeeId: others[0]!.attendee.id, reason: 'spam' })).toMatchObject({ ok: true });
    expect(await store.listReports(event.id)).toHaveLength(cap);
  });

  test(`reports sent all at once still stop at ${AftercareService.reportsPerReporter}`, async () => {
    const cap = AftercareService.reportsPerReporter;
    const { event, people: [me, ...others] } = await people(1 + cap + 5);
    for (const other of others) await match(event.id, [me!.attendee.id, other.attendee.id], { leave: true });

    // Every report leaves before any ack comes back: each would see fewer than the cap stored.
    const sa = await phone(me!.token);
    const acks = await Promise.all(others.map((o) => call(sa, 'attendee:report', { attendeeId: o.attendee.id, reason: 'spam' })));
    const answers: Record<string, number> = {};
    for (const a of acks) answers[a.ok ? 'ok' : a.error.code] = (answers[a.ok ? 'ok' : a.error.code] ?? 0) + 1;
    expect(answers).toEqual({ ok: cap, RATE_LIMITED: others.length - cap });
    expect(await store.listReports(event.id)).toHaveLength(cap);
  });
});
