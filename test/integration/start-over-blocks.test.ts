import request from 'supertest';
import type { AppDeps } from '../../server/app';
import type { Match } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, connectAttendee, createEvent, joinAndConnect, steppedServerPerTest, waitFor } from '../helpers/server';

/**
 * "Not you? Start over" on a phone joins again with `previousToken`. The blocks of the attendee
 * the phone was follow it: those made before, copied in the join itself, and those made against
 * that attendee afterwards (say, by their last match, from the after-chat screen). Over real
 * sockets, matching stepped by hand, on the memory store and on Redis.
 */
function startOverBlocks(name: string, deps: () => Promise<Partial<AppDeps>>, after: () => Promise<void> = async () => {}) {
  describe(`blocks follow a phone that started over (${name})`, () => {
    const t = steppedServerPerTest(deps, after);

    type Person = Awaited<ReturnType<typeof joinAndConnect>>;
    const person = (code: string, personName: string) => joinAndConnect(t.server, code, { name: personName, interests: ['Tea'] }, t.sockets);
    const statusOf = async (p: Person) => (await t.server.app.services.attendees.state(p.ref)).status;

    /** The phone forgets `who` and joins again as someone new, sending their token as `previousToken`. */
    async function startOver(code: string, who: Person): Promise<Person> {
      who.socket.disconnect();
      const res = await request(t.server.url).post(`/api/events/${code}/attendees`).send({ name: 'Ann', interests: ['Tea'], previousToken: who.token }).expect(201);
      const socket = await connectAttendee(t.server.url, res.body.token);
      t.sockets.push(socket);
      return { ...res.body, socket, ref: { eventId: who.ref.eventId, attendeeId: res.body.attendee.id } } as Person;
    }

    /** Ann and Bob are matched, meet and say goodbye; then Ann's phone starts over. */
    async function chattedThenStartedOver() {
      const { event } = await createEvent(t.server.url, { name: 'Start over' });
      const ann = await person(event.code, 'Ann');
      const bob = await person(event.code, 'Bob');
      const { id: matchId } = await t.pair(ann, bob);
      expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      expect(await call(bob.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      const newAnn = await startOver(event.code, ann);
      return { event, ann, bob, newAnn };
    }


    test.each(['attendee:block', 'attendee:report'] as const)(
      'Bob’s %s of the earlier Ann, after her phone started over, keeps him apart from the new Ann',
      async (action) => {
        const { event, ann, bob, newAnn } = await chattedThenStartedOver();
        const payload = action === 'attendee:block' ? { attendeeId: ann.attendee.id } : { attendeeId: ann.attendee.id, reason: 'made_uncomfortable' };
        expect(await call(bob.socket, action, payload)).toMatchObject({ ok: true });

        await t.lookAndTick(newAnn, bob);
        expect([await statusOf(newAnn), await statusOf(bob)]).toEqual(['looking', 'looking']);
        // Someone new is matched with one of them, not the two together.
        const cy = await person(event.code, 'Cy');
        await t.lookAndTick(cy);
        expect((await t.server.app.services.attendees.state(cy.ref)).match?.partners).toHaveLength(1);
      },
    );

    test('a block of the earlier Ann ends a match Bob is in with the new Ann, and follows a phone that started over twice', async () => {
      const { event, ann, bob, newAnn } = await chattedThenStartedOver();
      const newerAnn = await startOver(event.code, newAnn);
      const found = waitFor(bob.socket, 'match:found');
      await call(newerAnn.socket, 'match:find');
      await call(bob.socket, 'match:find');
      t.clock += 30_000;
      await t.tick();
      expect(((await found) as Match).partners.map((p) => p.id)).toEqual([newerAnn.attendee.id]);

      const annTold = waitFor(newerAnn.socket, 'match:ended');
      expect(await call(bob.socket, 'attendee:block', { attendeeId: ann.attendee.id })).toMatchObject({ ok: true, state: { status: 'idle', match: null } });
      expect(await annTold).toMatchObject({ reason: 'partner_left' });
      await t.lookAndTick(bob);
      expect([await statusOf(newerAnn), await statusOf(bob)]).toEqual(['idle', 'looking']);
      await t.lookAndTick(newerAnn);
      expect([await statusOf(newerAnn), await statusOf(bob)]).toEqual(['looking', 'looking']);
    });
  });
}

onMemoryAndRedis(startOverBlocks);
