import type { AppDeps } from '../../server/app';
import request from 'supertest';
import type { Match } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, connectOrganiser, control, createEvent, joinAndConnect, steppedServerPerTest, waitFor } from '../helpers/server';

const MATCH_TIMEOUT_MS = 180_000; // the default MATCH_TIMEOUT_MS of testConfig

/**
 * "Current conversations carry on": after the organiser ends the event, a pair still walking to
 * each other can say they found each other and leave as usual, a match nobody confirms still
 * times out, and nobody new is matched. Over real sockets, on each store.
 */
function afterTheEnd(name: string, deps: () => Promise<Partial<AppDeps>>, after: () => Promise<void> = async () => {}) {
  describe(`matches under way when the event ends (${name})`, () => {
    const t = steppedServerPerTest(deps, after);

    /** Ann and Bob, matched on a tick and walking to each other, when the organiser ends the event. */
    async function walkingWhenItEnds() {
      const made = await createEvent(t.server.url, { name: 'Closing time' });
      const ann = await joinAndConnect(t.server, made.event.code, { name: 'Ann' }, t.sockets);
      const bob = await joinAndConnect(t.server, made.event.code, { name: 'Bob' }, t.sockets);
      const found = waitFor(ann.socket, 'match:found');
      await call(ann.socket, 'match:find');
      await call(bob.socket, 'match:find');
      await t.tick();
      const match = (await found) as Match;
      const dashboard = await connectOrganiser(t.server.url, made.organiserToken, made.event.id);
      const ended = waitFor(ann.socket, 'event:updated', ({ event }) => event.status === 'ended');
      expect(await control(dashboard, 'event:end')).toMatchObject({ ok: true, event: { status: 'ended' } });
      await ended;
      return { ...made, ann, bob, matchId: match.id, dashboard };
    }

    test('a pair still walking to each other can say they found each other, then leave as usual', async () => {
      const { ann, bob, matchId, dashboard } = await walkingWhenItEnds();
      dashboard.disconnect();
      const bobSees = waitFor(bob.socket, 'state', (s) => s.status === 'chatting');
      expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true, state: { status: 'chatting', match: { id: matchId } } });
      await bobSees;
      // A tick past the timeout leaves a match that met alone.
      t.clock += MATCH_TIMEOUT_MS + 1;
      await t.tick();
      expect(await t.server.app.services.attendees.state(bob.ref)).toMatchObject({ status: 'chatting', match: { id: matchId } });
      const bobTold = waitFor(bob.socket, 'match:ended');
      expect(await call(ann.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true, state: { status: 'idle', match: null } });
      expect(await bobTold).toEqual({ matchId, reason: 'partner_left' });
      expect(await t.server.app.services.attendees.state(bob.ref)).toMatchObject({ status: 'idle', match: null });
    });

    test('a match nobody confirms still times out, and the figures stop counting it as finding each other', async () => {
      const { event, ann, bob, matchId, dashboard } = await walkingWhenItEnds();
      t.clock += MATCH_TIMEOUT_MS - 1;
      await t.tick();
      expect(await t.server.app.services.attendees.state(ann.ref)).toMatchObject({ status: 'matched' });
      const annTold = waitFor(ann.socket, 'match:ended');
      const bobTold = waitFor(bob.socket, 'match:ended');
      t.clock += 1;
      await t.tick();
      expect(await annTold).toEqual({ matchId, reason: 'timeout' });
      expect(await bobTold).toEqual({ matchId, reason: 'timeout' });
      const stats = await t.server.app.services.organisers.stats(event.id);
      expect(stats).toMatchObject({ matched: 0, chatting: 0, idle: 2, timedOutTotal: 1 });
      // The open dashboard stops showing them as finding each other.
      await new Promise<void>((resolve) => dashboard.on('stats', (s) => s.matched === 0 && s.timedOutTotal === 1 && resolve()));
      dashboard.disconnect();
    });

    test('nobody new is matched once the event has ended', async () => {
      const { event, ann, bob, matchId, dashboard } = await walkingWhenItEnds();
      dashboard.disconnect();
      // Nobody joins, nobody starts looking, and "can't find" sends the pair to idle, not back
      // to the queue: a tick long after pairs nobody.
      await request(t.server.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Cy' }).expect(409);
      expect(await call(ann.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true, state: { status: 'idle' } });
      expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
      expect(await call(bob.socket, 'match:find')).toMatchObject({ ok: false, error: { code: 'EVENT_CLOSED' } });
      t.clock += 120_000;
      await t.tick();
      expect(await t.server.app.store.listActiveMatches(event.id)).toEqual([]);
      expect(await t.server.app.services.attendees.state(ann.ref)).toMatchObject({ status: 'idle', match: null });
    });
  });
}

onMemoryAndRedis(afterTheEnd);
