import request from 'supertest';
import type { AppDeps } from '../../server/app';
import type { MatchEnded, State } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, connectAttendee, createEvent, joinAndConnect, steppedServerPerTest, waitFor } from '../helpers/server';

const MATCH_TIMEOUT_MS = 180_000; // the default MATCH_TIMEOUT_MS of testConfig

/**
 * Why a match ended, for the phone left in it: `match:ended` `partner_left` says
 * `partnerLeftEvent: true` only when the one who left is leaving the event (forget me, removed by
 * the organiser), not when they only ended the match ("Done chatting", a silent block); and a
 * match that timed out is kept in `state` as `matchTimedOut`, for a phone that was away. Over
 * real sockets, matching stepped by hand, on the memory store and on Redis.
 */
function whyItEnded(name: string, deps: () => Promise<Partial<AppDeps>>, after: () => Promise<void> = async () => {}) {
  describe(`why a match ended (${name})`, () => {
    const t = steppedServerPerTest(deps, after);
    type Person = Awaited<ReturnType<typeof joinAndConnect>>;

    /** Ann and Bob, matched on a tick; `met`: and they said they found each other. */
    async function annAndBob(met = true) {
      const made = await createEvent(t.server.url, { name: 'Why it ended' });
      const ann = await joinAndConnect(t.server, made.event.code, { name: 'Ann', interests: ['Tea'] }, t.sockets);
      const bob = await joinAndConnect(t.server, made.event.code, { name: 'Bob', interests: ['Tea'] }, t.sockets);
      const { id: matchId } = await t.pair(ann, bob);
      if (met) expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      return { ...made, ann, bob, matchId };
    }

    /** What Ann's phone is told when Bob does `leaves`. */
    async function annToldWhen(ann: Person, leaves: () => Promise<unknown>): Promise<MatchEnded> {
      const told = waitFor(ann.socket, 'match:ended');
      await leaves();
      return told;
    }

    test('"Done chatting": partner_left with no word of leaving the event', async () => {
      const { ann, bob, matchId } = await annAndBob();
      const told = await annToldWhen(ann, async () => expect(await call(bob.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true }));
      expect(told).toEqual({ matchId, reason: 'partner_left' });
    });

    test('"Find someone new": partnerFinding, not partnerLeftEvent', async () => {
      const { ann, bob, matchId } = await annAndBob();
      const told = await annToldWhen(ann, () => call(bob.socket, 'match:leave', { matchId, reason: 'done', findNext: true }));
      expect(told).toEqual({ matchId, reason: 'partner_left', partnerFinding: true });
    });

    test('a block is silent: the one blocked is told only that the match ended', async () => {
      const { ann, bob, matchId } = await annAndBob(false);
      const told = await annToldWhen(ann, async () => expect(await call(bob.socket, 'attendee:block', { attendeeId: ann.attendee.id })).toMatchObject({ ok: true }));
      expect(told).toEqual({ matchId, reason: 'partner_left' });
    });

    test('forget me, over HTTP and over the socket: partnerLeftEvent', async () => {
      const first = await annAndBob();
      const overHttp = await annToldWhen(first.ann, () => request(t.server.url).delete('/api/me').set('authorization', `Bearer ${first.bob.token}`).expect(204));
      expect(overHttp).toEqual({ matchId: first.matchId, reason: 'partner_left', partnerLeftEvent: true });

      const second = await annAndBob(false);
      const overSocket = await annToldWhen(second.ann, async () => expect(await call(second.bob.socket, 'me:forget')).toEqual({ ok: true }));
      expect(overSocket).toEqual({ matchId: second.matchId, reason: 'partner_left', partnerLeftEvent: true });
    });

    test('removed by the organiser: partnerLeftEvent, even once the event has ended', async () => {
      const { event, organiserToken, ann, bob, matchId } = await annAndBob();
      await t.server.app.services.events.setStatus(event.id, 'ended');
      const removal = () =>
        request(t.server.url).delete(`/api/events/${event.id}/attendees/${bob.attendee.id}`).set('authorization', `Bearer ${organiserToken}`).expect(204);
      expect(await annToldWhen(ann, removal)).toEqual({ matchId, reason: 'partner_left', partnerLeftEvent: true });
    });

    test('a pair that timed out: each `state` keeps the match as `matchTimedOut`, for a phone that was away', async () => {
      const { ann, bob, matchId } = await annAndBob(false);
      bob.socket.disconnect();
      const annTold = waitFor(ann.socket, 'match:ended');
      const annState = waitFor(ann.socket, 'state', (s) => s.match === null);
      t.clock += MATCH_TIMEOUT_MS + 1;
      await t.tick();
      expect(await annTold).toEqual({ matchId, reason: 'timeout' });
      expect(await annState).toMatchObject({ status: 'idle', matchTimedOut: matchId });
      // Bob's phone, back, hears no `match:ended`: its first `state` says why.
      const back = await connectAttendee(t.server.url, bob.token);
      t.sockets.push(back);
      const state = (await call(back, 'profile:update', {})) as { ok: true; state: State };
      expect(state.state).toMatchObject({ status: 'idle', match: null, matchTimedOut: matchId });
      expect(state.state.arrivalTimedOut).toBeUndefined();
    });

    test('a phone back the moment a pair times out, before anything else is written, is told why', async () => {
      const { bob, matchId } = await annAndBob(false);
      const { store } = t.server.app;
      // Bob's phone asks for its `state` the moment the store has ended the match.
      const end = store.endMatch.bind(store);
      const seen: State[] = [];
      const spy = jest.spyOn(store, 'endMatch').mockImplementation(async (...args) => {
        const out = await end(...args);
        seen.push(await t.server.app.services.attendees.state(bob.ref));
        return out;
      });
      t.clock += MATCH_TIMEOUT_MS + 1;
      await t.tick();
      spy.mockRestore();
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ status: 'idle', match: null, matchTimedOut: matchId });
    });

    test('a match that ended any other way leaves no `matchTimedOut`', async () => {
      const { ann, bob, matchId } = await annAndBob(false);
      expect(await call(bob.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true });
      const state = (await call(ann.socket, 'profile:update', {})) as { ok: true; state: State };
      expect(state.state.match).toBeNull();
      expect(state.state.matchTimedOut).toBeUndefined();
    });
  });
}

onMemoryAndRedis(whyItEnded);
