import request from 'supertest';
import type { AppDeps } from '../../server/app';
import type { Match, MatchReminder, State, Stats } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, connectAttendee, createEvent, joinAndConnect, remindersOnConnect, startServer, waitFor, type AttendeeSocket, type TestServer } from '../helpers/server';

type Deps = Partial<AppDeps>;
const MATCH_TIMEOUT_MS = 30_000;

/**
 * "Open to one more": a circle that met says so, and the ticker sends someone over, who walks
 * there and taps "I found them". Over real sockets, on each store, on a hand clock with matching
 * stepped by the test and a match timeout of 30 s.
 */
function circleArrivals(name: string, deps: () => Promise<Deps>, after: () => Promise<void> = async () => {}) {
  describe(`someone sent over to an open circle (${name})`, () => {
    const start = 1_800_000_000_000;
    let clock = start;
    let server: TestServer;
    const sockets: AttendeeSocket[] = [];

    beforeEach(async () => {
      clock = start;
      server = await startServer({ matchIntervalMs: 10_000, matchTimeoutMs: MATCH_TIMEOUT_MS }, { ...(await deps()), now: () => clock });
      await server.app.ticker.stop();
    });
    afterEach(async () => {
      sockets.splice(0).forEach((s) => s.disconnect());
      await server.close();
      await after();
    });

    /** What one matching interval would do: refresh presence, then plan. */
    const tick = async () => {
      await server.app.presence.refresh();
      await server.app.ticker.tick();
    };
    /** Everything the server sent these phones before now has arrived: each answers one more request after it. */
    const caughtUp = (people: Person[]) => Promise.all(people.map((p) => call(p.socket, 'profile:update', {})));
    type Person = Awaited<ReturnType<typeof joinAndConnect>>;
    const stateOf = (p: Person) => server.app.services.attendees.state(p.ref);

    /** Pia and Quentin meet and Pia opens the circle; Rhea and Sam are here, not yet looking. */
    async function openCircle() {
      const { event, organiserToken } = await createEvent(server.url, { name: 'Circles' });
      const people: Person[] = [];
      for (const who of ['Pia', 'Quentin', 'Rhea', 'Sam']) people.push(await joinAndConnect(server, event.code, { name: who }, sockets));
      const [p, q] = people as [Person, Person];
      const found = waitFor(p.socket, 'match:found');
      await call(p.socket, 'match:find');
      await call(q.socket, 'match:find');
      await tick();
      const match = (await found) as Match;
      expect(await call(p.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
      expect(await call(p.socket, 'match:open', { matchId: match.id, open: true })).toMatchObject({ ok: true, state: { match: { open: true } } });
      const stats = async () =>
        (await request(server.url).get(`/api/events/${event.id}/stats`).set('authorization', `Bearer ${organiserToken}`).expect(200)).body as Stats;
      return { people: people as [Person, Person, Person, Person], matchId: match.id, stats, event, organiserToken };
    }

    /** Sends `p` looking and ticks; resolves with the match they are sent to. */
    async function sendOver(p: Person) {
      const found = waitFor(p.socket, 'match:found');
      await call(p.socket, 'match:find');
      await tick();
      return (await found) as Match;
    }

    test('an arrival nobody confirms is reminded, then times out: back to looking in their place, and the circle is told', async () => {
      const { people, matchId } = await openCircle();
      const [pia, quentin, rhea] = people;
      const reminders: MatchReminder[][] = people.map((p) => {
        const got: MatchReminder[] = [];
        p.socket.on('match:reminder', (r) => got.push(r));
        return got;
      });
      clock += 5_000; // Rhea has been looking 5 s when she is sent
      const lookingSince = clock;
      await call(rhea.socket, 'match:find');
      clock += 5_000;
      const sent = await sendOver(rhea);
      expect(sent).toMatchObject({ id: matchId, arriving: true });

      // A third of the timeout before her time runs out (measured from when she was sent), she
      // alone is reminded: the others met long ago.
      clock += 19_000;
      await tick();
      await caughtUp(people);
      expect(reminders).toEqual([[], [], [], []]);
      clock += 1_000;
      await tick();
      clock += 5_000;
      await tick();
      await caughtUp(people);
      expect(reminders).toEqual([[], [], [{ matchId, endsInMs: 10_000 }], []]);
      // A phone of hers that connects now (a reload, a signal back) gets it too, with the time
      // then left; one of those who met does not.
      expect(await remindersOnConnect(server.url, rhea.token, sockets)).toEqual([{ matchId, endsInMs: 5_000 }]);
      expect(await remindersOnConnect(server.url, pia.token, sockets)).toEqual([]);

      const ended = waitFor(rhea.socket, 'match:ended');
      const told = [pia, quentin].map((p) => waitFor(p.socket, 'state', (s: State) => s.match?.partners.length === 1));
      clock += 5_000;
      await tick();
      expect(await ended).toEqual({ matchId, reason: 'timeout' });
      for (const state of await Promise.all(told)) expect(state).toMatchObject({ status: 'chatting', match: { id: matchId, status: 'chatting' } });
      // Back to looking, in the place in the queue she had, as after her own "can't find". Her
      // `state` keeps why, for a phone that missed the `match:ended` (docs/PROTOCOL.md).
      expect(await stateOf(rhea)).toMatchObject({ status: 'looking', match: null, arrivalTimedOut: matchId });
      expect((await server.app.store.getAttendee(rhea.ref.eventId, rhea.attendee.id))!.lookingSince).toBe(lookingSince);
      expect((await server.app.store.getMatch(rhea.ref.eventId, matchId))!.memberIds.sort()).toEqual([pia.attendee.id, quentin.attendee.id].sort());
      // Not sent back to the same circle at once, even when it opens again.
      expect(await call(pia.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true });
      await tick();
      expect(await stateOf(rhea)).toMatchObject({ status: 'looking' });
    });

    test('a phone back the moment her arrival times out, before anything else is written, is told why', async () => {
      const { people, matchId } = await openCircle();
      const rhea = people[2];
      await sendOver(rhea);
      const { store } = server.app;
      // Her phone asks for its `state` the moment the store has taken her off the circle.
      const remove = store.removeFromMatch.bind(store);
      const seen: State[] = [];
      const spy = jest.spyOn(store, 'removeFromMatch').mockImplementation(async (...args) => {
        const out = await remove(...args);
        seen.push(await stateOf(rhea));
        return out;
      });
      clock += MATCH_TIMEOUT_MS;
      await tick();
      spy.mockRestore();
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ status: 'looking', match: null, arrivalTimedOut: matchId });
    });

    test('"I found them" landing as her time runs out wins: the timeout that read her as still on the way changes nothing', async () => {
      const { people, matchId } = await openCircle();
      const [pia, quentin, rhea] = people;
      await sendOver(rhea);
      const { store } = server.app;
      // Her tap reaches the store between the timeout reading the circle and its write.
      const remove = store.removeFromMatch.bind(store);
      const spy = jest.spyOn(store, 'removeFromMatch').mockImplementation(async (...args) => {
        await store.arrived(rhea.ref.eventId, matchId, rhea.attendee.id);
        return remove(...args);
      });
      const endings: unknown[] = [];
      rhea.socket.on('match:ended', (e) => endings.push(e));
      clock += MATCH_TIMEOUT_MS;
      await tick();
      expect(spy).toHaveBeenCalled();
      spy.mockRestore();
      await caughtUp(people);
      expect(endings).toEqual([]);
      expect(await stateOf(rhea)).toMatchObject({ status: 'chatting', match: { id: matchId } });
      expect((await store.getMatch(rhea.ref.eventId, matchId))!.memberIds.sort()).toEqual([pia, quentin, rhea].map((p) => p.attendee.id).sort());
      expect((await store.getMatch(rhea.ref.eventId, matchId))!.formerMembers).toBeUndefined();
    });

    test('"open to one more" sends one: nobody else while she walks over, and the circle closes once she joins', async () => {
      const { people, matchId } = await openCircle();
      const [pia, quentin, rhea, sam] = people;
      const closed = [pia, quentin].map((p) => waitFor(p.socket, 'state', (s: State) => s.match?.partners.length === 2));
      await sendOver(rhea);
      // The switch on their phones turns off as she is sent.
      for (const state of await Promise.all(closed)) expect(state.match).toMatchObject({ open: false });
      expect((await server.app.store.getMatch(pia.ref.eventId, matchId))!.open).toBe(false);

      // Room for a fourth, but nobody else is sent: not while closed, nor opened again while she walks.
      await call(sam.socket, 'match:find');
      await tick();
      expect(await stateOf(sam)).toMatchObject({ status: 'looking' });
      expect(await call(pia.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true, state: { match: { open: true } } });
      await tick();
      expect(await stateOf(sam)).toMatchObject({ status: 'looking' });

      // Once she has found them, the circle they opened again takes one more.
      expect(await call(rhea.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      const samSent = waitFor(sam.socket, 'match:found');
      await tick();
      expect(await samSent).toMatchObject({ id: matchId, arriving: true, open: false });
    });

    test('a circle of four cannot open up: CONFLICT "Your group is full.", and nothing changes', async () => {
      const { people, matchId } = await openCircle();
      const [pia, quentin, rhea, sam] = people;
      await sendOver(rhea);
      expect(await call(rhea.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      expect(await call(pia.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true });
      await sendOver(sam);
      expect(await call(sam.socket, 'match:met', { matchId })).toMatchObject({ ok: true });

      for (const p of [quentin, sam]) {
        expect(await call(p.socket, 'match:open', { matchId, open: true })).toMatchObject({
          ok: false,
          error: { code: 'CONFLICT', message: 'Your group is full.' },
        });
      }
      expect((await server.app.store.getMatch(pia.ref.eventId, matchId))!).toMatchObject({ open: false, status: 'chatting' });
      expect(await stateOf(quentin)).toMatchObject({ match: { id: matchId, open: false } });
      // Closing is never refused: it changes nothing here.
      expect(await call(pia.socket, 'match:open', { matchId, open: false })).toMatchObject({ ok: true, state: { match: { open: false } } });
    });

    test('once the event has ended, a circle cannot open up (EVENT_CLOSED, nothing changes), though it may close', async () => {
      const { people, matchId, event, organiserToken } = await openCircle();
      const [pia, quentin] = people;
      expect(await call(pia.socket, 'match:open', { matchId, open: false })).toMatchObject({ ok: true });
      await request(server.url).post(`/api/events/${event.id}/end`).set('authorization', `Bearer ${organiserToken}`).expect(200);
      expect(await call(quentin.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
      expect((await server.app.store.getMatch(pia.ref.eventId, matchId))!).toMatchObject({ open: false, status: 'chatting' });
      expect(await stateOf(quentin)).toMatchObject({ status: 'chatting', match: { id: matchId, open: false } });
    });

    test('an arrival that times out is kept in `state` for a phone that was away, also when it ends the match; an own "can\'t find" is not', async () => {
      const { people, matchId } = await openCircle();
      const [pia, quentin, rhea, sam] = people;
      // Rhea is sent over and says she can't find them: she heard that herself, nothing is kept.
      await sendOver(rhea);
      expect(await call(rhea.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true, state: { status: 'looking' } });
      expect((await stateOf(rhea)).arrivalTimedOut).toBeUndefined();
      expect(await call(rhea.socket, 'match:cancel')).toMatchObject({ ok: true });

      // Sam is sent next; Quentin goes, so Pia waits alone for Sam, whose phone is away when
      // his time runs out: the match ends, Pia is told Sam left, and Sam's `state` keeps why.
      expect(await call(pia.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true });
      await sendOver(sam);
      expect(await call(quentin.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      sam.socket.disconnect();
      const piaTold = waitFor(pia.socket, 'match:ended');
      clock += MATCH_TIMEOUT_MS;
      await tick();
      expect(await piaTold).toEqual({ matchId, reason: 'partner_left' });
      const back = await connectAttendee(server.url, sam.token);
      sockets.push(back);
      expect(await call(back, 'profile:update', {})).toMatchObject({ ok: true, state: { status: 'looking', match: null, arrivalTimedOut: matchId } });
      for (const p of [pia, quentin, rhea]) expect((await stateOf(p)).arrivalTimedOut).toBeUndefined();
    });

    test('the dashboard counts someone still walking over as finding each other, not chatting', async () => {
      const { people, matchId, stats } = await openCircle();
      const rhea = people[2];
      expect(await stats()).toMatchObject({ matched: 0, chatting: 2 });
      await sendOver(rhea);
      expect(await stats()).toMatchObject({ idle: 1, looking: 0, matched: 1, chatting: 2 });
      expect(await call(rhea.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      expect(await stats()).toMatchObject({ matched: 0, chatting: 3 });
    });
  });
}

onMemoryAndRedis(circleArrivals);
