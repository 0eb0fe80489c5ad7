import type { MatchReminder } from '../../shared/schemas';
import { call, createEvent, joinAndConnect, steppedServerPerTest, waitFor, type AttendeeSocket } from '../helpers/server';

/**
 * A match nobody confirms times out after MATCH_TIMEOUT_MS (180 s by default). A minute before,
 * everyone in it gets one `match:reminder`, so people who found each other and got talking tap
 * "We found each other" before it ends under them.
 */
describe('match:reminder', () => {
  const t = steppedServerPerTest(async () => ({}));

  /** Two people of one new event, matched by a tick, each with the reminders they hear. */
  async function matchedPair(names: [string, string]) {
    const { event } = await createEvent(t.server.url);
    const people = await Promise.all(names.map((name) => joinAndConnect(t.server, event.code, { name }, t.sockets)));
    const heard = people.map(({ socket }) => {
      const got: MatchReminder[] = [];
      socket.on('match:reminder', (r) => got.push(r));
      return got;
    });
    const found = waitFor(people[0]!.socket, 'match:found');
    for (const { socket } of people) await call(socket, 'match:find');
    await t.tick();
    return { people, heard, match: await found };
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
});
