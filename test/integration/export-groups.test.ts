import request from 'supertest';
import type { AppDeps } from '../../server/app';
import type { Match } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, createEvent, joinAndConnect, steppedServerPerTest, waitFor } from '../helpers/server';

type Deps = Partial<AppDeps>;

/**
 * The sponsor export's row for a pair that grew into a group of four (a third sent over, then a
 * newcomer to the open circle): it still counts the pair's shared interests and wait, and says
 * how many joined. Through the real HTTP route, on each store, on a hand clock with matching
 * stepped by the test.
 */
function exportGroups(name: string, deps: () => Promise<Deps>, after: () => Promise<void> = async () => {}) {
  describe(`the CSV export of a match that grew (${name})`, () => {
    const t = steppedServerPerTest(deps, after);

    test('a pair joined by a third and then a fourth: one row, the pair’s wait and shared topics, 2 joined', async () => {
      const { event, organiserToken } = await createEvent(t.server.url, { name: 'Jazz night' });
      const join = (n: string, interests: string[]) => joinAndConnect(t.server, event.code, { name: n, interests }, t.sockets);
      const ann = await join('Ann', ['Jazz', 'Chess']);
      const bob = await join('Bob', ['jazz', 'chess']);
      const cat = await join('Cat', ['Knitting']);
      const dan = await join('Dan', ['Rowing']);
      const formedAt = t.clock + 4_000;

      const paired = waitFor(ann.socket, 'match:found');
      await call(ann.socket, 'match:find');
      t.clock = formedAt; // Ann has waited 4 s, Bob none
      await call(bob.socket, 'match:find');
      await t.tick();
      const { id: matchId } = (await paired) as Match;

      // Cat, alone for longer than the trio wait (20 s), is sent to the pair as a third.
      await call(cat.socket, 'match:find');
      t.clock += 25_000;
      const third = waitFor(cat.socket, 'match:found');
      await t.tick();
      expect(((await third) as Match).id).toBe(matchId);

      // The three meet and open their circle; Dan is sent over.
      expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
      expect(await call(ann.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true });
      await call(dan.socket, 'match:find');
      t.clock += 7_000;
      const fourth = waitFor(dan.socket, 'match:found');
      await t.tick();
      expect(((await fourth) as Match).id).toBe(matchId);
      expect((await t.server.app.store.getMatch(event.id, matchId))?.sharedTopics).toEqual([]);

      const res = await request(t.server.url).get(`/api/events/${event.id}/export.csv`).set('authorization', `Bearer ${organiserToken}`).expect(200);
      const lines = res.text.trim().split('\n');
      expect(lines[0]).toBe('time,group_size,wait_ms,shared_topics,outcome,joined');
      expect(lines.slice(1)).toEqual([`${new Date(formedAt).toISOString()},4,4000,2,chatting,2`]);
    });
  });
}

onMemoryAndRedis(exportGroups);
