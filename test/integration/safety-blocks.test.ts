import request from 'supertest';
import { MemoryStore } from '../../server/store/memory';
import { call, connectAttendee, createEvent, joinAndConnect, joinEvent, steppedServerPerTest, waitFor } from '../helpers/server';

/**
 * Reports and blocks keep people apart for the rest of the event: a report blocks too, and
 * starting over on the same phone keeps the blocks. Over real sockets, matching stepped by hand.
 */
describe('keeping people apart', () => {
  const t = steppedServerPerTest(async () => ({ store: new MemoryStore() }));

  type Person = Awaited<ReturnType<typeof joinAndConnect>>;
  const person = (code: string, name: string, extra: Record<string, unknown> = {}) =>
    joinAndConnect(t.server, code, { name, interests: ['Tea'], ...extra }, t.sockets);
  const statusOf = async (p: Person) => (await t.server.app.services.attendees.state(p.ref)).status;


  /** Ann and Bob, matched on a tick: Ann is told to walk over to Bob. */
  async function matched() {
    const { event } = await createEvent(t.server.url, { name: 'Safety' });
    const ann = await person(event.code, 'Ann');
    const bob = await person(event.code, 'Bob');
    const match = await t.pair(ann, bob);
    expect(match.partners.map((p) => p.id)).toEqual([bob.attendee.id]);
    return { event, ann, bob, matchId: match.id };
  }

  describe('a report', () => {
    test('takes the reporter out of the match at once, and the two are never matched again', async () => {
      const { event, ann, bob, matchId } = await matched();
      const annTold = waitFor(ann.socket, 'match:ended');
      const report = { attendeeId: ann.attendee.id, reason: 'made_uncomfortable' };
      const ack = await call(bob.socket, 'attendee:report', report);
      expect(ack).toMatchObject({ ok: true, state: { status: 'idle', match: null } });
      // Ann is no longer sent to find Bob: as after a block, she sees only that he left.
      expect(await annTold).toEqual({ matchId, reason: 'partner_left' });
      expect(await statusOf(ann)).toBe('idle');
      // A retry (say, after a reconnect) acks the same and changes nothing.
      expect(await call(bob.socket, 'attendee:report', report)).toEqual(ack);
      expect(await t.server.app.store.listReports(event.id)).toHaveLength(1);

      await t.lookAndTick(ann, bob);
      expect([await statusOf(ann), await statusOf(bob)]).toEqual(['looking', 'looking']);
      // Someone new is matched with one of them, not the two together.
      const cy = await person(event.code, 'Cy');
      await t.lookAndTick(cy);
      const cyState = await t.server.app.services.attendees.state(cy.ref);
      expect(cyState.match?.partners).toHaveLength(1);
    });

    test('about someone from an earlier match blocks them too', async () => {
      const { ann, bob, matchId } = await matched();
      expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      expect(await call(ann.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      expect(await call(bob.socket, 'attendee:report', { attendeeId: ann.attendee.id, reason: 'other', text: 'Rude' })).toMatchObject({
        ok: true,
        state: { status: 'idle' },
      });
      await t.lookAndTick(ann, bob);
      expect([await statusOf(ann), await statusOf(bob)]).toEqual(['looking', 'looking']);
    });
  });

  describe('starting over on the same phone', () => {
    const rejoin = async (code: string, previousToken: unknown) =>
      request(t.server.url).post(`/api/events/${code}/attendees`).send({ name: 'Ann', interests: ['Tea'], previousToken }).expect(201);

    test.each([
      ['Bob blocked Ann', 'bob'],
      ['Ann blocked Bob', 'ann'],
    ] as const)('keeps the block (%s): the new Ann and Bob are not matched while nobody else is there', async (_, blocker) => {
      const { event } = await createEvent(t.server.url, { name: 'Safety' });
      const ann = await person(event.code, 'Ann');
      const bob = await person(event.code, 'Bob');
      const [from, to] = blocker === 'bob' ? [bob, ann] : [ann, bob];
      expect(await call(from.socket, 'attendee:block', { attendeeId: to.attendee.id })).toMatchObject({ ok: true });
      // "Not Ann? Start over": the phone forgets Ann locally (she stays in the event, idle) and joins again.
      ann.socket.disconnect();
      const again = await rejoin(event.code, ann.token);
      expect(again.body.attendee).toMatchObject({ name: 'Ann' });
      expect(again.body.attendee.id).not.toBe(ann.attendee.id);
      expect(JSON.stringify(again.body)).not.toContain('previousToken');
      const newAnn = await joinAndConnectWith(event.id, again.body);

      await t.lookAndTick(newAnn, bob);
      expect([await statusOf(newAnn), await statusOf(bob)]).toEqual(['looking', 'looking']);
      const cy = await person(event.code, 'Cy');
      await t.lookAndTick(cy);
      expect((await t.server.app.services.attendees.state(cy.ref)).match?.partners).toHaveLength(1);
    });

    test('a bogus, unknown or other event’s previous token is ignored: the join goes through as any other', async () => {
      const { event } = await createEvent(t.server.url, { name: 'Safety' });
      const elsewhere = await createEvent(t.server.url, { name: 'Elsewhere' });
      const bob = await person(event.code, 'Bob');
      const dan = await person(elsewhere.event.code, 'Dan');
      // Dan, in another event, blocked someone: nothing of that reaches this one.
      const eve = await person(elsewhere.event.code, 'Eve');
      expect(await call(dan.socket, 'attendee:block', { attendeeId: eve.attendee.id })).toMatchObject({ ok: true });
      for (const bogus of ['not-a-token', 'x'.repeat(43), 'y'.repeat(500), 42, null, { token: 'z' }, dan.token, elsewhere.organiserToken]) {
        const joined = await rejoin(event.code, bogus);
        expect(await t.server.app.store.listBlocksOf(event.id, joined.body.attendee.id)).toEqual([]);
      }
      const carol = await joinEvent(t.server.url, event.code, { name: 'Carol', interests: ['Tea'], previousToken: 'a'.repeat(43) });
      const carolP = await joinAndConnectWith(event.id, carol);
      await t.lookAndTick(carolP, bob);
      expect((await t.server.app.services.attendees.state(carolP.ref)).match?.partners.map((p) => p.id)).toEqual([bob.attendee.id]);
      expect(await t.server.app.store.listBlocksOf(event.id, carol.attendee.id)).toEqual([]);
    });
  });

  /** Connects a phone for someone who has just joined. */
  async function joinAndConnectWith(eventId: string, joined: { attendee: { id: string }; token: string }): Promise<Person> {
    const socket = await connectAttendee(t.server.url, joined.token);
    t.sockets.push(socket);
    return { ...(joined as Person), socket, ref: { eventId, attendeeId: joined.attendee.id } };
  }
});
