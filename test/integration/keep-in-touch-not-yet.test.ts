import request from 'supertest';
import type { AppDeps } from '../../server/app';
import type { Connection, Match } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, createEvent, joinAndConnect, steppedServerPerTest, waitFor, type AttendeeSocket } from '../helpers/server';
import { sampleMatch } from '../store/samples';

/**
 * "Not yet", not "too late": Ann and Bob chat, Cat is sent to join them, and Ann leaves before
 * Cat finds them. Bob is alone there, waiting for Cat. Ann may not swap details with Bob yet (Cat
 * may come and carry on with him), but may once the match ends with Cat never having come. Her
 * list says so (`pending`), and her phone is told (`connections:changed`) when it settles either
 * way. Over real sockets, on each store.
 */
function notYet(name: string, deps: () => Promise<Partial<AppDeps>>, after: () => Promise<void> = async () => {}) {
  describe(`keeping in touch with someone waiting for a newcomer (${name})`, () => {
    const t = steppedServerPerTest(deps, after);
    type Person = Awaited<ReturnType<typeof joinAndConnect>>;

    /** Ann and Bob have met; Cat is sent to join them on a tick and has not found them; Ann leaves. */
    async function bobWaitsForCat() {
      const { event } = await createEvent(t.server.url, { name: 'Not yet' });
      const [ann, bob] = [
        await joinAndConnect(t.server, event.code, { name: 'Ann', interests: ['Tea'] }, t.sockets),
        await joinAndConnect(t.server, event.code, { name: 'Bob', interests: ['Tea'] }, t.sockets),
      ];
      for (const p of [ann, bob]) await call(p.socket, 'match:find');
      const match = sampleMatch(event.id, [ann.attendee.id, bob.attendee.id], { createdAt: t.clock, sharedTopics: ['Tea'], icebreaker: 'Tea?' });
      expect(await t.server.app.store.claimMatch(match)).toBe(true);
      const matchId = match.id;
      expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      expect(await call(bob.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true });
      const cat = await joinAndConnect(t.server, event.code, { name: 'Cat', interests: ['Tea'] }, t.sockets);
      const sent = waitFor(cat.socket, 'match:found');
      await call(cat.socket, 'match:find');
      t.clock += 25_000;
      await t.tick();
      expect(((await sent) as Match).id).toBe(matchId);
      expect((await t.server.app.store.getMatch(event.id, matchId))!.arriving).toEqual([cat.attendee.id]);
      expect(await call(ann.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true, state: { match: null } });
      return { event, ann, bob, cat, matchId };
    }

    const connections = (p: Person) =>
      request(t.server.url).get('/api/me/connections').set('authorization', `Bearer ${p.token}`).expect(200).then((r) => r.body.connections as Connection[]);
    const standing = async (p: Person) =>
      (await connections(p)).map((c) => ({ name: c.name, canShare: c.canShare, pending: c.pending, carriedOn: c.carriedOn }));
    /** Every `connections:changed` `socket` gets from now on. */
    const changesOn = (socket: AttendeeSocket) => {
      const got: unknown[] = [];
      socket.on('connections:changed', (p) => got.push(p));
      return got;
    };
    /** Proves nothing more reached `socket`: a round trip flushes everything queued for it. */
    const flushed = (socket: AttendeeSocket) => call(socket, 'profile:update', {});

    test('while Bob waits for Cat, Ann and Bob may not swap yet, and their lists say "not yet"', async () => {
      const { ann, bob, matchId } = await bobWaitsForCat();
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: false, pending: true, carriedOn: false }]);
      // The same both ways.
      expect(await standing(bob)).toEqual([{ name: 'Ann', canShare: false, pending: true, carriedOn: false }]);
      // And the server still refuses an offer now, as the list says.
      expect(await call(ann.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    test('Bob leaves before Cat finds him: Ann is told, and may now swap with Bob', async () => {
      const { ann, bob, cat, matchId } = await bobWaitsForCat();
      const toCat = changesOn(cat.socket);
      const toAnn = waitFor(ann.socket, 'connections:changed');
      const toBob = waitFor(bob.socket, 'connections:changed');
      expect(await call(bob.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      expect(await toAnn).toEqual({});
      await toBob;
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: true, pending: false, carriedOn: false }]);
      expect(await standing(bob)).toEqual([{ name: 'Ann', canShare: true, pending: false, carriedOn: false }]);
      // Cat never met anyone there: nothing of hers changed.
      await flushed(cat.socket);
      expect(toCat).toEqual([]);
      expect(await call(ann.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: true });
    });

    test('Cat gives up on finding Bob: Ann is told, and may now swap with Bob', async () => {
      const { ann, bob, cat, matchId } = await bobWaitsForCat();
      const toAnn = waitFor(ann.socket, 'connections:changed');
      expect(await call(cat.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true });
      expect(await toAnn).toEqual({});
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: true, pending: false, carriedOn: false }]);
      expect(await standing(bob)).toEqual([{ name: 'Ann', canShare: true, pending: false, carriedOn: false }]);
    });

    test('Cat may not offer her details before she has found Bob, so Ann\'s "not yet" stands', async () => {
      const { ann, bob, cat, matchId } = await bobWaitsForCat();
      expect(await call(bob.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } })).toMatchObject({ ok: true });
      expect(await call(cat.socket, 'contact:share', { matchId, contact: { email: 'cat@example.com' } })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/^Find them first/) },
      });
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: false, pending: true, carriedOn: false }]);
      // Cat gives up: Bob's offer, made for a group with Cat in it, is dropped, and Ann may swap with him.
      expect(await call(cat.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true });
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: true, pending: false, carriedOn: false }]);
      expect(await call(ann.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: true });
      expect(await call(bob.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } })).toMatchObject({ ok: true });
      const contacts = (await connections(ann)).map((c) => c.contact);
      expect(contacts).toEqual([{ email: 'bob@example.com' }]);
    });

    test('Cat finds Bob: Ann is told, and it is too late for good: Bob carried on without her', async () => {
      const { ann, bob, cat, matchId } = await bobWaitsForCat();
      const toAnn = waitFor(ann.socket, 'connections:changed');
      expect(await call(cat.socket, 'match:met', { matchId })).toMatchObject({ ok: true, state: { match: { arriving: false } } });
      expect(await toAnn).toEqual({});
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: false, pending: false, carriedOn: true }]);
      expect(await standing(bob)).toEqual([
        { name: 'Cat', canShare: true, pending: false, carriedOn: false },
        { name: 'Ann', canShare: false, pending: false, carriedOn: false },
      ]);
      // Still so once Bob and Cat are done: they carried on without her.
      const again = changesOn(ann.socket);
      expect(await call(bob.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      await flushed(ann.socket);
      expect(again).toEqual([]);
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: false, pending: false, carriedOn: true }]);
    });

    test('an ordinary chat is never "not yet"', async () => {
      const { event } = await createEvent(t.server.url, { name: 'Plain' });
      const [ann, bob] = [
        await joinAndConnect(t.server, event.code, { name: 'Ann', interests: ['Tea'] }, t.sockets),
        await joinAndConnect(t.server, event.code, { name: 'Bob', interests: ['Tea'] }, t.sockets),
      ];
      const match = await t.pair(ann, bob);
      expect(await call(ann.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: true, pending: false, carriedOn: false }]);
      await call(ann.socket, 'match:leave', { matchId: match.id, reason: 'done' });
      expect(await standing(ann)).toEqual([{ name: 'Bob', canShare: true, pending: false, carriedOn: false }]);
    });
  });
}

onMemoryAndRedis(notYet);
