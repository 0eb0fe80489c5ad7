import { peopleOf } from '../../server/store/match-people';
import type { AttendeeRecord, EventRecord, MatchRecord } from '../../server/store/records';
import type { Store } from '../../server/store/store';
import { arrivingContract } from './contract-arriving';
import { endsAtContract, lapse, type Expiry } from './contract-ends-at';
import { startOverContract } from './contract-start-over';
import { sharingContract } from './contract-sharing';
import { timedOutContract } from './contract-timed-out';
import { sampleAttendee as attendee, sampleEvent as event, sampleMatch as match, uid } from './samples';

/**
 * The behaviour every Store must have. Run it over each implementation with
 * `storeContract('memory', () => new MemoryStore())`.
 */
/**
 * @param traces Where the implementation can look for leftovers: every place in the store's raw
 * data that still mentions one of the given strings.
 * @param expiry Whether the store sweeps what is due, or keeps expiries on its keys, and then
 * when each key goes (see Expiry): the planned-end tests check that every key follows a move of
 * `endsAt`, and that a sweeping store deletes the event at its moved `deletesAt`.
 */
export function storeContract(
  name: string,
  make: () => Promise<Store>,
  teardown?: (s: Store) => Promise<void>,
  traces?: (s: Store, needles: string[]) => Promise<string[]>,
  expiry: Expiry = { sweeps: true },
) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await teardown?.(store);
      await store.close();
    });

    async function seed(statuses: AttendeeRecord['status'][] = ['looking', 'looking']) {
      const ev = event();
      await store.createEvent(ev, uid('orghash'));
      const people: AttendeeRecord[] = [];
      for (const status of statuses) {
        const a = attendee(ev.id, { status, lookingSince: status === 'looking' ? 5 : null });
        await store.createAttendee(a, uid('tok'));
        people.push(a);
      }
      return { ev, people };
    }

    test('events round-trip, by id and by code; a taken code is refused', async () => {
      const ev = event({ topics: ['AI', 'Climbing'], endsAt: Date.now() + 3_600_000 });
      expect(await store.createEvent(ev, 'h1')).toBe(true);
      expect(await store.getEvent(ev.id)).toEqual(ev);
      expect(await store.getEventByCode(ev.code)).toEqual(ev);
      expect(await store.createEvent({ ...event(), code: ev.code }, 'h2')).toBe(false);
      expect(await store.getEvent('nope')).toBeNull();
      expect(await store.getEventByCode('NOPE')).toBeNull();
      expect(await store.resolveToken('h1')).toEqual({ kind: 'organiser', eventId: ev.id });
      expect(await store.resolveToken('h2')).toBeNull();
    });

    test('updateEvent patches fields and keeps the rest', async () => {
      const ev = event();
      await store.createEvent(ev, 'h');
      const updated = await store.updateEvent(ev.id, { name: 'Renamed', topics: [], announcement: { message: 'Hi', at: 5 } });
      expect(updated).toEqual({ ...ev, name: 'Renamed', topics: [], announcement: { message: 'Hi', at: 5 } });
      expect(await store.updateEvent('nope', { name: 'X' })).toBeNull();
    });

    test('updateEvent takes only the details, whatever else the object it is handed carries', async () => {
      const ev = event();
      await store.createEvent(ev, 'h');
      // The planned end (`endsAt`) is one of the details now, so it stays as it was here.
      const whole: EventRecord = { ...ev, name: 'Renamed', status: 'ended', code: 'OTHER', createdAt: 6 };
      expect(await store.updateEvent(ev.id, whole)).toEqual({ ...ev, name: 'Renamed' });
      expect(await store.getEvent(ev.id)).toEqual({ ...ev, name: 'Renamed' });
    });

    test("updateEvent changes a paused event; an ended one's details answer ended and stay its record, and it still takes an announcement", async () => {
      const ev = event();
      await store.createEvent(ev, uid('orghash'));
      await store.setEventStatus(ev.id, 'paused', Date.now());
      expect(await store.updateEvent(ev.id, { spots: ['Bar'] })).toMatchObject({ status: 'paused', spots: ['Bar'] });
      const { event: ended } = (await store.setEventStatus(ev.id, 'ended', Date.now()))!;
      const announcement = { message: 'Hi', at: 5 };
      for (const patch of [{ name: 'Renamed' }, { topics: ['Go'] }, { spots: ['Garden'] }, { spots: ['Garden'], announcement }]) {
        expect(await store.updateEvent(ev.id, patch)).toBe('ended');
      }
      expect(await store.getEvent(ev.id)).toEqual(ended);
      expect(await store.updateEvent(ev.id, { announcement })).toEqual({ ...ended, announcement });
      expect(await store.getEvent(ev.id)).toEqual({ ...ended, announcement });
      // And it is taken down again (the organiser's "take it down").
      expect(await store.updateEvent(ev.id, { announcement: null })).toEqual(ended);
      expect(await store.getEvent(ev.id)).toEqual(ended);
    });

    test('setEventStatus moves an event until it ends, and an ended event stays ended', async () => {
      const ev = event({ endsAt: Date.now() + 3_600_000 });
      await store.createEvent(ev, uid('orghash'));
      expect(await store.setEventStatus(ev.id, 'paused', 10)).toEqual({ event: { ...ev, status: 'paused', pausedAt: 10 }, changed: true });
      // A repeat is no new pause: the time it began stays.
      expect(await store.setEventStatus(ev.id, 'paused', 11)).toEqual({ event: { ...ev, status: 'paused', pausedAt: 10 }, changed: false });
      expect(await store.setEventStatus(ev.id, 'open', 12)).toEqual({ event: { ...ev, status: 'open', pausedAt: null }, changed: true });
      const now = Date.now();
      const ended = await store.setEventStatus(ev.id, 'ended', now);
      // Retention counts from the actual end: endsAt comes forward to it.
      expect(ended).toEqual({ event: { ...ev, status: 'ended', endsAt: now }, changed: true });
      for (const status of ['open', 'paused', 'ended'] as const) {
        expect(await store.setEventStatus(ev.id, status, now + 1)).toEqual({ event: ended!.event, changed: false });
      }
      expect(await store.getEvent(ev.id)).toEqual(ended!.event);
      expect(await store.setEventStatus('nope', 'ended', now)).toBeNull();
    });

    test("a pause is no part of anyone's wait: resuming moves on every lookingSince by it, in a match too", async () => {
      const { ev, people: [before, idle] } = await seed(['looking', 'idle']);
      // Times from now: an end long ago would re-expire the event's keys into the past.
      const t = Date.now();
      await store.transitionAttendee(ev.id, before!.id, ['looking'], { status: 'looking', lookingSince: t + 400 });
      // In a match through the pause: a "can't find" puts them back with the wait they keep.
      const matched = attendee(ev.id, { status: 'matched', matchId: uid('m'), lookingSince: t + 300 });
      await store.createAttendee(matched, uid('tok'));
      await store.setEventStatus(ev.id, 'paused', t + 1_000);
      // Someone who taps Find during the pause starts waiting when it ends.
      const during = attendee(ev.id, { status: 'looking', lookingSince: t + 1_500 });
      await store.createAttendee(during, uid('tok'));
      expect(await store.setEventStatus(ev.id, 'open', t + 5_000)).toMatchObject({ event: { status: 'open', pausedAt: null }, changed: true });
      expect((await store.getAttendee(ev.id, before!.id))!.lookingSince).toBe(t + 4_400);
      expect((await store.getAttendee(ev.id, during.id))!.lookingSince).toBe(t + 5_000);
      expect((await store.getAttendee(ev.id, matched.id))!.lookingSince).toBe(t + 4_300);
      expect(await store.getAttendee(ev.id, idle!.id)).toMatchObject({ status: 'idle', lookingSince: null });
      // Another resume, with no pause, moves nothing; a pause that ends the event moves nothing.
      await store.setEventStatus(ev.id, 'open', t + 9_000);
      await store.setEventStatus(ev.id, 'paused', t + 9_000);
      expect((await store.setEventStatus(ev.id, 'ended', t + 20_000))!.event.pausedAt).toBeNull();
      expect((await store.getAttendee(ev.id, before!.id))!.lookingSince).toBe(t + 4_400);
    });

    test('ending takes down the announcement that was up, in the same step; one sent after the end stays', async () => {
      const ev = event({ endsAt: Date.now() + 3_600_000 });
      await store.createEvent(ev, uid('orghash'));
      await store.updateEvent(ev.id, { announcement: { message: 'Back in 5 minutes', at: 5 } });
      const ended = await store.setEventStatus(ev.id, 'ended', Date.now());
      // A phone that connects later can tell it apart from news sent since: the end left none up.
      expect(ended!.event.announcement).toBeNull();
      expect((await store.getEvent(ev.id))!.announcement).toBeNull();
      const after = { message: 'Drinks carry on next door', at: 6 };
      expect(await store.updateEvent(ev.id, { announcement: after })).toEqual({ ...ended!.event, announcement: after });
      // A repeated end changes nothing, the news after it included.
      expect(await store.setEventStatus(ev.id, 'ended', Date.now())).toEqual({ event: { ...ended!.event, announcement: after }, changed: false });
      expect((await store.getEvent(ev.id))!.announcement).toEqual(after);
    });

    test('ending keeps an endsAt already past, and gives one to an event that had none', async () => {
      const early = event({ endsAt: Date.now() - 60_000 });
      await store.createEvent(early, uid('orghash'));
      expect((await store.setEventStatus(early.id, 'ended', Date.now()))!.event.endsAt).toBe(early.endsAt);
      const open = event({ endsAt: null });
      await store.createEvent(open, uid('orghash'));
      const at = Date.now();
      expect((await store.setEventStatus(open.id, 'ended', at))!.event.endsAt).toBe(at);
    });

    test('an end racing resumes and pauses always wins for good', async () => {
      for (let round = 0; round < 5; round++) {
        const ev = event();
        await store.createEvent(ev, uid('orghash'));
        const at = Date.now();
        await store.setEventStatus(ev.id, 'paused', at);
        const results = await Promise.all([
          store.setEventStatus(ev.id, 'open', at),
          store.setEventStatus(ev.id, 'ended', at),
          store.setEventStatus(ev.id, 'open', at),
          store.setEventStatus(ev.id, 'paused', at),
          store.setEventStatus(ev.id, 'open', at),
        ]);
        expect(results[1]).toMatchObject({ event: { status: 'ended' }, changed: true });
        // Whatever reached the store after the end changed nothing.
        for (const r of results.slice(2)) expect(r).toMatchObject({ event: { status: 'ended' }, changed: false });
        expect((await store.getEvent(ev.id))!.status).toBe('ended');
      }
    });

    test('attendees round-trip with their token, scoped to their event', async () => {
      const { ev } = await seed([]);
      const a = attendee(ev.id, { interests: ['x', 'y'], offers: ['help'], lookFor: 'hat' });
      await store.createAttendee(a, 'tokA');
      expect(await store.getAttendee(ev.id, a.id)).toEqual(a);
      expect(await store.getAttendee('other', a.id)).toBeNull();
      expect(await store.resolveToken('tokA')).toEqual({ kind: 'attendee', eventId: ev.id, attendeeId: a.id });
      expect(await store.listAttendees(ev.id)).toEqual([a]);
      expect(await store.getAttendees(ev.id, ['missing', a.id])).toEqual([a]);
    });

    test('createAttendee refuses a newcomer to a full event, never someone already in it', async () => {
      const { ev, people: [a, b] } = await seed(['idle', 'looking']);
      const other = await seed([]);
      const late = attendee(ev.id, { status: 'looking', lookingSince: 5 });
      expect(await store.createAttendee(late, 'tok-late', 2)).toBe(false);
      // Refused whole: no record, no token, not looking.
      expect(await store.getAttendee(ev.id, late.id)).toBeNull();
      expect(await store.resolveToken('tok-late')).toBeNull();
      expect(await store.countLooking(ev.id)).toBe(1);
      expect((await store.listAttendees(ev.id)).map((x) => x.id).sort()).toEqual([a!.id, b!.id].sort());
      // Someone already in is saved again, full or not.
      expect(await store.createAttendee({ ...a!, name: 'Again' }, 'tok-a', 2)).toBe(true);
      expect(await store.getAttendee(ev.id, a!.id)).toMatchObject({ name: 'Again' });
      // The cap is per event.
      expect(await store.createAttendee(attendee(other.ev.id), uid('tok'), 2)).toBe(true);
      // A forgotten attendee frees their place.
      expect(await store.deleteAttendee(ev.id, b!.id)).not.toBeNull();
      expect(await store.createAttendee(late, 'tok-late', 2)).toBe(true);
      expect(await store.resolveToken('tok-late')).toEqual({ kind: 'attendee', eventId: ev.id, attendeeId: late.id });
      expect(await store.countLooking(ev.id)).toBe(1);
      expect(await store.createAttendee(attendee(ev.id), uid('tok'), 2)).toBe(false);
      // Without a cap given, the default's.
      expect(await store.createAttendee(attendee(ev.id), uid('tok'))).toBe(true);
      await expect(store.createAttendee(attendee('nope'), uid('tok'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    test('joins racing at the cap never pass it, and those already in are never refused', async () => {
      const cap = 10;
      const { ev, people } = await seed(Array.from({ length: cap - 3 }, () => 'idle' as const));
      const newcomers = Array.from({ length: 60 }, () => attendee(ev.id));
      const results = await Promise.all([
        ...newcomers.map((a, i) => store.createAttendee(a, `race-${ev.id}-${i}`, cap)),
        ...people.map((a) => store.createAttendee(a, uid('tok'), cap)),
      ]);
      expect(results.slice(newcomers.length)).toEqual(people.map(() => true));
      const admitted = newcomers.filter((_, i) => results[i]);
      expect(admitted).toHaveLength(3);
      const ids = (await store.listAttendees(ev.id)).map((x) => x.id).sort();
      expect(ids).toEqual([...people, ...admitted].map((x) => x.id).sort());
      // Only the admitted got a token.
      const granted = await Promise.all(newcomers.map((_, i) => store.resolveToken(`race-${ev.id}-${i}`)));
      expect(granted.filter(Boolean)).toHaveLength(3);
    });

    test('transitionAttendee applies only from the allowed statuses and keeps the looking index', async () => {
      const { ev, people } = await seed(['idle']);
      const a = people[0]!;
      expect(await store.transitionAttendee(ev.id, a.id, ['looking'], { status: 'idle' })).toBeNull();
      const looking = await store.transitionAttendee(ev.id, a.id, ['idle'], { status: 'looking', lookingSince: 42 });
      expect(looking).toMatchObject({ status: 'looking', lookingSince: 42 });
      expect((await store.listLooking(ev.id)).map((x) => x.id)).toEqual([a.id]);
      expect(await store.countLooking(ev.id)).toBe(1);
      expect(await store.leaseBusyEvents('me', 10_000)).toContain(ev.id);
      await store.transitionAttendee(ev.id, a.id, ['looking'], { status: 'idle', lookingSince: null });
      expect(await store.listLooking(ev.id)).toEqual([]);
      expect(await store.leaseBusyEvents('me', 10_000)).not.toContain(ev.id);
      // A matchId guard.
      expect(await store.transitionAttendee(ev.id, a.id, ['idle'], { name: 'X' }, 'm1')).toBeNull();
      expect(await store.transitionAttendee(ev.id, a.id, ['idle'], { name: 'Bea', interests: [] }, null)).toMatchObject({ name: 'Bea', interests: [] });
      expect(await store.transitionAttendee(ev.id, 'ghost', ['idle'], { name: 'X' })).toBeNull();
    });

    test('addOnline counts connections and never goes below zero', async () => {
      const { ev, people } = await seed(['idle']);
      const a = people[0]!;
      expect(await store.addOnline(ev.id, a.id, 1, 10)).toMatchObject({ online: 1, seenAt: 10 });
      expect((await store.addOnline(ev.id, a.id, 1, 11))!.online).toBe(2);
      expect((await store.addOnline(ev.id, a.id, -3, 12))!.online).toBe(0);
      expect(await store.addOnline(ev.id, 'ghost', 1, 13)).toBeNull();
      expect(await store.touchOnline(ev.id, [a.id, 'ghost'], 99)).toBe(true);
      expect(await store.getAttendee(ev.id, a.id)).toMatchObject({ seenAt: 99 });
      expect(await store.getAttendee(ev.id, 'ghost')).toBeNull();
    });

    test('touchOnline says the event is gone once its data is deleted (end plus retention), and touches nothing', async () => {
      const { ev, people } = await seed(['idle']);
      const a = people[0]!;
      expect(await store.touchOnline(ev.id, [], 10)).toBe(true);
      const at = store.deletesAt(ev);
      await lapse(store, expiry, at - 1);
      expect(await store.touchOnline(ev.id, [a.id], 11)).toBe(true);
      expect(await store.getAttendee(ev.id, a.id)).toMatchObject({ seenAt: 11 });
      await lapse(store, expiry, at);
      expect(await store.getEvent(ev.id)).toBeNull();
      expect(await store.touchOnline(ev.id, [a.id], 12)).toBe(false);
      expect(await store.getAttendee(ev.id, a.id)).toBeNull();
      expect(await store.touchOnline('no-event', ['ghost'], 13)).toBe(false);
    });

    test('an ended event leaves the busy index once none of its matches waits to meet', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const waiting = match(ev.id, [a, b]);
      const chatting = match(ev.id, [c, d]);
      for (const m of [waiting, chatting]) expect(await store.claimMatch(m)).toBe(true);
      await store.updateMatch(ev.id, chatting.id, ['matched'], { status: 'chatting', metAt: 7 });
      // Open, its chatting matches stay busy: one may open to one more.
      const back = { status: 'looking' as const, lookingSince: 8 };
      await store.endMatch(ev.id, waiting.id, 'cant_find', 8, { [a]: back, [b]: back });
      expect(await store.leaseBusyEvents('me', 10_000)).toContain(ev.id);
      const late = match(ev.id, [a, b]);
      expect(await store.claimMatch(late)).toBe(true);
      await store.setEventStatus(ev.id, 'ended', Date.now()); // now: Redis re-expires the event's keys from its end
      // Ended, a match still waiting to meet keeps it busy, so that a tick can time it out.
      expect(await store.leaseBusyEvents('me', 10_000)).toContain(ev.id);
      await store.endMatch(ev.id, late.id, 'timeout', 10, {});
      expect(await store.leaseBusyEvents('me', 10_000)).not.toContain(ev.id);
      expect(await store.listActiveMatches(ev.id)).toEqual([expect.objectContaining({ id: chatting.id, status: 'chatting' })]);
    });

    test('a busy event’s lease belongs to one holder until it lapses', async () => {
      const { ev } = await seed(['looking']);
      expect(await store.leaseBusyEvents('i1', 10_000)).toContain(ev.id);
      expect(await store.leaseBusyEvents('i1', 10_000)).toContain(ev.id);
      if (name === 'memory') return; // one process holds every lease
      expect(await store.leaseBusyEvents('i2', 10_000)).not.toContain(ev.id);
      expect(await store.leaseBusyEvents('i1', 1)).toContain(ev.id);
      await new Promise<void>((resolve) => {
        const retry = () => store.leaseBusyEvents('i2', 10_000).then((held) => (held.includes(ev.id) ? resolve() : setImmediate(retry)));
        retry();
      });
    });

    test('loadTick reads an event’s matcher inputs in one go', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking', 'idle']);
      const [a, b, c, d] = people as [AttendeeRecord, AttendeeRecord, AttendeeRecord, AttendeeRecord];
      const m = match(ev.id, [a.id, b.id]);
      await store.claimMatch(m);
      const earlier = match(ev.id, [c.id, d.id]);
      await store.claimMatch(earlier);
      await store.endMatch(ev.id, earlier.id, 'done', 60, { [c.id]: { status: 'looking', lookingSince: 60 } });
      await store.addBlock(ev.id, c.id, a.id);
      await store.addCooldown(ev.id, b.id, c.id, 500);
      await store.addCooldown(ev.id, a.id, c.id, 50);
      const snap = await store.loadTick(ev.id, 100);
      expect(snap!.event).toEqual(ev);
      expect(snap!.looking.map((x) => x.id)).toEqual([c.id]);
      expect(snap!.active).toEqual([m]);
      expect(snap!.members.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
      expect(snap!.members.every((x) => x.status === 'matched')).toBe(true);
      const sorted = (pairs: Array<[string, string]>) => pairs.map((p) => [...p].sort().join('|')).sort();
      // Who met whom: every pair with someone looking in it; a store may send the rest too.
      const met = sorted(snap!.history.met);
      expect(met).toContain(sorted([[c.id, d.id]])[0]);
      expect(met.filter((k) => k !== sorted([[a.id, b.id]])[0])).toEqual(sorted([[c.id, d.id]]));
      expect(sorted(snap!.history.blocked)).toEqual(sorted([[a.id, c.id]]));
      expect(sorted(snap!.history.cooldown)).toEqual(sorted([[b.id, c.id]]));
      // When the one still running runs out, for the wait hint.
      expect([...snap!.cooldownEnds]).toEqual([[sorted([[b.id, c.id]])[0], 500]]);
      expect(await store.loadTick('nope', 0)).toBeNull();
    });

    test('claimMatch is all or nothing', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'idle']);
      const [a, b, c] = people as [AttendeeRecord, AttendeeRecord, AttendeeRecord];
      expect(await store.claimMatch(match(ev.id, [a.id, c.id]))).toBe(false);
      expect(await store.getAttendee(ev.id, a.id)).toMatchObject({ status: 'looking', matchId: null });
      const m = match(ev.id, [a.id, b.id], { spot: 'By the window', sharedTopics: ['AI'] });
      expect(await store.claimMatch(m)).toBe(true);
      expect(await store.getMatch(ev.id, m.id)).toEqual(m);
      expect(await store.getAttendee(ev.id, a.id)).toMatchObject({ status: 'matched', matchId: m.id });
      expect(await store.listLooking(ev.id)).toEqual([]);
      expect(await store.listActiveMatches(ev.id)).toEqual([m]);
      // Nobody can be claimed twice.
      expect(await store.claimMatch(match(ev.id, [a.id, b.id]))).toBe(false);
      const history = await store.getHistory(ev.id, 0);
      expect(history.met.map((p) => [...p].sort())).toEqual([[a.id, b.id].sort()]);
    });

    test('concurrent claims over the same people: exactly one wins', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const results = await Promise.all([
        store.claimMatch(match(ev.id, [a, b])),
        store.claimMatch(match(ev.id, [b, c])),
        store.claimMatch(match(ev.id, [a, c])),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    test('updateMatch guards on status and copies a new status to the members', async () => {
      const { ev, people } = await seed();
      const m = match(ev.id, people.map((p) => p.id));
      await store.claimMatch(m);
      expect(await store.updateMatch(ev.id, m.id, ['chatting'], { open: true })).toBeNull();
      const chatting = await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 99 });
      expect(chatting).toMatchObject({ status: 'chatting', metAt: 99 });
      for (const p of people) expect(await store.getAttendee(ev.id, p.id)).toMatchObject({ status: 'chatting' });
      expect(await store.updateMatch(ev.id, m.id, ['chatting'], { open: true })).toMatchObject({ open: true });
    });

    test('setMatchOpen opens only a chatting match with room for one more, of an event not ended; closing is never refused', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const ids = people.map((p) => p.id);
      const m = match(ev.id, ids);
      await store.claimMatch(m);
      expect(await store.setMatchOpen(ev.id, m.id, true, 4)).toBeNull(); // not met yet
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      expect(await store.setMatchOpen(ev.id, m.id, true, 3)).toBe('full');
      expect(await store.getMatch(ev.id, m.id)).toMatchObject({ open: false });
      expect(await store.setMatchOpen(ev.id, m.id, true, 4)).toMatchObject({ open: true, memberIds: ids });
      expect(await store.setMatchOpen(ev.id, m.id, false, 3)).toMatchObject({ open: false });
      await store.setEventStatus(ev.id, 'ended', Date.now());
      expect(await store.setMatchOpen(ev.id, m.id, true, 4)).toBe('ended');
      expect(await store.getMatch(ev.id, m.id)).toMatchObject({ open: false, status: 'chatting' });
      expect(await store.setMatchOpen(ev.id, 'nope', false, 4)).toBeNull();
    });

    test('rewriteMatchText rewrites an active match only while it has exactly the members it was worked out for', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const m = match(ev.id, [a, b], { sharedTopics: ['Jazz'], icebreaker: 'Jazz?', reasons: { [a]: ['x'], [b]: ['y'] } });
      await store.claimMatch(m);
      const text = { sharedTopics: ['Tea', 'Go'], icebreaker: 'Tea?', reasons: { [a]: ['You all picked Tea'], [c]: ['Welcome'] } };
      // Worked out for a trio that is not (yet) there: refused.
      expect(await store.rewriteMatchText(ev.id, m.id, [a, b, c], text)).toBeNull();
      expect(await store.rewriteMatchText(ev.id, m.id, [b, a], text)).toBeNull();
      expect(await store.getMatch(ev.id, m.id)).toEqual(m);
      const after = { ...m, sharedTopics: ['Tea', 'Go'], icebreaker: 'Tea?', reasons: { [a]: ['You all picked Tea'], [b]: ['y'], [c]: ['Welcome'] } };
      expect(await store.rewriteMatchText(ev.id, m.id, [a, b], text)).toEqual(after);
      expect(await store.getMatch(ev.id, m.id)).toEqual(after);
      await store.endMatch(ev.id, m.id, 'done', 1, {});
      expect(await store.rewriteMatchText(ev.id, m.id, [a, b], text)).toBeNull();
      expect(await store.rewriteMatchText(ev.id, 'nope', [a, b], text)).toBeNull();
    });

    test('endMatch moves members on once, and only those still in it', async () => {
      const { ev, people } = await seed();
      const [a, b] = people as [AttendeeRecord, AttendeeRecord];
      const m = match(ev.id, [a.id, b.id]);
      await store.claimMatch(m);
      const next = { [a.id]: { status: 'looking' as const, lookingSince: 5 }, [b.id]: { status: 'idle' as const, lookingSince: null } };
      const ended = await store.endMatch(ev.id, m.id, 'cant_find', 1234, next);
      expect(ended).toMatchObject({ status: 'ended', endReason: 'cant_find', endedAt: 1234 });
      expect(await store.getAttendee(ev.id, a.id)).toMatchObject({ status: 'looking', matchId: null, lookingSince: 5 });
      expect(await store.getAttendee(ev.id, b.id)).toMatchObject({ status: 'idle', matchId: null });
      expect(await store.listActiveMatches(ev.id)).toEqual([]);
      expect((await store.listLooking(ev.id)).map((x) => x.id)).toEqual([a.id]);
      expect(await store.endMatch(ev.id, m.id, 'done', 1, next)).toBeNull();
    });

    test('endMatch honours its status guard and sends members nobody named to idle', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const m = match(ev.id, [a, b]);
      await store.claimMatch(m);
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      expect(await store.endMatch(ev.id, m.id, 'timeout', 2, {}, ['matched'])).toBeNull();
      await store.joinMatch(ev.id, m.id, c, 4, [], 0); // joined after the caller looked
      const ended = await store.endMatch(ev.id, m.id, 'done', 3, { [a]: { status: 'looking', lookingSince: 9 }, [b]: { status: 'idle', lookingSince: null } });
      expect(ended).toMatchObject({ status: 'ended' });
      expect(await store.getAttendee(ev.id, a)).toMatchObject({ status: 'looking', matchId: null });
      expect(await store.getAttendee(ev.id, c)).toMatchObject({ status: 'idle', matchId: null });
    });

    test('endMatch given the members the caller decided on refuses, changing nothing, once they have changed', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const m = match(ev.id, [a, b]);
      await store.claimMatch(m);
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      const pair = { [a]: { status: 'idle' as const, lookingSince: null }, [b]: { status: 'idle' as const, lookingSince: null } };
      // The caller read a pair; a third joined before it ended it.
      const trio = await store.joinMatch(ev.id, m.id, c, 4, ['Welcome'], 0);
      expect(trio?.memberIds).toEqual([a, b, c]);
      expect(await store.endMatch(ev.id, m.id, 'done', 3, pair, ['matched', 'chatting'], [a, b])).toBe('members_changed');
      expect(await store.endMatch(ev.id, m.id, 'done', 3, pair, ['matched', 'chatting'], [b, a, c])).toBe('members_changed');
      expect(await store.getMatch(ev.id, m.id)).toEqual(trio);
      expect((await store.listActiveMatches(ev.id)).map((x) => x.id)).toEqual([m.id]);
      for (const id of [a, b, c]) expect(await store.getAttendee(ev.id, id)).toMatchObject({ status: 'chatting', matchId: m.id });
      // The status guard answers first: a match in another status is null, whoever is in it.
      expect(await store.endMatch(ev.id, m.id, 'timeout', 3, pair, ['matched'], [a, b])).toBeNull();
      // With the members as they are, it ends them all.
      const ended = await store.endMatch(ev.id, m.id, 'done', 4, pair, ['matched', 'chatting'], [a, b, c]);
      expect(ended).toMatchObject({ status: 'ended', endReason: 'done', endedAt: 4, memberIds: [a, b, c] });
      for (const id of [a, b, c]) expect(await store.getAttendee(ev.id, id)).toMatchObject({ status: 'idle', matchId: null });
      expect(await store.endMatch(ev.id, m.id, 'done', 5, pair, ['matched', 'chatting'], [a, b, c])).toBeNull();
    });

    test('an unrevealed offer leaves with its maker; a matched attendee cannot be deleted', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const m = match(ev.id, [a, b, c]);
      await store.claimMatch(m);
      await store.shareContact(ev.id, m.id, c, { email: 'c@example.com' });
      expect(await store.deleteAttendee(ev.id, c)).toBeNull();
      expect(await store.getAttendee(ev.id, c)).not.toBeNull();
      await store.removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null });
      expect((await store.getContacts(ev.id, m.id)).contacts).toEqual({});
    });

    arrivingContract(() => store, seed);
    startOverContract(() => store, seed, traces);
    sharingContract(() => store, seed);
    timedOutContract(() => store, seed);
    endsAtContract(() => store, expiry);

    test('joinMatch adds a looking attendee up to the size limit', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const m = match(ev.id, [a, b]);
      await store.claimMatch(m);
      const joined = await store.joinMatch(ev.id, m.id, c, 3, ['Joining'], 4321);
      expect(joined).toMatchObject({ memberIds: [a, b, c], reasons: { [c]: ['Joining'] }, waits: { [c]: 4321 } });
      expect(await store.getAttendee(ev.id, c)).toMatchObject({ status: 'matched', matchId: m.id });
      expect(await store.joinMatch(ev.id, m.id, d, 3, [], 0)).toBeNull();
      expect(await store.joinMatch(ev.id, m.id, a, 5, [], 0)).toBeNull(); // not looking
      const met = (await store.getHistory(ev.id, 0)).met.map((p) => [...p].sort().join('|')).sort();
      expect(met).toEqual([[a, b], [a, c], [b, c]].map((p) => p.sort().join('|')).sort());
      // One pair at a time, either way round.
      expect(await store.hasMet(ev.id, c, a)).toBe(true);
      expect(await store.hasMet(ev.id, b, c)).toBe(true);
      expect(await store.hasMet(ev.id, a, d)).toBe(false);
      expect(await store.hasMet('no-such-event', a, b)).toBe(false);
    });

    test('removeFromMatch takes one member out of a group and leaves the rest', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const m = match(ev.id, [a, b, c]);
      await store.claimMatch(m);
      const after = await store.removeFromMatch(ev.id, m.id, c, { status: 'looking', lookingSince: 7 });
      expect(after).toMatchObject({ match: { memberIds: [a, b], status: 'matched' }, revealed: false });
      // Left before they met: not a former member, nothing to look after.
      expect(after!.match.formerMembers).toBeUndefined();
      expect(await store.getAttendee(ev.id, c)).toMatchObject({ status: 'looking', matchId: null, lookingSince: 7 });
      expect((await store.listLooking(ev.id)).map((x) => x.id)).toEqual([c]);
      // Not twice, and never down to one.
      expect(await store.removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null })).toBeNull();
      expect(await store.removeFromMatch(ev.id, m.id, a, { status: 'idle', lookingSince: null })).toBeNull();
    });

    test('a "can\'t find" guard: removeFromMatch honours its status guard', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const m = match(ev.id, [a, b, c]);
      await store.claimMatch(m);
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      expect(await store.removeFromMatch(ev.id, m.id, c, { status: 'looking', lookingSince: 1 }, ['matched'])).toBeNull();
      expect(await store.getAttendee(ev.id, c)).toMatchObject({ status: 'chatting', matchId: m.id });
      expect((await store.getMatch(ev.id, m.id))!.memberIds).toEqual([a, b, c]);
    });

    test('someone who leaves after the match met stays on it as a former member, and can no longer offer', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const m = match(ev.id, [a, b, c]);
      await store.claimMatch(m);
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      const after = await store.removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null });
      const former = { memberIds: [a, b], formerMembers: [{ id: c, with: [a, b] }] };
      expect(after!.match).toMatchObject(former);
      expect(await store.getMatch(ev.id, m.id)).toMatchObject(former);
      expect((await store.listActiveMatches(ev.id))[0]!.memberIds).toEqual([a, b]);
      // A former member's offer is refused and not kept: the others' offers name only each other.
      await store.shareContact(ev.id, m.id, a, { email: 'a@example.com' });
      expect(await store.shareContact(ev.id, m.id, c, { email: 'c@example.com' })).toBeNull();
      expect(await store.getContacts(ev.id, m.id)).toEqual({ contacts: { [a]: { email: 'a@example.com' } }, revealed: false });
      expect(await store.shareContact(ev.id, m.id, b, { email: 'b@example.com' })).toEqual({
        contacts: { [a]: { email: 'a@example.com' }, [b]: { email: 'b@example.com' } },
        revealed: true,
      });
      // Nobody else.
      expect(await store.shareContact(ev.id, m.id, d, { email: 'd@example.com' })).toBeNull();
      // Coming back makes them a member again, not both.
      await store.transitionAttendee(ev.id, c, ['idle'], { status: 'looking', lookingSince: 2 });
      expect(await store.joinMatch(ev.id, m.id, c, 4, [], 0)).toMatchObject({ memberIds: [a, b, c] });
      expect((await store.getMatch(ev.id, m.id))!.formerMembers).toBeUndefined();
    });

    test('an offer racing its maker\'s own leave is never kept for the others', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const m = match(ev.id, [a, b, c]);
      await store.claimMatch(m);
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      await store.shareContact(ev.id, m.id, a, { email: 'a@example.com' });
      // The leave lands first, the offer right after (the service checked before either).
      await Promise.all([
        store.removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null }),
        store.shareContact(ev.id, m.id, c, { email: 'c@example.com' }).then((x) => expect(x).toBeNull()),
      ]);
      await store.shareContact(ev.id, m.id, b, { email: 'b@example.com' });
      expect(await store.getContacts(ev.id, m.id)).toEqual({
        contacts: { [a]: { email: 'a@example.com' }, [b]: { email: 'b@example.com' } },
        revealed: true,
      });
    });

    test('a former member was with those still there when they left, not those who came after', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const m = match(ev.id, [a, b, c]);
      await store.claimMatch(m);
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      await store.removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null });
      await store.joinMatch(ev.id, m.id, d, 4, [], 0);
      await store.arrived(ev.id, m.id, d); // Dee found them (until then she was with nobody: contract-arriving.ts)
      await store.removeFromMatch(ev.id, m.id, b, { status: 'idle', lookingSince: null });
      expect(await store.getMatch(ev.id, m.id)).toMatchObject({
        memberIds: [a, d],
        formerMembers: [{ id: c, with: [a, b] }, { id: b, with: [a, d] }],
      });
      // Cat comes back: Bob, who left while she was away, met her all the same.
      await store.transitionAttendee(ev.id, c, ['idle'], { status: 'looking', lookingSince: 2 });
      expect(await store.joinMatch(ev.id, m.id, c, 4, [], 0)).toMatchObject({
        memberIds: [a, d, c],
        formerMembers: [{ id: b, with: [a, d, c] }],
      });
      expect((await store.getMatch(ev.id, m.id))!.formerMembers).toEqual([{ id: b, with: [a, d, c] }]);
    });

    test('a newcomer drops the offers not yet revealed; a revealed swap stays, without them', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d, e] = people.map((p) => p.id) as [string, string, string, string, string];
      const m = match(ev.id, [a, b]);
      await store.claimMatch(m);
      await store.shareContact(ev.id, m.id, a, { email: 'a@example.com' });
      // Ann offered to Bob, not to Cat.
      await store.joinMatch(ev.id, m.id, c, 4, [], 0);
      expect(await store.getContacts(ev.id, m.id)).toEqual({ contacts: {}, revealed: false });
      // Bob and Cat offering does not reveal Ann's, which is gone.
      await store.shareContact(ev.id, m.id, b, { email: 'b@example.com' });
      expect(await store.shareContact(ev.id, m.id, c, { email: 'c@example.com' })).toEqual({
        contacts: { [b]: { email: 'b@example.com' }, [c]: { email: 'c@example.com' } },
        revealed: false,
      });
      await store.shareContact(ev.id, m.id, a, { email: 'a@example.com' });
      const swapped = await store.getContacts(ev.id, m.id);
      expect(swapped.revealed).toBe(true);
      // After the swap, a newcomer changes nothing, and their offer is not taken.
      await store.joinMatch(ev.id, m.id, d, 4, [], 0);
      expect(await store.getContacts(ev.id, m.id)).toEqual(swapped);
      expect(await store.shareContact(ev.id, m.id, d, { email: 'd@example.com' })).toEqual(swapped);
      expect(await store.getContacts(ev.id, m.id)).toEqual(swapped);
      expect(await store.joinMatch(ev.id, m.id, e, 4, [], 0)).toBeNull(); // full
    });

    test('when the one who had not offered leaves, the rest are revealed', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const m = match(ev.id, [a, b, c, d]);
      await store.claimMatch(m);
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      await store.shareContact(ev.id, m.id, a, { email: 'a@example.com' });
      await store.shareContact(ev.id, m.id, b, { email: 'b@example.com' });
      await store.shareContact(ev.id, m.id, d, { email: 'd@example.com' });
      // Dan leaves: his offer goes with him, and Cat has not offered: nothing yet.
      expect(await store.removeFromMatch(ev.id, m.id, d, { status: 'idle', lookingSince: null })).toMatchObject({ revealed: false });
      expect(await store.getContacts(ev.id, m.id)).toEqual({ contacts: { [a]: { email: 'a@example.com' }, [b]: { email: 'b@example.com' } }, revealed: false });
      // Cat leaves without offering: Ann and Bob have both offered to each other.
      expect(await store.removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null })).toMatchObject({ revealed: true, match: { memberIds: [a, b] } });
      expect(await store.getContacts(ev.id, m.id)).toEqual({ contacts: { [a]: { email: 'a@example.com' }, [b]: { email: 'b@example.com' } }, revealed: true });
    });

    test('listMatches keeps ended matches, oldest first', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const first = match(ev.id, [a, b], { createdAt: 1 });
      const second = match(ev.id, [c, d], { createdAt: 2 });
      await store.claimMatch(second);
      await store.claimMatch(first);
      await store.endMatch(ev.id, first.id, 'done', 3, { [a]: { status: 'idle', lookingSince: null }, [b]: { status: 'idle', lookingSince: null } });
      const all = await store.listMatches(ev.id);
      expect(all.map((m) => [m.id, m.status])).toEqual([[first.id, 'ended'], [second.id, 'matched']]);
      expect(all[1]!.waits).toEqual(second.waits);
    });

    test('loadStats reads every attendee and match of the event, cut down to what the figures read', async () => {
      // Over 250 people, so the Redis store reads them in several steps.
      const { ev, people } = await seed(Array.from({ length: 300 }, (_, i) => (i < 7 ? 'looking' : 'idle')));
      const [a, b, c, d, e, f, g] = people.map((p) => p.id) as [string, string, string, string, string, string, string];
      await store.transitionAttendee(ev.id, people[7]!.id, ['idle'], { name: 'Zoë “Z” <b>', interests: ['Climbing', 'jazz'], solo: false, lookFor: 'Green hat' });
      await store.addOnline(ev.id, people[8]!.id, 2, 77);
      // A trio that met, one of whom left; an ended pair; a pair still to meet.
      const trio = match(ev.id, [a, b, c], { createdAt: 10 });
      await store.claimMatch(trio);
      await store.updateMatch(ev.id, trio.id, ['matched'], { status: 'chatting', metAt: 11 });
      await store.removeFromMatch(ev.id, trio.id, c, { status: 'idle', lookingSince: null });
      await store.joinMatch(ev.id, trio.id, g, 4, [], 0); // on their way: not yet met
      const ended = match(ev.id, [d, e], { createdAt: 20 });
      await store.claimMatch(ended);
      await store.endMatch(ev.id, ended.id, 'cant_find', 21, { [d]: { status: 'looking', lookingSince: 21 }, [e]: { status: 'idle', lookingSince: null } });
      await store.claimMatch(match(ev.id, [d, f], { createdAt: 30 }));
      await store.deleteAttendee(ev.id, people[9]!.id);
      const other = await seed(['looking']);

      const read = await store.loadStats(ev.id);
      const person = (x: Pick<AttendeeRecord, 'id' | 'name' | 'interests' | 'solo' | 'lookFor' | 'status' | 'lookingSince' | 'online' | 'seenAt'>) => ({
        id: x.id, name: x.name, interests: x.interests, solo: x.solo, lookFor: x.lookFor, status: x.status, lookingSince: x.lookingSince, online: x.online, seenAt: x.seenAt,
      });
      const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
      expect(read.attendees.map(person).sort(byId)).toEqual((await store.listAttendees(ev.id)).map(person).sort(byId));
      expect(read.attendees).toHaveLength(299);
      const figures = (m: Pick<MatchRecord, 'memberIds' | 'createdAt' | 'metAt' | 'endReason' | 'waits' | 'arriving'> & { formerMembers?: ReadonlyArray<{ id: string }> }) => ({
        memberIds: m.memberIds, former: (m.formerMembers ?? []).map((x) => x.id), createdAt: m.createdAt, metAt: m.metAt, endReason: m.endReason, waits: m.waits,
        arriving: m.arriving ?? [],
      });
      const matches = read.matches.map(figures).sort((x, y) => x.createdAt - y.createdAt);
      expect(matches).toEqual((await store.listMatches(ev.id)).map(figures));
      expect(matches.map((m) => [m.memberIds, m.former, m.metAt, m.endReason])).toEqual([
        [[a, b, g], [c], 11, null],
        [[d, e], [], null, 'cant_find'],
        [[d, f], [], null, null],
      ]);
      expect(matches[0]!.waits).toEqual({ ...trio.waits, [g]: 0 });
      expect(matches[0]!.arriving).toEqual([g]);
      expect(await store.loadStats(other.ev.id)).toMatchObject({ attendees: [{ id: other.people[0]!.id }], matches: [] });
      expect(await store.loadStats('no-such-event')).toEqual({ attendees: [], matches: [] });
    });

    test('listMatchesOf reads exactly the matches one attendee was in, through the end of the event, until they are deleted', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d, e, f] = people.map((p) => p.id) as [string, string, string, string, string, string];
      const looking = { status: 'looking' as const, lookingSince: 9 };
      const idle = { status: 'idle' as const, lookingSince: null };
      // Ann: a member of the first; joins the second as a third and leaves it after it met.
      const first = match(ev.id, [a, b], { createdAt: 1 });
      await store.claimMatch(first);
      await store.updateMatch(ev.id, first.id, ['matched'], { status: 'chatting', metAt: 1 });
      await store.endMatch(ev.id, first.id, 'done', 2, { [a]: looking, [b]: idle });
      const second = match(ev.id, [c, d], { createdAt: 3 });
      await store.claimMatch(second);
      expect(await store.joinMatch(ev.id, second.id, a, 4, [], 0)).toMatchObject({ memberIds: [c, d, a] });
      await store.updateMatch(ev.id, second.id, ['matched'], { status: 'chatting', metAt: 3 });
      await store.removeFromMatch(ev.id, second.id, a, looking);
      // Not hers: one without her, and one she left before it met (she is not on it).
      const others = match(ev.id, [e, f], { createdAt: 2 });
      await store.claimMatch(others);
      await store.endMatch(ev.id, others.id, 'done', 3, { [e]: looking, [f]: looking });
      const left = match(ev.id, [a, e, f], { createdAt: 4 });
      await store.claimMatch(left);
      await store.removeFromMatch(ev.id, left.id, a, idle);

      const ids = async (id: string) => (await store.listMatchesOf(ev.id, id)).map((m) => m.id);
      const check = async () => {
        const all = await store.listMatches(ev.id);
        expect(await store.listMatchesOf(ev.id, a)).toEqual(all.filter((m) => peopleOf(m).includes(a)));
        expect(await ids(a)).toEqual([first.id, second.id]);
        expect(await ids(b)).toEqual([first.id]);
        expect(await ids(c)).toEqual([second.id]);
        expect(await ids(f)).toEqual([others.id, left.id]);
        expect(await ids('nobody')).toEqual([]);
        expect(await store.listMatchesOf('no-event', a)).toEqual([]);
      };
      await check();
      await store.endMatch(ev.id, second.id, 'done', 5, {});
      await store.endMatch(ev.id, left.id, 'done', 5, {});
      expect(await store.setEventStatus(ev.id, 'ended', Date.now())).toMatchObject({ changed: true });
      await check();

      expect(await store.deleteAttendee(ev.id, a)).toMatchObject({ id: a });
      expect(await store.listMatchesOf(ev.id, a)).toEqual([]);
      expect(await ids(b)).toEqual([first.id]);
      expect(await store.deleteAttendee(ev.id, c)).toMatchObject({ id: c });
      expect(await store.listMatchesOf(ev.id, c)).toEqual([]);
      expect(await ids(d)).toEqual([second.id]);
      await traces?.(store, [a, c]).then((found) => expect(found).toEqual([]));
      // Ann was taken off `left` before it met: its reasons and waits no longer name her either.
      const after = (await store.getMatch(ev.id, left.id))!;
      expect(Object.keys(after.reasons)).toEqual([e, f]);
      expect(Object.keys(after.waits)).toEqual([e, f, '~0']);
    });

    test('deleteAttendee removes the record, the indexes and the token', async () => {
      const { ev } = await seed([]);
      const a = attendee(ev.id, { status: 'looking', lookingSince: 1 });
      await store.createAttendee(a, 'tok-del');
      expect(await store.deleteAttendee(ev.id, a.id)).toEqual(a);
      expect(await store.getAttendee(ev.id, a.id)).toBeNull();
      expect(await store.listAttendees(ev.id)).toEqual([]);
      expect(await store.listLooking(ev.id)).toEqual([]);
      const grant = await store.resolveToken('tok-del');
      // A token may outlive its attendee only as a dead end: it resolves to nobody.
      if (grant?.kind === 'attendee') expect(await store.getAttendee(ev.id, grant.attendeeId)).toBeNull();
      expect(await store.deleteAttendee(ev.id, a.id)).toBeNull();
    });

    test('contacts are revealed only when every member has shared, and then for good', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const m = match(ev.id, [a, b, c]);
      await store.claimMatch(m);
      expect(await store.shareContact(ev.id, m.id, d, { email: 'd@example.com' })).toBeNull();
      expect(await store.shareContact(ev.id, m.id, a, { email: 'a@example.com' })).toEqual({ contacts: { [a]: { email: 'a@example.com' } }, revealed: false });
      await store.shareContact(ev.id, m.id, b, { phone: '+447700900123' });
      expect(await store.withdrawContact(ev.id, m.id, b)).toBe(true);
      expect((await store.getContacts(ev.id, m.id)).contacts).toEqual({ [a]: { email: 'a@example.com' } });
      await store.shareContact(ev.id, m.id, b, { phone: '+447700900123' });
      const last = await store.shareContact(ev.id, m.id, c, { url: 'https://c.example', note: 'Hi' });
      expect(last).toEqual({
        revealed: true,
        contacts: { [a]: { email: 'a@example.com' }, [b]: { phone: '+447700900123' }, [c]: { url: 'https://c.example', note: 'Hi' } },
      });
      expect(await store.withdrawContact(ev.id, m.id, a)).toBe(false);
      expect(await store.shareContact(ev.id, m.id, a, { email: 'changed@example.com' })).toEqual(last);
      expect(await store.getContacts(ev.id, 'nope')).toEqual({ contacts: {}, revealed: false });
    });

    test('forgetting a member drops the offers the others made in that match, unrevealed; a revealed swap keeps theirs', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const waiting = match(ev.id, [a, b]);
      const swapped = match(ev.id, [c, d]);
      for (const m of [waiting, swapped]) await store.claimMatch(m);
      await store.shareContact(ev.id, waiting.id, a, { email: 'a@example.com' });
      await store.shareContact(ev.id, swapped.id, c, { email: 'c@example.com' });
      await store.shareContact(ev.id, swapped.id, d, { email: 'd@example.com' });
      for (const m of [waiting, swapped]) await store.endMatch(ev.id, m.id, 'done', 5, {});
      expect(await store.deleteAttendee(ev.id, b)).toMatchObject({ id: b });
      expect(await store.deleteAttendee(ev.id, d)).toMatchObject({ id: d });
      // Bob can never share now: Ann's offer would wait for ever, so it goes.
      expect(await store.getContacts(ev.id, waiting.id)).toEqual({ contacts: {}, revealed: false });
      expect(await store.getContacts(ev.id, swapped.id)).toEqual({ contacts: { [c]: { email: 'c@example.com' } }, revealed: true });
      // Nor is a new offer kept, checked in the same step as the write; the revealed swap stands.
      expect(await store.shareContact(ev.id, waiting.id, a, { email: 'a2@example.com' })).toBeNull();
      expect(await store.getContacts(ev.id, waiting.id)).toEqual({ contacts: {}, revealed: false });
      expect(await store.shareContact(ev.id, swapped.id, c, { email: 'c2@example.com' })).toEqual({ contacts: { [c]: { email: 'c@example.com' } }, revealed: true });
    });

    test('feedback counts one vote per member per match', async () => {
      const { ev } = await seed([]);
      await store.setFeedback(ev.id, 'm1', 'a', true);
      await store.setFeedback(ev.id, 'm1', 'a', false);
      await store.setFeedback(ev.id, 'm1', 'b', true);
      await store.setFeedback(ev.id, 'm2', 'a', true);
      expect(await store.countFeedback(ev.id)).toEqual({ good: 2, bad: 1 });
    });

    test('a blocked pair can be neither claimed nor joined', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      await store.addBlock(ev.id, b, a);
      expect(await store.claimMatch(match(ev.id, [a, b]))).toBe(false);
      expect((await store.getHistory(ev.id, 0)).blocked.map((p) => [...p].sort())).toEqual([[a, b].sort()]);
      const m = match(ev.id, [a, c]);
      expect(await store.claimMatch(m)).toBe(true);
      await store.addBlock(ev.id, d, c);
      expect(await store.joinMatch(ev.id, m.id, d, 4, [], 0)).toBeNull();
      expect(await store.joinMatch(ev.id, m.id, b, 4, [], 0)).toBeNull();
    });

    test('the blocks of an attendee list whoever they blocked and whoever blocked them, once each', async () => {
      const { ev, people } = await seed(['idle', 'idle', 'idle', 'idle']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      expect(await store.listBlocksOf(ev.id, a)).toEqual([]);
      await store.addBlock(ev.id, a, b);
      await store.addBlock(ev.id, c, a);
      await store.addBlock(ev.id, b, a); // the same pair the other way: one block
      await store.addBlock(ev.id, c, d);
      expect((await store.listBlocksOf(ev.id, a)).sort()).toEqual([b, c].sort());
      expect((await store.listBlocksOf(ev.id, d)).sort()).toEqual([c]);
      expect(await store.listBlocksOf('no-such-event', a)).toEqual([]);
    });

    test('a pair on cooldown can be neither claimed nor joined until it runs out', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const at = 1_700_000_000_000;
      await store.addCooldown(ev.id, b, a, at + 60_000);
      // A claim forms at its createdAt: the cooldown holds then, in a pair or a trio.
      for (const ids of [[a, b], [c, a, b]]) {
        expect(await store.claimMatch(match(ev.id, ids, { createdAt: at }))).toBe(false);
      }
      expect(await store.listActiveMatches(ev.id)).toEqual([]);
      expect((await store.listLooking(ev.id)).map((x) => x.id).sort()).toEqual([a, b, c, d].sort());
      expect((await store.getHistory(ev.id, 0)).met).toEqual([]);

      const m = match(ev.id, [a, c], { createdAt: at });
      expect(await store.claimMatch(m)).toBe(true);
      // B is on cooldown with A, who is in the match: no join, at the tick's time or with none given.
      expect(await store.joinMatch(ev.id, m.id, b, 4, [], 0, at + 59_999)).toBeNull();
      expect(await store.joinMatch(ev.id, m.id, b, 4, [], 0)).toBeNull();
      expect(await store.getMatch(ev.id, m.id)).toEqual(m);
      expect(await store.getAttendee(ev.id, b)).toMatchObject({ status: 'looking', matchId: null });
      expect((await store.getHistory(ev.id, 0)).met.map((p) => [...p].sort())).toEqual([[a, c].sort()]);
      // Someone on cooldown with nobody there still joins.
      expect(await store.joinMatch(ev.id, m.id, d, 4, [], 0, at)).toMatchObject({ memberIds: [a, c, d] });

      // Once it has run out (until <= now, as getHistory has it), the pair goes together again.
      expect(await store.joinMatch(ev.id, m.id, b, 4, [], 0, at + 60_000)).toMatchObject({ memberIds: [a, c, d, b] });
      const { ev: ev2, people: p2 } = await seed(['looking', 'looking']);
      const [x, y] = p2.map((p) => p.id) as [string, string];
      await store.addCooldown(ev2.id, x, y, at + 60_000);
      expect(await store.claimMatch(match(ev2.id, [x, y], { createdAt: at + 60_000 }))).toBe(true);
    });

    test('a paused or ended event forms no matches, by claim or by join', async () => {
      for (const status of ['paused', 'ended'] as const) {
        const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking', 'looking']);
        const [a, b, c, d, e] = people.map((p) => p.id) as [string, string, string, string, string];
        const m = match(ev.id, [a, b]);
        expect(await store.claimMatch(m)).toBe(true);
        await store.setEventStatus(ev.id, status, Date.now());

        const refused = match(ev.id, [c, d]);
        expect(await store.claimMatch(refused)).toBe(false);
        expect(await store.joinMatch(ev.id, m.id, e, 4, [], 0)).toBeNull();
        expect(await store.getMatch(ev.id, refused.id)).toBeNull();
        expect(await store.getMatch(ev.id, m.id)).toEqual(m);
        expect(await store.listActiveMatches(ev.id)).toEqual([m]);
        expect((await store.listLooking(ev.id)).map((x) => x.id).sort()).toEqual([c, d, e].sort());
        expect((await store.getHistory(ev.id, 0)).met.map((p) => [...p].sort())).toEqual([[a, b].sort()]);
        if (status === 'ended') continue;

        // Reopened, it matches again.
        await store.setEventStatus(ev.id, 'open', Date.now());
        expect(await store.claimMatch(refused)).toBe(true);
        expect(await store.joinMatch(ev.id, m.id, e, 4, [], 0)).toMatchObject({ memberIds: [a, b, e] });
      }
    });

    test('reports are kept in order', async () => {
      const { ev } = await seed([]);
      const r1 = { id: 'r1', eventId: ev.id, reporterId: 'a', reportedId: 'b', reason: 'spam' as const, text: null, at: 1 };
      const r2 = { ...r1, id: 'r2', reporterId: 'c', reason: 'other' as const, text: 'Rude', at: 2 };
      expect(await store.addReport(r1)).toBe('added');
      expect(await store.addReport(r2)).toBe('added');
      expect(await store.listReports(ev.id)).toEqual([r1, r2]);
    });

    test('one report per reporter about one attendee: a retry changes nothing', async () => {
      const { ev } = await seed([]);
      const first = { id: 'r1', eventId: ev.id, reporterId: 'a', reportedId: 'b', reason: 'harassment' as const, text: 'Kept following me', at: 1 };
      expect(await store.addReport(first)).toBe('added');
      // The phone resends after a reconnect, with a new id and time, even at the same moment.
      const retries = await Promise.all([
        store.addReport({ ...first, id: 'r2', at: 2 }),
        store.addReport({ ...first, id: 'r3', reason: 'other', text: null, at: 3 }),
      ]);
      expect(retries).toEqual(['repeat', 'repeat']);
      expect(await store.listReports(ev.id)).toEqual([first]);
      // Someone else about them, or them about the reporter, are reports of their own.
      const other = { ...first, id: 'r4', reporterId: 'c', at: 4 };
      const back = { ...first, id: 'r5', reporterId: 'b', reportedId: 'a', at: 5 };
      expect(await store.addReport(other)).toBe('added');
      expect(await store.addReport(back)).toBe('added');
      expect(await store.listReports(ev.id)).toEqual([first, other, back]);
      expect(await store.addReport({ ...first, eventId: 'nope' })).toBe('no-event');
    });

    test('reports sent at once stop at the cap: counting and storing are one step; a retry at the cap is no refusal', async () => {
      const { ev } = await seed([]);
      const cap = 20;
      const report = (reportedId: string, reporterId = 'me') =>
        ({ id: `${reporterId}-${reportedId}`, eventId: ev.id, reporterId, reportedId, reason: 'spam' as const, text: null, at: 1 });
      // Someone else's reports do not count against mine.
      expect(await store.addReport(report('p0', 'other'), 1)).toBe('added');
      const outcomes = await Promise.all(Array.from({ length: 25 }, (_, i) => store.addReport(report(`p${i}`), cap)));
      expect(outcomes.filter((o) => o === 'added')).toHaveLength(cap);
      expect(outcomes.filter((o) => o === 'over-cap')).toHaveLength(25 - cap);
      const mine = (await store.listReports(ev.id)).filter((r) => r.reporterId === 'me');
      expect(mine).toHaveLength(cap);

      // At the cap, a retry about someone already reported is a repeat, not over the cap; someone new is refused.
      const kept = mine[0]!.reportedId;
      const refused = outcomes.findIndex((o) => o === 'over-cap');
      expect(await store.addReport({ ...report(kept), id: 'retry', at: 2 }, cap)).toBe('repeat');
      expect(await store.addReport(report(`p${refused}`), cap)).toBe('over-cap');
      expect(await store.listReports(ev.id)).toHaveLength(cap + 1);
    });

    test('deleting an attendee leaves no trace of them', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking']);
      const [a, b, c] = people.map((p) => p.id) as [string, string, string];
      const m = match(ev.id, [a, b]);
      await store.claimMatch(m);
      await store.shareContact(ev.id, m.id, a, { email: 'forget-me@example.com' });
      await store.setFeedback(ev.id, m.id, a, true);
      await store.setFeedback(ev.id, m.id, b, true);
      await store.addBlock(ev.id, a, c);
      await store.addCooldown(ev.id, a, c, Date.now() + 60_000);
      await store.addReport({ id: 'r', eventId: ev.id, reporterId: a, reportedId: c, reason: 'spam', text: 'x', at: 1 });
      await store.endMatch(ev.id, m.id, 'done', 5, { [a]: { status: 'idle', lookingSince: null }, [b]: { status: 'idle', lookingSince: null } });

      expect(await store.deleteAttendee(ev.id, a)).toMatchObject({ id: a });
      const after = await store.getMatch(ev.id, m.id);
      expect(after!.memberIds).toHaveLength(2);
      expect(after!.memberIds).not.toContain(a);
      expect(Object.keys(after!.reasons)).toEqual([b]);
      expect(Object.keys(after!.waits)).not.toContain(a);
      expect(Object.values(after!.waits).sort()).toEqual(Object.values(m.waits).sort());
      expect((await store.getContacts(ev.id, m.id)).contacts).toEqual({});
      expect(await store.countFeedback(ev.id)).toEqual({ good: 1, bad: 0 });
      expect(await store.listReports(ev.id)).toEqual([]);
      const h = await store.getHistory(ev.id, 0);
      expect(JSON.stringify(h)).not.toContain(a);
      expect(await store.listAttendees(ev.id)).toHaveLength(2);
      await traces?.(store, [a, 'forget-me@example.com']).then((found) => expect(found).toEqual([]));
    });

    test('deleting a former member takes them off the match too, and off whom the others were with', async () => {
      const { ev, people } = await seed(['looking', 'looking', 'looking', 'looking']);
      const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
      const m = match(ev.id, [a, b, c, d]);
      await store.claimMatch(m);
      await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
      // They swap while all four are in it; then Cat leaves, then Dan.
      for (const id of [a, b, c, d]) await store.shareContact(ev.id, m.id, id, { email: `${id}@example.com` });
      await store.removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null });
      await store.removeFromMatch(ev.id, m.id, d, { status: 'idle', lookingSince: null });
      await store.setFeedback(ev.id, m.id, c, true);
      expect((await store.getMatch(ev.id, m.id))!.formerMembers).toEqual([{ id: c, with: [a, b, d] }, { id: d, with: [a, b] }]);
      expect(await store.deleteAttendee(ev.id, c)).toMatchObject({ id: c });
      let after = await store.getMatch(ev.id, m.id);
      expect(after!.memberIds).toEqual([a, b]);
      expect(after!.formerMembers).toEqual([{ id: d, with: [a, b] }]);
      expect(Object.keys(after!.reasons).sort()).toEqual([a, b, d].sort());
      expect(Object.values(after!.waits).sort()).toEqual(Object.values(m.waits).sort());
      expect(Object.keys((await store.getContacts(ev.id, m.id)).contacts).sort()).toEqual([a, b, d].sort());
      expect(await store.countFeedback(ev.id)).toEqual({ good: 0, bad: 0 });
      await traces?.(store, [c, `${c}@example.com`]).then((found) => expect(found).toEqual([]));
      // A member forgotten after the match ended goes from every former member's list.
      await store.endMatch(ev.id, m.id, 'done', 2, {});
      expect(await store.deleteAttendee(ev.id, a)).toMatchObject({ id: a });
      after = await store.getMatch(ev.id, m.id);
      expect(after!.formerMembers).toEqual([{ id: d, with: [b] }]);
      expect(Object.values(after!.waits).sort()).toEqual(Object.values(m.waits).sort());
      await traces?.(store, [a, c]).then((found) => expect(found).toEqual([]));
      expect(await store.deleteAttendee(ev.id, d)).toMatchObject({ id: d });
      expect((await store.getMatch(ev.id, m.id))!.formerMembers).toBeUndefined();
      expect(Object.values((await store.getMatch(ev.id, m.id))!.waits).sort()).toEqual(Object.values(m.waits).sort());
      await traces?.(store, [a, c, d]).then((found) => expect(found).toEqual([]));
    });

    test('markRemoved keeps a removed attendee\'s token known as removed once it opens nothing; a forgotten one\'s is not', async () => {
      const { ev } = await seed([]);
      const [gone, forgot] = [attendee(ev.id), attendee(ev.id)];
      const [goneTok, forgotTok] = [uid('tok-rm'), uid('tok-fg')];
      await store.createAttendee(gone, goneTok);
      await store.createAttendee(forgot, forgotTok);
      expect(await store.removedFrom(goneTok)).toBeNull();
      expect(await store.countRemoved(ev.id)).toBe(0);
      expect(await store.wasRemoved(ev.id, gone.id)).toBe(false);

      expect(await store.markRemoved(ev.id, gone.id)).toBe(true);
      expect(await store.wasRemoved(ev.id, gone.id)).toBe(true);
      expect(await store.deleteAttendee(ev.id, gone.id)).toMatchObject({ id: gone.id });
      expect(await store.resolveToken(goneTok)).toBeNull();
      expect(await store.removedFrom(goneTok)).toBe(ev.id);
      expect(await store.countRemoved(ev.id)).toBe(1);
      // Still known as removed once deleted: a second organiser's removal is told from a stranger's id.
      expect(await store.wasRemoved(ev.id, gone.id)).toBe(true);
      expect(await store.wasRemoved('no-event', gone.id)).toBe(false);
      // A repeat (the organiser's retry) changes nothing.
      expect(await store.markRemoved(ev.id, gone.id)).toBe(false);
      expect(await store.removedFrom(goneTok)).toBe(ev.id);
      expect(await store.countRemoved(ev.id)).toBe(1);

      // Forgetting (or anything else that deletes) is not a removal.
      expect(await store.deleteAttendee(ev.id, forgot.id)).toMatchObject({ id: forgot.id });
      expect(await store.removedFrom(forgotTok)).toBeNull();
      expect(await store.wasRemoved(ev.id, forgot.id)).toBe(false);
      expect(await store.countRemoved(ev.id)).toBe(1);
      expect(await store.countRemoved('no-event')).toBe(0);
      expect(await store.markRemoved(ev.id, 'nobody')).toBe(false);
      expect(await store.markRemoved('no-event', gone.id)).toBe(false);
      expect(await store.removedFrom('never-issued')).toBeNull();
      // It names no one: a token hash and an event, nothing of the person.
      await traces?.(store, [gone.id]).then((found) => expect(found).toEqual([]));
    });

    test('unmarkRemoved undoes markRemoved for someone still in the event (a removal that did not go through)', async () => {
      const { ev } = await seed([]);
      const stays = attendee(ev.id);
      const tok = uid('tok-um');
      await store.createAttendee(stays, tok);
      expect(await store.markRemoved(ev.id, stays.id)).toBe(true);
      expect(await store.countRemoved(ev.id)).toBe(1);
      await store.unmarkRemoved(ev.id, stays.id);
      expect(await store.countRemoved(ev.id)).toBe(0);
      expect(await store.wasRemoved(ev.id, stays.id)).toBe(false);
      // They later forget themselves: a resume with the token is not told "removed".
      expect(await store.deleteAttendee(ev.id, stays.id)).toMatchObject({ id: stays.id });
      expect(await store.removedFrom(tok)).toBeNull();
      // Nobody (or nothing marked) to undo: no error.
      await store.unmarkRemoved(ev.id, 'nobody');
      await store.unmarkRemoved('no-event', stays.id);
    });

    test('markRemoved marks the token an attendee holds now, not one revoked when an earlier holder of their id was forgotten', async () => {
      const { ev } = await seed([]);
      const first = attendee(ev.id);
      const [oldTok, newTok] = [uid('tok-old'), uid('tok-new')];
      await store.createAttendee(first, oldTok);
      expect(await store.deleteAttendee(ev.id, first.id)).toMatchObject({ id: first.id });
      // The same id again, with a new token: the old one opens nothing and must stay unmarked.
      await store.createAttendee({ ...first }, newTok);
      expect(await store.resolveToken(oldTok)).toBeNull();
      expect(await store.markRemoved(ev.id, first.id)).toBe(true);
      expect(await store.removedFrom(newTok)).toBe(ev.id);
      expect(await store.removedFrom(oldTok)).toBeNull();
      await store.unmarkRemoved(ev.id, first.id);
      expect(await store.removedFrom(newTok)).toBeNull();
    });

    test('cooldowns expire', async () => {
      const { ev } = await seed([]);
      await store.addCooldown(ev.id, 'x', 'y', 1000);
      expect((await store.getHistory(ev.id, 999)).cooldown).toEqual([['x', 'y']]);
      expect((await store.getHistory(ev.id, 1000)).cooldown).toEqual([]);
    });

    test('ping answers', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
