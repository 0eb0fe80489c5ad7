import type { AppDeps } from '../../server/app';
import type { Match, MatchReminder } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, createEvent, joinAndConnect, remindersOnConnect, steppedServerPerTest, waitFor, type AttendeeSocket } from '../helpers/server';

/**
 * A match nobody confirms times out after MATCH_TIMEOUT_MS (180 s by default). A minute before,
 * everyone in it gets one `match:reminder`, so people who found each other and got talking tap
 * "We found each other" before it ends under them. Over real sockets, on each store, on a hand
 * clock with matching stepped by the test.
 */
function matchReminders(name: string, deps: () => Promise<Partial<AppDeps>>, after: () => Promise<void> = async () => {}) {
  describe(`match:reminder (${name})`, () => {
    const t = steppedServerPerTest(deps, after);

    type Person = Awaited<ReturnType<typeof joinAndConnect>>;
    /** Joins a new event's people, each with the reminders they hear. */
    async function arrive(names: string[]) {
      const { event } = await createEvent(t.server.url);
      const people: Person[] = [];
      for (const n of names) people.push(await joinAndConnect(t.server, event.code, { name: n }, t.sockets));
      const heard = people.map(({ socket }) => {
        const got: MatchReminder[] = [];
        socket.on('match:reminder', (r) => got.push(r));
        return got;
      });
      return { people, heard };
    }

    /** Two people of one new event, matched by a tick, each with the reminders they hear. */
    async function matchedPair(names: [string, string]) {
      const { people, heard } = await arrive(names);
      return { people, heard, match: await t.pair(people[0]!, people[1]!) };
    }

    /** Everything the server sent these phones before now has arrived: each answers one more request after it. */
    const caughtUp = (sockets: AttendeeSocket[]) => Promise.all(sockets.map((s) => call(s, 'profile:update', {})));

    it('reminds everyone in an unconfirmed match once, a minute before it would time out; never a match that has met', async () => {
      const pair = await matchedPair(['Ann', 'Bob']);
      const met = await matchedPair(['Cy', 'Dee']);
      await call(met.people[0]!.socket, 'match:met', { matchId: met.match.id });
      const everyone = [...pair.people, ...met.people].map((p) => p.socket);

      t.clock += 119_000;
      await t.tick();
      await caughtUp(everyone);
      expect(pair.heard).toEqual([[], []]);

      t.clock += 2_000;
      await t.tick();
      await caughtUp(everyone);
      const reminder = { matchId: pair.match.id, endsInMs: 59_000 };
      expect(pair.heard).toEqual([[reminder], [reminder]]);

      // Once only, however many ticks read the match before it ends; and never for those who met.
      t.clock += 30_000;
      await t.tick();
      await caughtUp(everyone);
      expect(pair.heard).toEqual([[reminder], [reminder]]);
      expect(met.heard).toEqual([[], []]);

      const ended = waitFor(pair.people[1]!.socket, 'match:ended');
      t.clock += 30_000;
      await t.tick();
      expect(await ended).toEqual({ matchId: pair.match.id, reason: 'timeout' });
    });

    it('a phone that connects while the reminder is due gets it then: the one in a pocket missed it', async () => {
      const pair = await matchedPair(['Ann', 'Bob']);
      const met = await matchedPair(['Cy', 'Dee']);
      await call(met.people[0]!.socket, 'match:met', { matchId: met.match.id });
      const reconnect = (p: Person) => remindersOnConnect(t.server.url, p.token, t.sockets);

      // Before the window, nothing; in it, each new connection of the unconfirmed match gets it,
      // with the time then left; never a match that has met.
      t.clock += 119_000;
      expect(await reconnect(pair.people[0]!)).toEqual([]);
      t.clock += 11_000;
      expect(await reconnect(pair.people[0]!)).toEqual([{ matchId: pair.match.id, endsInMs: 50_000 }]);
      expect(await reconnect(met.people[1]!)).toEqual([]);
      t.clock += 50_000; // its end: too late to remind
      expect(await reconnect(pair.people[1]!)).toEqual([]);
    });

    /** Ann and Bob are paired; Cat is sent to them as a third when their match is 81 s old. */
    async function thirdAt81s() {
      const { people, heard } = await arrive(['Ann', 'Bob', 'Cat']);
      const [ann, bob, cat] = people as [Person, Person, Person];
      const pair = await t.pair(ann, bob);
      // Cat looks 60 s later, and has been alone long enough for a trio (20 s) 21 s after that.
      t.clock += 60_000;
      await call(cat.socket, 'match:find');
      await t.tick();
      t.clock += 21_000;
      const joined = waitFor(cat.socket, 'match:found');
      await t.tick();
      expect(((await joined) as Match).id).toBe(pair.id);
      const sent = t.clock;
      const everyone = people.map((p) => p.socket);
      /** The clock `ms` after Cat was sent, a tick, and every phone caught up. */
      const tickAt = async (ms: number) => {
        t.clock = sent + ms;
        await t.tick();
        await caughtUp(everyone);
      };
      return { people, heard, pair, sent, tickAt };
    }

    it('a third sent to a pair that has not found each other yet gets a whole timeout too: reminded a minute before it, with the pair', async () => {
      const { people, heard, pair, sent, tickAt } = await thirdAt81s();
      const cat = people[2]!;

      // 120 s after the pair formed, the pair's own reminder time: 39 s after Cat was sent.
      await tickAt(39_000);
      expect(heard).toEqual([[], [], []]);
      // Past the pair's own timeout (180 s after it formed): still on.
      await tickAt(100_000);
      expect(heard).toEqual([[], [], []]);
      expect(await t.server.app.services.attendees.state(cat.ref)).toMatchObject({ status: 'matched', match: { id: pair.id } });

      await tickAt(121_000);
      const reminder = { matchId: pair.id, endsInMs: 59_000 };
      expect(heard).toEqual([[reminder], [reminder], [reminder]]);

      const ended = people.map((p) => waitFor(p.socket, 'match:ended'));
      t.clock = sent + 180_000;
      await t.tick();
      for (const e of ended) expect(await e).toEqual({ matchId: pair.id, reason: 'timeout' });
    });

    it('the third gives up: the pair keep the time they were given, and are still reminded a minute before it ends', async () => {
      const { people, heard, pair, sent, tickAt } = await thirdAt81s();
      const [ann, bob, cat] = people as [Person, Person, Person];
      await tickAt(39_000); // 120 s after the pair formed: no reminder, the end was put off
      expect(await call(cat.socket, 'match:leave', { matchId: pair.id, reason: 'cant_find' })).toMatchObject({ ok: true });
      // Past the pair's own timeout (180 s after it formed): still on, not ended unreminded.
      await tickAt(100_000);
      expect(heard).toEqual([[], [], []]);
      expect(await t.server.app.services.attendees.state(ann.ref)).toMatchObject({ status: 'matched', match: { id: pair.id } });

      await tickAt(121_000);
      const reminder = { matchId: pair.id, endsInMs: 59_000 };
      expect(heard).toEqual([[reminder], [reminder], []]);
      const ended = [ann, bob].map((p) => waitFor(p.socket, 'match:ended'));
      t.clock = sent + 180_000;
      await t.tick();
      for (const e of ended) expect(await e).toEqual({ matchId: pair.id, reason: 'timeout' });
    });
  });
}

onMemoryAndRedis(matchReminders);
