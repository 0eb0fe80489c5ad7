import request from 'supertest';
import type { AppDeps } from '../../server/app';
import type { Connection } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, connectAttendee, joinAndConnect, steppedServerPerTest, waitFor } from '../helpers/server';

/**
 * Someone I reported from the "Good chat?" card is never offered to me again, on any phone of
 * mine (the server's list is where every phone, and a reloaded one, gets them from). A report is
 * silent: the list of the one reported stays exactly as it was. Over real sockets, on each store.
 */
function keepApartList(name: string, deps: () => Promise<Partial<AppDeps>>, after: () => Promise<void> = async () => {}) {
  describe(`People I met after a report (${name})`, () => {
    const t = steppedServerPerTest(deps, after);
    type Person = Awaited<ReturnType<typeof joinAndConnect>>;

    /** These people, in one match that has met, then ended by the first of them leaving. */
    async function metAndParted(names: string[]) {
      const { people, matchId } = await t.chatting(names, 'Apart');
      expect(await call(people[0]!.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      return { people, matchId };
    }

    const connections = (p: Person) =>
      request(t.server.url).get('/api/me/connections').set('authorization', `Bearer ${p.token}`).expect(200).then((r) => r.body.connections as Connection[]);

    test('a report takes them off my list for good; theirs does not change at all', async () => {
      const { people: [ann, bob] } = await metAndParted(['Ann', 'Bob']);
      expect((await connections(ann!)).map((c) => c.name)).toEqual(['Bob']);
      const bobsBefore = await connections(bob!);
      expect(bobsBefore.map((c) => c.name)).toEqual(['Ann']);

      expect(await call(ann!.socket, 'attendee:report', { attendeeId: bob!.attendee.id, reason: 'made_uncomfortable' })).toMatchObject({ ok: true });
      // Asked afresh, as a reloaded page or another phone does.
      expect(await connections(ann!)).toEqual([]);
      expect(await connections(bob!)).toEqual(bobsBefore);
      // Nor does the vCard download name him.
      await request(t.server.url).get('/api/me/connections.vcf').set('authorization', `Bearer ${ann!.token}`).expect(200).expect('');
    });

    test('in a trio, only the one reported goes from my list; the others\' lists do not change', async () => {
      const { people: [ann, bob, dee] } = await metAndParted(['Ann', 'Bob', 'Dee']);
      const [bobsBefore, deesBefore] = [await connections(bob!), await connections(dee!)];
      expect(await call(ann!.socket, 'attendee:report', { attendeeId: bob!.attendee.id, reason: 'spam' })).toMatchObject({ ok: true });
      expect((await connections(ann!)).map((c) => c.name)).toEqual(['Dee']);
      expect(await connections(bob!)).toEqual(bobsBefore);
      expect(await connections(dee!)).toEqual(deesBefore);
    });

    test('names whom I reported, and tells my other phone, whose list changed with it', async () => {
      const { people: [ann, bob] } = await metAndParted(['Ann', 'Bob']);
      const list = (p: Person) => request(t.server.url).get('/api/me/connections').set('authorization', `Bearer ${p.token}`).expect(200).then((r) => r.body);
      expect((await list(ann!)).reported).toEqual([]);
      const annsOtherPhone = await connectAttendee(t.server.url, ann!.token);
      t.sockets.push(annsOtherPhone);
      const toBob: unknown[] = [];
      bob!.socket.on('connections:changed', (payload) => toBob.push(payload));
      const told = waitFor(annsOtherPhone, 'connections:changed');

      expect(await call(ann!.socket, 'attendee:report', { attendeeId: bob!.attendee.id, reason: 'spam' })).toMatchObject({ ok: true });
      await told;
      expect(await list(ann!)).toEqual({ connections: [], swapped: [], reported: [bob!.attendee.id] });
      // Silent to him: his list is as it was, and nothing tells his phone it changed.
      expect((await list(bob!)).reported).toEqual([]);
      await call(bob!.socket, 'profile:update', {}); // after anything sent to his phone before it
      expect(toBob).toEqual([]);
    });

    test('a block is silent: the list of the one blocked does not change', async () => {
      const { people: [ann, bob] } = await metAndParted(['Ann', 'Bob']);
      const bobsBefore = await connections(bob!);
      expect(await call(ann!.socket, 'attendee:block', { attendeeId: bob!.attendee.id })).toMatchObject({ ok: true });
      expect(await connections(bob!)).toEqual(bobsBefore);
    });
  });
}

onMemoryAndRedis(keepApartList);
