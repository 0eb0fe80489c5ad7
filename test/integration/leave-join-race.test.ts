import type { AppDeps } from '../../server/app';
import type { State } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, createEvent, joinAndConnect, steppedServerPerTest, waitFor } from '../helpers/server';

type Deps = Partial<AppDeps>;

/**
 * Someone leaves a pair just as the matcher sends a third over to join it. The leave read a
 * pair and chose to end it; by the time it ends, it is a circle of three, so only the leaver
 * goes and the two left carry on (PROTOCOL: "In a trio or circle only the leaver goes"). The
 * join is made to land in that gap every time: the store's endMatch, once, first runs a real
 * tick, then does what it was asked.
 */
function leaveJoinRace(name: string, deps: () => Promise<Deps>, after: () => Promise<void> = async () => {}) {
  describe(`leaving a pair as a third joins it (${name})`, () => {
    const t = steppedServerPerTest(deps, after);

    type Person = Awaited<ReturnType<typeof joinAndConnect>>;
    const partnersAre = (p: Person, ...ids: string[]) =>
      waitFor(p.socket, 'state', (s: State) => s.match !== null && s.match.partners.map((x) => x.id).join() === ids.join());

    /** Ann and Bob have met and are open to one more; Cat is looking. */
    async function openPairAndCat() {
      const { event } = await createEvent(t.server.url, { name: 'Race night' });
      const ann = await joinAndConnect(t.server, event.code, { name: 'Ann', solo: true }, t.sockets);
      const bob = await joinAndConnect(t.server, event.code, { name: 'Bob', solo: true }, t.sockets);
      const cat = await joinAndConnect(t.server, event.code, { name: 'Cat', solo: true }, t.sockets);
      const found = waitFor(ann.socket, 'match:found');
      await call(ann.socket, 'match:find');
      await call(bob.socket, 'match:find');
      await t.tick();
      const matchId = (await found).id;
      expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      expect(await call(ann.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true });
      expect(await call(cat.socket, 'match:find')).toMatchObject({ ok: true, state: { status: 'looking' } });
      const pair = (await t.server.app.store.getMatch(ann.ref.eventId, matchId))!.memberIds;
      return { ann, bob, cat, matchId, pair };
    }

    /** The next endMatch first lets a real tick run (Cat joins), then goes on as asked. */
    function tickBeforeNextEnd(matchId: string) {
      const store = t.server.app.store;
      const realEnd = store.endMatch.bind(store);
      const seen = { membersAtEnd: [] as string[] };
      const spy = jest.spyOn(store, 'endMatch').mockImplementationOnce(async (...args) => {
        await t.tick();
        seen.membersAtEnd = (await store.getMatch(args[0], matchId))?.memberIds ?? [];
        return realEnd(...args);
      });
      return { spy, seen };
    }

    type Leave = (p: { ann: Person; bob: Person; matchId: string }) => Promise<unknown>;
    const idle = { ok: true, state: { status: 'idle', match: null } };
    const home = { status: 'idle', matchId: null };
    // How Bob goes, his ack, and what is left of his record after.
    const leavers: Array<[string, Leave, object, object | null]> = [
      ['match:leave done', ({ bob, matchId }) => call(bob.socket, 'match:leave', { matchId, reason: 'done' }), idle, home],
      ['attendee:block (leaveAny)', ({ bob, ann }) => call(bob.socket, 'attendee:block', { attendeeId: ann.attendee.id }), idle, home],
      ['me:forget (leaveAny)', ({ bob }) => call(bob.socket, 'me:forget'), { ok: true }, null],
    ];

    test.each(leavers)('%s: the newcomer and the partner carry on, only the leaver goes', async (_how, leave, ack, bobAfter) => {
      const { ann, bob, cat, matchId, pair } = await openPairAndCat();
      const ended: Record<string, unknown[]> = { ann: [], cat: [] };
      ann.socket.on('match:ended', (e) => ended.ann!.push(e));
      cat.socket.on('match:ended', (e) => ended.cat!.push(e));
      const catJoined = waitFor(cat.socket, 'match:found');
      const [annWithCat, catWithAnn] = [partnersAre(ann, cat.attendee.id), partnersAre(cat, ann.attendee.id)];
      const { spy, seen } = tickBeforeNextEnd(matchId);

      expect(await leave({ ann, bob, matchId })).toMatchObject(ack);

      // The race happened: the leave went to end the match after Cat had joined it.
      expect(spy).toHaveBeenCalled();
      expect(seen.membersAtEnd).toEqual([...pair, cat.attendee.id]);
      // The store's truth: Ann and Cat still in it together, Bob out.
      const store = t.server.app.store;
      const match = await store.getMatch(ann.ref.eventId, matchId);
      expect(match).toMatchObject({ status: 'chatting', memberIds: [ann.attendee.id, cat.attendee.id] });
      expect(await store.getAttendee(ann.ref.eventId, ann.attendee.id)).toMatchObject({ status: 'chatting', matchId });
      expect(await store.getAttendee(cat.ref.eventId, cat.attendee.id)).toMatchObject({ status: 'chatting', matchId });
      const bobNow = await store.getAttendee(bob.ref.eventId, bob.attendee.id);
      expect(bobNow && { status: bobNow.status, matchId: bobNow.matchId }).toEqual(bobAfter);

      // What the phones see: Cat joined, and each of the two is told of the other alone.
      expect((await catJoined).id).toBe(matchId);
      expect((await annWithCat).match).toMatchObject({ id: matchId, status: 'chatting' });
      expect((await catWithAnn).match).toMatchObject({ id: matchId, status: 'chatting' });
      // An answer on each of their connections (`profile:update {}` changes nothing) comes after
      // anything the server sent them before it.
      for (const p of [ann, cat]) {
        expect(await call(p.socket, 'profile:update', {})).toMatchObject({ ok: true, state: { status: 'chatting', match: { id: matchId } } });
      }
      expect(ended).toEqual({ ann: [], cat: [] });
    });
  });
}

onMemoryAndRedis(leaveJoinRace);
