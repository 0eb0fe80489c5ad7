import type { AppDeps } from '../../server/app';
import request from 'supertest';
import type { Connection, ContactRevealed, Match, State } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, joinAndConnect, steppedServerPerTest, waitFor, type AttendeeSocket } from '../helpers/server';

type Deps = Partial<AppDeps>;

/**
 * Keeping in touch when a trio or circle changes under it: people joining, people leaving. Over
 * real sockets, on each store.
 */
function groupAftercare(name: string, deps: () => Promise<Deps>, after: () => Promise<void> = async () => {}) {
  describe(`keeping in touch as a group changes (${name})`, () => {
    const t = steppedServerPerTest(deps, after);

    type Person = Awaited<ReturnType<typeof joinAndConnect>>;

    /** These people, in one match that has met (claimed straight through the store). */
    const chatting = (names: string[]) => t.chatting(names);

    /**
     * A newcomer joins the open circle the way the matcher does it, on a tick, and (unless
     * `arrive` is false) says they found it: until then they have met nobody there.
     */
    async function joinsOnTick(code: string, matchId: string, opener: Person, name: string, arrive = true) {
      expect(await call(opener.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true });
      const newcomer = await joinAndConnect(t.server, code, { name, interests: ['Tea'] }, t.sockets);
      const found = waitFor(newcomer.socket, 'match:found');
      await call(newcomer.socket, 'match:find');
      t.clock += 25_000;
      await t.tick();
      expect(((await found) as Match).id).toBe(matchId);
      if (arrive) expect(await call(newcomer.socket, 'match:met', { matchId })).toMatchObject({ ok: true, state: { match: { arriving: false } } });
      return newcomer;
    }

    const revealedOn = (socket: AttendeeSocket) => {
      const got: ContactRevealed[] = [];
      socket.on('contact:revealed', (r) => got.push(r));
      return got;
    };
    /** Proves nothing more reached `socket`: a round trip flushes everything queued for it. */
    const flushed = (socket: AttendeeSocket) => call(socket, 'profile:update', {});
    const connections = (p: Person) =>
      request(t.server.url).get('/api/me/connections').set('authorization', `Bearer ${p.token}`).expect(200).then((r) => r.body.connections as Connection[]);

    test('a newcomer drops the offers made before they came, and the sharer is told', async () => {
      const { event, people: [ann, bob], matchId } = await chatting(['Ann', 'Bob']);
      expect(await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: true });
      const annSees = waitFor(ann!.socket, 'state', (s: State) => (s.match?.partners.length ?? 0) === 2);
      const dee = await joinsOnTick(event.code, matchId, bob!, 'Dee');
      // Ann gets a fresh state with Dee in it, and her offer is no longer standing.
      await annSees;
      expect((await connections(ann!)).map((c) => [c.name, c.shared])).toEqual([['Bob', false], ['Dee', false]]);
      expect((await t.server.app.store.getContacts(event.id, matchId)).contacts).toEqual({});
      // Bob and Dee offering reveals nothing: Ann offered to Bob, not to Dee.
      const got = [ann!, bob!, dee].map((p) => revealedOn(p.socket));
      await call(bob!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
      await call(dee.socket, 'contact:share', { matchId, contact: { email: 'dee@example.com' } });
      for (const p of [ann!, bob!, dee]) await flushed(p.socket);
      expect(got).toEqual([[], [], []]);
      expect(JSON.stringify(await connections(dee))).not.toContain('ann@example.com');
      // Ann offers again, now to both: the three swap.
      const all = [ann!, bob!, dee].map((p) => waitFor(p.socket, 'contact:revealed'));
      await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
      const [toAnn, , toDee] = await Promise.all(all);
      expect(toAnn!.contacts.map((c) => c.contact.email).sort()).toEqual(['bob@example.com', 'dee@example.com']);
      expect(toDee!.contacts.map((c) => c.contact.email).sort()).toEqual(['ann@example.com', 'bob@example.com']);
    });

    test('when the only one yet to offer leaves, the rest are revealed to each other', async () => {
      const { event, people: [ann, bob, cat], matchId } = await chatting(['Ann', 'Bob', 'Cat']);
      await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
      await call(bob!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
      const toCat = revealedOn(cat!.socket);
      const toAnn = waitFor(ann!.socket, 'contact:revealed');
      const toBob = waitFor(bob!.socket, 'contact:revealed');
      expect(await call(cat!.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true, state: { status: 'idle' } });
      expect(await toAnn).toEqual({ matchId, contacts: [{ attendeeId: bob!.attendee.id, name: 'Bob', contact: { email: 'bob@example.com' } }] });
      expect(await toBob).toEqual({ matchId, contacts: [{ attendeeId: ann!.attendee.id, name: 'Ann', contact: { email: 'ann@example.com' } }] });
      await flushed(cat!.socket);
      expect(toCat).toEqual([]);
      expect(await t.server.app.store.getContacts(event.id, matchId)).toMatchObject({ revealed: true });
      expect(JSON.stringify(await connections(cat!))).not.toContain('@example.com');
    });

    test('an offer from someone who joined after the swap is refused and not kept', async () => {
      const { event, people: [ann, bob], matchId } = await chatting(['Ann', 'Bob']);
      await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
      await call(bob!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
      const swapped = await t.server.app.store.getContacts(event.id, matchId);
      const cat = await joinsOnTick(event.code, matchId, ann!, 'Cat');
      const got = [ann!, bob!, cat].map((p) => revealedOn(p.socket));
      expect(await call(cat.socket, 'contact:share', { matchId, contact: { email: 'cat@example.com' } })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: "They've already swapped details." },
      });
      expect(await t.server.app.store.getContacts(event.id, matchId)).toEqual(swapped);
      // Her list says so, and why (`notInSwap`), rather than offer a share that would be refused;
      // theirs say it about her, and not about each other.
      expect((await connections(cat)).map((c) => [c.name, c.canShare, c.carriedOn, c.notInSwap])).toEqual([['Ann', false, false, true], ['Bob', false, false, true]]);
      expect((await connections(ann!)).map((c) => [c.name, c.canShare, c.notInSwap])).toEqual([['Bob', true, false], ['Cat', false, true]]);
      for (const p of [ann!, bob!, cat]) await flushed(p.socket);
      expect(got).toEqual([[], [], []]);
      // Cat leaves: Ann and Bob carry on, but she could never have swapped with them, so her list
      // does not say they carried on without her (the page would tell her to swap next time).
      expect(await call(cat.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      expect((await connections(cat)).map((c) => [c.name, c.canShare, c.carriedOn])).toEqual([['Ann', false, false], ['Bob', false, false]]);
      // Those who swapped may resend theirs: it acks and changes nothing.
      expect(await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'other@example.com' } })).toMatchObject({ ok: true });
      expect(await t.server.app.store.getContacts(event.id, matchId)).toEqual(swapped);
    });

    test('someone sent to a circle can say they cannot find it: back to looking, and they never met', async () => {
      const { event, people: [ann, bob], matchId } = await chatting(['Ann', 'Bob']);
      const cat = await joinsOnTick(event.code, matchId, ann!, 'Cat', false);
      const mine = (await call(cat.socket, 'profile:update', {})) as { state: State };
      expect(mine.state.match).toMatchObject({ id: matchId, status: 'chatting', arriving: true });
      // Ann is told as soon as Cat has gone: a state without her.
      const annSees = waitFor(ann!.socket, 'state', (st) => st.match?.partners.length === 1);
      // Ann, who found Bob long ago, cannot: that would send a talking group back to the queue.
      expect(await call(ann!.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect((await call(bob!.socket, 'profile:update', {})) as { state: State }).toMatchObject({
        state: { match: { partners: [{ name: 'Ann', arriving: false }, { name: 'Cat', arriving: true }] } },
      });

      expect(await call(cat.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true, state: { status: 'looking', match: null } });
      expect(((await annSees) as State).match?.partners.map((p) => p.name)).toEqual(['Bob']);
      expect((await t.server.app.store.getMatch(event.id, matchId))!.formerMembers).toBeUndefined();
      // Never having met them, Cat has nobody to rate or keep in touch with; nor do they have her.
      expect(await connections(cat)).toEqual([]);
      expect((await connections(ann!)).map((c) => c.name)).toEqual(['Bob']);
      // And she is not sent straight back to them.
      t.clock += 1_000;
      await t.tick();
      expect((await t.server.app.store.getMatch(event.id, matchId))!.memberIds).toHaveLength(2);
    });

    test('someone who left a group after its swap is told when one of those they swapped with is removed', async () => {
      const { event, people: [alice, bob, chloe], matchId, organiserToken } = await chatting(['Alice', 'Bob', 'Chloé']);
      for (const p of [alice!, bob!, chloe!]) await call(p.socket, 'contact:share', { matchId, contact: { email: `${p.attendee.id}@example.com` } });
      await joinsOnTick(event.code, matchId, alice!, 'Dev');
      expect(await call(chloe!.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      expect((await connections(chloe!)).map((c) => [c.name, c.contact !== null, c.notInSwap])).toEqual([['Alice', true, false], ['Bob', true, false], ['Dev', false, true]]);
      const told = waitFor(chloe!.socket, 'connections:changed');
      await request(t.server.url).delete(`/api/events/${event.id}/attendees/${bob!.attendee.id}`).set('authorization', `Bearer ${organiserToken}`).expect(204);
      await told;
      expect((await connections(chloe!)).map((c) => [c.name, c.contact !== null])).toEqual([['Alice', true], ['Dev', false]]);
    });

    test('left as a pair with someone still on the way: if they cannot find him, only they look again, and nobody met them', async () => {
      const { event, people: [ann, bob], matchId, organiserToken } = await chatting(['Ann', 'Bob']);
      const cat = await joinsOnTick(event.code, matchId, ann!, 'Cat', false);
      await call(ann!.socket, 'match:leave', { matchId, reason: 'done' });
      // Ann left while Cat was on her way: they never met.
      expect((await connections(ann!)).map((c) => c.name)).toEqual(['Bob']);

      const bobTold = waitFor(bob!.socket, 'match:ended');
      expect(await call(cat.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true, state: { status: 'looking' } });
      expect(await bobTold).toEqual({ matchId, reason: 'partner_left' });
      // Bob did not ask to look again.
      expect((await call(bob!.socket, 'profile:update', {})) as { state: State }).toMatchObject({ state: { status: 'idle', match: null } });
      expect(await connections(cat)).toEqual([]);
      expect((await connections(bob!)).map((c) => c.name)).toEqual(['Ann']);
      const figures = await request(t.server.url).get(`/api/events/${event.id}/stats`).set('authorization', `Bearer ${organiserToken}`).expect(200);
      expect(figures.body).toMatchObject({ metTotal: 1, cantFindTotal: 0 });
    });

    test('left as a pair with someone still on the way: if the other goes, the one on the way looks again, in their old place', async () => {
      const { event, people: [ann, bob], matchId } = await chatting(['Ann', 'Bob']);
      const cat = await joinsOnTick(event.code, matchId, ann!, 'Cat', false);
      const since = (await t.server.app.store.getAttendee(event.id, cat.attendee.id))!.lookingSince;
      expect(since).not.toBeNull();
      await call(ann!.socket, 'match:leave', { matchId, reason: 'done' });

      const catTold = waitFor(cat.socket, 'match:ended');
      const catLooks = waitFor(cat.socket, 'state', (st: State) => st.status === 'looking');
      expect(await call(bob!.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true, state: { status: 'idle' } });
      expect(await catTold).toEqual({ matchId, reason: 'partner_left' });
      expect(await catLooks).toMatchObject({ status: 'looking', match: null });
      expect((await t.server.app.store.getAttendee(event.id, cat.attendee.id))!.lookingSince).toBe(since);
      // She never met them, and nothing here counts as a chat of hers.
      expect(await connections(cat)).toEqual([]);
      expect((await connections(bob!)).map((c) => c.name)).toEqual(['Ann']);
    });

    test('left as a pair with someone still on the way, after the event ended: nobody looks again', async () => {
      const { event, people: [ann, bob], matchId, organiserToken } = await chatting(['Ann', 'Bob']);
      const cat = await joinsOnTick(event.code, matchId, ann!, 'Cat', false);
      await call(ann!.socket, 'match:leave', { matchId, reason: 'done' });
      await request(t.server.url).post(`/api/events/${event.id}/end`).set('authorization', `Bearer ${organiserToken}`).expect(200);
      await call(bob!.socket, 'match:leave', { matchId, reason: 'done' });
      expect((await call(cat.socket, 'profile:update', {})) as { state: State }).toMatchObject({ state: { status: 'idle', match: null } });
    });

    test('left alone waiting for someone who never came: the last one out and the one who left before may still swap, and both say so', async () => {
      const { event, people: [ann, bob], matchId } = await chatting(['Ann', 'Bob']);
      const cat = await joinsOnTick(event.code, matchId, ann!, 'Cat', false);
      await call(ann!.socket, 'match:leave', { matchId, reason: 'done' });
      // While Bob waits for Cat, who may yet come, neither may swap with the other.
      const canShare = async (p: Person) => (await connections(p)).map((c) => [c.name, c.canShare]);
      expect([await canShare(ann!), await canShare(bob!)]).toEqual([[['Bob', false]], [['Ann', false]]]);
      const early = await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
      expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      // Bob had nobody to carry on with: the message does not say he did.
      expect(JSON.stringify(early)).not.toContain('carried on');
      // Bob goes before Cat found him: nobody carried on without Ann after all.
      await call(bob!.socket, 'match:leave', { matchId, reason: 'done' });
      expect([await canShare(ann!), await canShare(bob!)]).toEqual([[['Bob', true]], [['Ann', true]]]);
      const got = [ann!, bob!, cat].map((p) => revealedOn(p.socket));
      expect(await call(bob!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } })).toMatchObject({ ok: true });
      const both = [ann!, bob!].map((p) => waitFor(p.socket, 'contact:revealed'));
      expect(await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: true });
      const [toAnn, toBob] = await Promise.all(both);
      expect(toAnn!.contacts.map((c) => c.contact.email)).toEqual(['bob@example.com']);
      expect(toBob!.contacts.map((c) => c.contact.email)).toEqual(['ann@example.com']);
      // Cat never met them: she can offer nothing and is told nothing.
      expect(await call(cat.socket, 'contact:share', { matchId, contact: { email: 'cat@example.com' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      await flushed(cat.socket);
      expect(got[2]).toEqual([]);
    });

    test('after a report nothing is ever swapped between the two, and the one reported is told nothing of it', async () => {
      const { event, people: [ann, bob], matchId } = await chatting(['Ann', 'Bob']);
      // Ann's offer stands when she reports Bob.
      expect(await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: true });
      expect(await call(ann!.socket, 'attendee:report', { attendeeId: bob!.attendee.id, reason: 'made_uncomfortable' })).toMatchObject({ ok: true });
      // Bob is offered keeping in touch as after any chat: a refusal would tell him.
      expect((await connections(bob!)).map((c) => [c.name, c.canShare])).toEqual([['Ann', true]]);
      const got = [ann!, bob!].map((p) => revealedOn(p.socket));
      const bobShares = await call(bob!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
      expect(bobShares).toMatchObject({ ok: true });
      expect(JSON.stringify(bobShares)).not.toMatch(/report|block/i);
      // As if Ann had never shared: his offer stands, waiting.
      expect((await connections(bob!)).map((c) => [c.name, c.shared, c.contact])).toEqual([['Ann', true, null]]);
      expect(await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } })).toMatchObject({ ok: true });
      for (const p of [ann!, bob!]) await flushed(p.socket);
      expect(got).toEqual([[], []]);
      expect((await t.server.app.store.getContacts(event.id, matchId)).revealed).toBe(false);
      expect(JSON.stringify(await connections(ann!))).not.toContain('bob@example.com');
      expect(JSON.stringify(await connections(bob!))).not.toContain('ann@example.com');
    });

    test('someone sent to a circle says they found it: arrived, and from then on they have met', async () => {
      const { event, people: [ann, bob], matchId } = await chatting(['Ann', 'Bob']);
      const cat = await joinsOnTick(event.code, matchId, ann!, 'Cat', false);
      // Bob is told: Cat is no longer on her way.
      const bobSees = waitFor(bob!.socket, 'state', (st) => st.match?.partners.some((p) => p.name === 'Cat' && !p.arriving) === true);
      expect(await call(cat.socket, 'match:met', { matchId })).toMatchObject({ ok: true, state: { me: { name: 'Cat' }, match: { arriving: false } } });
      await bobSees;
      expect(await call(cat.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      await call(cat.socket, 'match:leave', { matchId, reason: 'done' });
      expect((await connections(cat)).map((c) => c.name)).toEqual(['Ann', 'Bob']);
    });

    test('someone who leaves a circle keeps its aftercare, and the others keep them', async () => {
      const { people: [ann, bob, cat], matchId } = await chatting(['Ann', 'Bob', 'Cat']);
      await call(cat!.socket, 'match:leave', { matchId, reason: 'done' });
      expect(await call(cat!.socket, 'match:feedback', { matchId, good: true })).toMatchObject({ ok: true });
      expect((await connections(cat!)).map((c) => c.name)).toEqual(['Ann', 'Bob']);
      expect((await connections(ann!)).map((c) => c.name)).toEqual(['Bob', 'Cat']);
      // The list says where an offer would be refused, so a page need not offer it.
      expect((await connections(cat!)).map((c) => c.canShare)).toEqual([false, false]);
      // And why, so the page can say so: they carried on without her.
      expect((await connections(cat!)).map((c) => c.carriedOn)).toEqual([true, true]);
      // By pair, and the same both ways: Ann may swap with Bob, not with Cat (who left: she did not carry on without him).
      expect((await connections(ann!)).map((c) => [c.name, c.canShare, c.carriedOn])).toEqual([['Bob', true, false], ['Cat', false, false]]);
      // Never the active match: that is Ann and Bob's now.
      expect(await call(cat!.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect((await call(ann!.socket, 'profile:update', {})) as { state: State }).toMatchObject({ state: { match: { partners: [{ name: 'Bob' }] } } });
      // Cat cannot offer after leaving: Ann and Bob's offers name only each other now.
      expect(await call(cat!.socket, 'contact:share', { matchId, contact: { email: 'cat@example.com' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
      const both = [ann!, bob!].map((p) => waitFor(p.socket, 'contact:revealed'));
      await call(bob!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
      const [toAnn] = await Promise.all(both);
      expect(toAnn!.contacts.map((c) => c.name)).toEqual(['Bob']);
      expect((await connections(cat!)).map((c) => c.contact)).toEqual([null, null]);
      // Once they have swapped, no longer said: someone who joined after a swap could never have.
      expect((await connections(cat!)).map((c) => c.carriedOn)).toEqual([false, false]);
    });

    test('someone who left and someone who joined after never met: neither lists the other', async () => {
      const { event, people: [ann, bob, cat], matchId } = await chatting(['Ann', 'Bob', 'Cat']);
      await call(cat!.socket, 'match:leave', { matchId, reason: 'done' });
      const dee = await joinsOnTick(event.code, matchId, ann!, 'Dee');
      expect((await connections(cat!)).map((c) => c.name)).toEqual(['Ann', 'Bob']);
      expect((await connections(dee)).map((c) => c.name)).toEqual(['Ann', 'Bob']);
      expect((await connections(ann!)).map((c) => c.name)).toEqual(['Bob', 'Dee', 'Cat']);
      // Ann, Bob and Dee swap: Cat is told nothing, and Dee's details never reach her.
      const toCat = revealedOn(cat!.socket);
      await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
      await call(bob!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
      const toDee = waitFor(dee.socket, 'contact:revealed');
      await call(dee.socket, 'contact:share', { matchId, contact: { email: 'dee@example.com' } });
      expect((await toDee).contacts.map((c) => c.name)).toEqual(['Ann', 'Bob']);
      await flushed(cat!.socket);
      expect(toCat).toEqual([]);
      expect(JSON.stringify(await connections(cat!))).not.toContain('@example.com');
      expect(JSON.stringify(await connections(dee))).not.toContain('Cat');
    });

    test('an offer racing its maker\'s own leave is refused, and never reaches the others', async () => {
      const { event, people: [ann, bob, cat], matchId } = await chatting(['Ann', 'Bob', 'Cat']);
      await call(ann!.socket, 'contact:share', { matchId, contact: { email: 'ann@example.com' } });
      // Cat's leave lands after her share checked she was in the match, before it writes.
      const store = t.server.app.store;
      const getContacts = store.getContacts.bind(store);
      jest.spyOn(store, 'getContacts').mockImplementationOnce(async (eventId, id) => {
        await t.server.app.services.matches.leave({ eventId, attendeeId: cat!.attendee.id }, { matchId: id, reason: 'done' });
        return getContacts(eventId, id);
      });
      expect(await call(cat!.socket, 'contact:share', { matchId, contact: { email: 'cat@example.com' } })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(await t.server.app.store.getContacts(event.id, matchId)).toEqual({ contacts: { [ann!.attendee.id]: { email: 'ann@example.com' } }, revealed: false });
      // Bob offers: Ann and Bob swap, and only with each other.
      const toCat = revealedOn(cat!.socket);
      const toAnn = waitFor(ann!.socket, 'contact:revealed');
      await call(bob!.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } });
      expect((await toAnn).contacts.map((c) => c.name)).toEqual(['Bob']);
      await flushed(cat!.socket);
      expect(toCat).toEqual([]);
      expect(JSON.stringify(await connections(cat!))).not.toContain('@example.com');
      expect(JSON.stringify(await connections(ann!))).not.toContain('cat@example.com');
    });
  });
}

onMemoryAndRedis(groupAftercare);
