import type { AppDeps } from '../../server/app';
import type { Match, State } from '../../shared/schemas';
import { onMemoryAndRedis } from '../helpers/redis';
import { call, createEvent, joinAndConnect, steppedServerPerTest, waitFor } from '../helpers/server';

type Deps = Partial<AppDeps>;

/**
 * What a match says about its people (reasons, shared topics, icebreaker) stays true of the
 * people in it as a third joins and someone leaves. Over real sockets, on each store, on a hand
 * clock with matching stepped by the test.
 */
function groupReasons(name: string, deps: () => Promise<Deps>, after: () => Promise<void> = async () => {}) {
  describe(`what a match says as its people change (${name})`, () => {
    const t = steppedServerPerTest(deps, after);

    type Person = Awaited<ReturnType<typeof joinAndConnect>>;
    const withPartners = (p: Person, n: number) => waitFor(p.socket, 'state', (s: State) => s.match?.partners.length === n);

    /** Ann and Bob, both on their own, both into jazz, Bob offering the help Ann asks for: paired. */
    async function jazzPair() {
      const { event } = await createEvent(t.server.url, { name: 'Jazz night' });
      const ann = await joinAndConnect(t.server, event.code, { name: 'Ann', solo: true, interests: ['Jazz'], asks: ['fundraising'] }, t.sockets);
      const bob = await joinAndConnect(t.server, event.code, { name: 'Bob', solo: true, interests: ['jazz'], offers: ['Fundraising'] }, t.sockets);
      const paired = waitFor(ann.socket, 'match:found');
      await call(ann.socket, 'match:find');
      t.clock += 1_000; // Ann has waited longer: her spelling of a shared topic is shown
      await call(bob.socket, 'match:find');
      await t.tick();
      const pair = (await paired) as Match;
      expect(pair.reasons).toEqual(["You're both here on your own", 'You both picked Jazz', 'They can help with Fundraising, which you asked about']);
      return { event, ann, bob, pair };
    }

    /** Ann and Bob, paired; then Cat, who shares nothing with them, joins as a third. */
    async function trio() {
      const { event, ann, bob, pair } = await jazzPair();
      expect(pair.icebreaker).toMatch(/jazz/i);
      const cat = await joinAndConnect(t.server, event.code, { name: 'Cat', solo: false, interests: ['chess'] }, t.sockets);

      // Alone for the trio wait (20 s) while Ann and Bob have not found each other yet.
      await call(cat.socket, 'match:find');
      t.clock += 25_000;
      const joined = waitFor(cat.socket, 'match:found');
      const [annSees, bobSees] = [withPartners(ann, 2), withPartners(bob, 2)];
      await t.tick();
      return { event, ann, bob, cat, matchId: pair.id, catFound: (await joined) as Match, annSees: (await annSees).match!, bobSees: (await bobSees).match! };
    }

    test('a third joining: the pair statements go, and nothing says they share what only two picked', async () => {
      const { catFound, annSees, bobSees } = await trio();
      expect(catFound.reasons).toEqual(["You're joining a pair who are finding each other now, as a third, so you don't have to wait longer"]);
      expect(annSees.reasons).toEqual(['Someone there is on their own too', 'You share Jazz with someone there', 'Someone there can help with Fundraising, which you asked about']);
      expect(bobSees.reasons).toEqual(['Someone there is on their own too', 'You share jazz with someone there', 'You can help with Fundraising, which someone there asked about']);
      // Cat never picked jazz: the card shares nothing, and the icebreaker is not about jazz.
      for (const m of [catFound, annSees, bobSees]) {
        expect(m.sharedTopics).toEqual([]);
        expect(m.icebreaker).not.toMatch(/jazz/i);
        expect(m.icebreaker).toBe(catFound.icebreaker);
      }
    });

    test('someone leaving: the two left read the truth about each other', async () => {
      const { ann, bob, cat, matchId } = await trio();
      const [annSees, catSees] = [withPartners(ann, 1), withPartners(cat, 1)];
      expect(await call(bob.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
      const [annMatch, catMatch] = [(await annSees).match!, (await catSees).match!];
      expect(annMatch.reasons).toEqual(['You were both looking to meet someone new']);
      expect(catMatch.reasons).toEqual(['You were both looking to meet someone new']);
      expect(annMatch.sharedTopics).toEqual([]);
      // Read back from the store, as any instance would answer.
      expect((await call(ann.socket, 'match:find')).ok).toBe(false);
      expect((await t.server.app.services.attendees.state(cat.ref)).match).toEqual(catMatch);
    });

    test('someone blocking leaves the group the same way, and the others are told afresh', async () => {
      const { ann, bob, cat } = await trio();
      const [bobSees, catSees] = [withPartners(bob, 1), withPartners(cat, 1)];
      expect(await call(ann.socket, 'attendee:block', { attendeeId: cat.attendee.id })).toMatchObject({ ok: true });
      // Bob and Cat: nothing in common, nobody else on their own.
      expect((await bobSees).match!.reasons).toEqual(['You were both looking to meet someone new']);
      expect((await catSees).match!.reasons).toEqual(['You were both looking to meet someone new']);
    });

    test('someone editing their interests, "on my own" or needs mid-match: the card says what holds of them now', async () => {
      const { ann, bob } = await jazzPair();

      // Bob came with friends after all, and is into running, not jazz; he offers nothing now.
      const annSees = waitFor(ann.socket, 'state', (s: State) => s.match?.partners[0]?.interests[0] === 'Running');
      expect(await call(bob.socket, 'profile:update', { solo: false, interests: ['Running'], offers: [] })).toMatchObject({ ok: true });
      const annMatch = (await annSees).match!;
      expect(annMatch.reasons).toEqual(['You were both looking to meet someone new']);
      expect(annMatch.sharedTopics).toEqual([]);
      expect(annMatch.icebreaker).not.toMatch(/jazz/i);
      expect((await t.server.app.services.attendees.state(bob.ref)).match!.reasons).toEqual(['You were both looking to meet someone new']);

      // A new name or "how to spot me" changes nothing the card says about why they were matched,
      // nor does a profile sent again as it is (a client that sends every field): no rewrite.
      const before = (await t.server.app.services.attendees.state(ann.ref)).match!;
      const rewrites = jest.spyOn(t.server.app.store, 'rewriteMatchText');
      expect(await call(bob.socket, 'profile:update', { name: 'Robert', lookFor: 'green jumper' })).toMatchObject({ ok: true });
      expect(await call(bob.socket, 'profile:update', { solo: false, interests: ['Running'], offers: [], asks: [] })).toMatchObject({ ok: true });
      expect(rewrites).not.toHaveBeenCalled();
      rewrites.mockRestore();
      const after = (await t.server.app.services.attendees.state(ann.ref)).match!;
      expect(after.reasons).toEqual(before.reasons);
      expect(after.icebreaker).toBe(before.icebreaker);
    });
  });
}

onMemoryAndRedis(groupReasons);
