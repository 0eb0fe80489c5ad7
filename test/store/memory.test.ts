import { pairKey } from '../../server/matching/pairs';
import { MemoryStore, type MemorySnapshot } from '../../server/store/memory';
import { chunksOf } from '../../server/store/memory/tables';
import type { MatchRecord } from '../../server/store/records';
import { storeContract } from './contract';

storeContract(
  'memory',
  async () => new MemoryStore(),
  undefined,
  async (store, needles) => {
    const raw = (store as MemoryStore).toSnapshotJson();
    return needles.filter((n) => raw.includes(n));
  },
  { sweeps: true },
);

describe('memory store snapshot JSON', () => {
  const base = { name: 'E', topics: [], spots: [], status: 'open' as const, createdAt: 0, announcement: null, pausedAt: null, endsAt: null };
  const person = (id: string, name: string) => ({
    id, eventId: 'e', name, interests: ['x'], solo: true, lookFor: '', offers: [], asks: [],
    status: 'looking' as const, matchId: null, lookingSince: 0, joinedAt: 0, online: 0, seenAt: 0,
  });
  const match = (id: string, memberIds: string[]) => ({
    id, eventId: 'e', memberIds, status: 'matched' as const, createdAt: 1, metAt: null, endedAt: null, endReason: null,
    sharedTopics: ['x'], icebreaker: 'Hi', spot: null, beacon: { color: '#000000', colorName: 'black', emoji: '🦊' },
    reasons: Object.fromEntries(memberIds.map((m) => [m, ['r']])), waits: Object.fromEntries(memberIds.map((m) => [m, 0])), open: false,
  });

  test('is the snapshot, and forgets an ended match it had already serialised', async () => {
    const store = new MemoryStore();
    await store.createEvent({ ...base, id: 'e', code: 'CCCCCC' }, 'h');
    for (const [id, name] of [['ann', 'Annabel'], ['bob', 'Bob'], ['cat', 'Cat'], ['dan', 'Dan']]) await store.createAttendee(person(id!, name!), `t-${id}`);
    await store.claimMatch(match('m1', ['ann', 'bob']));
    await store.claimMatch(match('m2', ['cat', 'dan']));
    await store.endMatch('e', 'm1', 'done', 5, {});
    expect(JSON.parse(store.toSnapshotJson())).toEqual(JSON.parse(JSON.stringify(store.toSnapshot())));
    expect(store.toSnapshotJson()).toContain('"ann"');
    expect(await store.deleteAttendee('e', 'ann')).not.toBeNull();
    const same = () => expect(JSON.parse(store.toSnapshotJson())).toEqual(JSON.parse(JSON.stringify(store.toSnapshot())));
    // Every kind of change reaches the next snapshot, though the one before had cached the records.
    await store.transitionAttendee('e', 'bob', ['idle'], { name: 'Robert' });
    same();
    await store.addOnline('e', 'bob', 1, 7);
    same();
    await store.touchOnline('e', ['bob'], 8);
    same();
    await store.transitionAttendee('e', 'bob', ['idle'], { status: 'looking', lookingSince: 9 });
    await store.joinMatch('e', 'm2', 'bob', 4, ['r'], 3);
    same();
    await store.updateMatch('e', 'm2', ['matched'], { status: 'chatting', metAt: 10 });
    same();
    await store.removeFromMatch('e', 'm2', 'bob', { status: 'idle', lookingSince: null });
    same();
    await store.endMatch('e', 'm2', 'done', 11, {});
    same();
    const after = store.toSnapshotJson();
    expect(after).not.toContain('"ann"');
    expect(after).not.toContain('Annabel');
    expect(JSON.parse(after)).toEqual(JSON.parse(JSON.stringify(store.toSnapshot())));
  });
});

describe('memory store snapshot from before former members were kept with whom they were with', () => {
  test('a plain list of former members reads as with nobody', () => {
    const store = MemoryStore.fromSnapshot({
      version: 2,
      tokens: [],
      events: [
        {
          event: { id: 'e', code: 'EEEEEE', name: 'E', topics: [], spots: [], status: 'open', endsAt: null, createdAt: 0, announcement: null, pausedAt: null },
          attendees: [],
          matches: [
            {
              id: 'm', eventId: 'e', memberIds: ['ann', 'bob'], formerMemberIds: ['cat'], status: 'chatting', createdAt: 1, metAt: 2,
              endedAt: null, endReason: null, sharedTopics: [], icebreaker: 'Hi', spot: null,
              beacon: { color: '#000000', colorName: 'black', emoji: '🦊' }, reasons: {}, waits: {}, open: false,
            } as MatchRecord,
          ],
          met: [], blocked: [], cooldowns: [], contacts: [], feedback: [], reports: [],
        },
      ],
    });
    expect(store.toSnapshot().events[0]!.matches).toEqual([expect.objectContaining({ formerMembers: [{ id: 'cat', with: [] }] })]);
    expect(store.toSnapshotJson()).not.toContain('formerMemberIds');
  });
});

describe('memory store snapshot chunks', () => {
  test('join up to the same JSON at any chunk size, odd ids escaped', async () => {
    const store = new MemoryStore();
    await store.createEvent({ name: 'E', topics: [], spots: [], status: 'open', createdAt: 0, announcement: null, pausedAt: null, endsAt: null, id: 'e', code: 'DDDDDD' }, 'h');
    const odd = 'we"ird\\id';
    for (const id of [odd, 'bob']) {
      await store.createAttendee(
        { id, eventId: 'e', name: `N ${id}`, interests: [], solo: true, lookFor: '', offers: [], asks: [], status: 'looking', matchId: null, lookingSince: 0, joinedAt: 0, online: 0, seenAt: 0 },
        `t-${id}`,
      );
    }
    const beacon = { color: '#000000', colorName: 'black', emoji: '🦊' };
    await store.claimMatch({ id: 'm', eventId: 'e', memberIds: [odd, 'bob'], status: 'matched', createdAt: 1, metAt: null, endedAt: null, endReason: null, sharedTopics: [], icebreaker: 'Hi', spot: null, beacon, reasons: {}, waits: {}, open: false });
    const parts = store.toSnapshotParts();
    const whole = [...chunksOf(parts, 1 << 20)];
    expect(whole).toHaveLength(1);
    expect([...chunksOf(parts, 7)].join('')).toBe(whole[0]);
    expect(JSON.parse(whole[0]!)).toEqual(JSON.parse(JSON.stringify(store.toSnapshot())));
    expect((JSON.parse(whole[0]!) as MemorySnapshot).events[0]!.met).toEqual([pairKey(odd, 'bob')]);
  });
});

describe('memory store retention', () => {
  test('sweep deletes events past their end plus retention, and nothing else', async () => {
    const store = new MemoryStore({ retentionMs: 1000, defaultEventMs: 10_000 });
    const base = { name: 'E', topics: [], spots: [], status: 'open' as const, createdAt: 0, announcement: null, pausedAt: null };
    await store.createEvent({ ...base, id: 'ended', code: 'AAAAAA', endsAt: 5_000 }, 'h1');
    await store.createEvent({ ...base, id: 'open-ended', code: 'BBBBBB', endsAt: null }, 'h2');
    await store.createAttendee(
      { id: 'a', eventId: 'ended', name: 'Ann', interests: [], solo: true, lookFor: '', offers: [], asks: [], status: 'idle', matchId: null, lookingSince: null, joinedAt: 0, online: 0, seenAt: 0 },
      'ha',
    );
    expect(await store.sweep(5_999)).toBe(0);
    expect(await store.sweep(6_000)).toBe(1);
    expect(await store.getEvent('ended')).toBeNull();
    expect(await store.getEventByCode('AAAAAA')).toBeNull();
    expect(await store.resolveToken('h1')).toBeNull();
    expect(await store.resolveToken('ha')).toBeNull();
    expect(JSON.stringify(store.toSnapshot())).not.toContain('Ann');
    expect(await store.getEvent('open-ended')).not.toBeNull();
    expect(await store.sweep(11_000)).toBe(1);
    expect(store.toSnapshot().events).toEqual([]);
  });

  test('an event ended early goes at its actual end plus retention, not its planned end', async () => {
    const store = new MemoryStore({ retentionMs: 1000, defaultEventMs: 10_000 });
    const base = { name: 'E', topics: [], spots: [], status: 'open' as const, createdAt: 0, announcement: null, pausedAt: null };
    await store.createEvent({ ...base, id: 'planned', code: 'AAAAAA', endsAt: 50_000 }, 'h1');
    await store.createEvent({ ...base, id: 'unplanned', code: 'BBBBBB', endsAt: null }, 'h2');
    await store.setEventStatus('planned', 'ended', 2_000);
    await store.setEventStatus('unplanned', 'ended', 3_000);
    // What the organiser is told is when it happens.
    expect(store.deletesAt((await store.getEvent('planned'))!)).toBe(3_000);
    expect(store.deletesAt((await store.getEvent('unplanned'))!)).toBe(4_000);
    expect(await store.sweep(2_999)).toBe(0);
    expect(await store.sweep(3_000)).toBe(1);
    expect(await store.getEvent('planned')).toBeNull();
    expect(await store.resolveToken('h1')).toBeNull();
    expect(await store.sweep(4_000)).toBe(1);
    expect(store.toSnapshot().events).toEqual([]);
  });

  test('a removal is remembered through a snapshot, and goes with its event', async () => {
    const store = new MemoryStore({ retentionMs: 1000, defaultEventMs: 10_000 });
    const base = { name: 'E', topics: [], spots: [], status: 'open' as const, createdAt: 0, announcement: null, pausedAt: null };
    await store.createEvent({ ...base, id: 'e1', code: 'AAAAAA', endsAt: 5_000 }, 'h1');
    await store.createEvent({ ...base, id: 'e2', code: 'BBBBBB', endsAt: 50_000 }, 'h2');
    const person = { name: 'Rex', interests: [], solo: true, lookFor: '', offers: [], asks: [], status: 'idle' as const, matchId: null, lookingSince: null, joinedAt: 0, online: 0, seenAt: 0 };
    await store.createAttendee({ ...person, id: 'r1', eventId: 'e1' }, 'tok1');
    await store.createAttendee({ ...person, id: 'r2', eventId: 'e2' }, 'tok2');
    for (const [e, a] of [['e1', 'r1'], ['e2', 'r2']] as const) {
      await store.markRemoved(e, a);
      await store.deleteAttendee(e, a);
    }
    expect(JSON.parse(store.toSnapshotJson())).toEqual(JSON.parse(JSON.stringify(store.toSnapshot())));
    const restored = MemoryStore.fromSnapshot(JSON.parse(store.toSnapshotJson()) as MemorySnapshot, { retentionMs: 1000, defaultEventMs: 10_000 });
    expect(await restored.removedFrom('tok1')).toBe('e1');
    expect(await restored.wasRemoved('e1', 'r1')).toBe(true);
    expect(await restored.sweep(6_000)).toBe(1);
    expect(await restored.removedFrom('tok1')).toBeNull();
    expect(await restored.wasRemoved('e1', 'r1')).toBe(false);
    expect(await restored.removedFrom('tok2')).toBe('e2');
    expect(await restored.wasRemoved('e2', 'r2')).toBe(true);
    expect(restored.toSnapshot().removed).toEqual([['tok2', 'e2']]);
    // The person only as a hash of their id: the snapshot names no one removed.
    expect(restored.toSnapshotJson()).not.toContain('"r2"');
  });
});

describe('memory store: the index of each attendee\'s tokens', () => {
  const options = { retentionMs: 1000, defaultEventMs: 10_000 };
  const event = { id: 'e', code: 'AAAAAA', name: 'E', topics: [], spots: [], status: 'open' as const, createdAt: 0, announcement: null, pausedAt: null, endsAt: 5_000 };
  const rex = {
    id: 'rex', eventId: 'e', name: 'Rex', interests: [], solo: true, lookFor: '', offers: [], asks: [],
    status: 'idle' as const, matchId: null, lookingSince: null, joinedAt: 0, online: 0, seenAt: 0,
  };

  test('is rebuilt from a snapshot: a removal marks, and a forget revokes, the token of someone read back', async () => {
    const store = new MemoryStore(options);
    await store.createEvent(event, 'org');
    await store.createAttendee(rex, 'tok-rex');
    await store.createAttendee({ ...rex, id: 'sam', name: 'Sam' }, 'tok-sam');
    const restored = () => MemoryStore.fromSnapshot(JSON.parse(store.toSnapshotJson()) as MemorySnapshot, options);

    const once = restored();
    expect(await once.markRemoved('e', 'rex')).toBe(true);
    expect(await once.removedFrom('tok-rex')).toBe('e');
    expect(await once.removedFrom('tok-sam')).toBeNull();
    await once.unmarkRemoved('e', 'rex');
    expect(await once.removedFrom('tok-rex')).toBeNull();

    const again = restored();
    expect(await again.deleteAttendee('e', 'sam')).not.toBeNull();
    expect(await again.resolveToken('tok-sam')).toBeNull();
    expect(await again.resolveToken('tok-rex')).toMatchObject({ attendeeId: 'rex' });
  });

  test('forgets a deleted event\'s tokens and removal marks: the same ids again mark only the new ones', async () => {
    const store = new MemoryStore(options);
    await store.createEvent(event, 'org');
    await store.createAttendee(rex, 'tok-before');
    await store.createAttendee({ ...rex, id: 'sam', name: 'Sam' }, 'tok-sam');
    for (const id of ['rex', 'sam']) expect(await store.markRemoved('e', id)).toBe(true);
    expect(await store.sweep(6_000)).toBe(1);
    for (const hash of ['tok-before', 'tok-sam']) expect(await store.removedFrom(hash)).toBeNull();
    await store.createEvent({ ...event, endsAt: 50_000 }, 'org-again');
    await store.createAttendee(rex, 'tok-after');
    expect(await store.markRemoved('e', 'rex')).toBe(true);
    expect(store.toSnapshot().removed).toEqual([['tok-after', 'e']]);
    expect(store.toSnapshot().tokens.map(([hash]) => hash)).toEqual(['org-again', 'tok-after']);
  });

  test('a hash granted again belongs to its new holder only', async () => {
    const store = new MemoryStore(options);
    await store.createEvent(event, 'org');
    await store.createAttendee(rex, 'tok-shared');
    await store.createAttendee({ ...rex, id: 'sam', name: 'Sam' }, 'tok-shared');
    await store.markRemoved('e', 'rex');
    expect(await store.removedFrom('tok-shared')).toBeNull();
    expect(await store.deleteAttendee('e', 'rex')).not.toBeNull();
    expect(await store.resolveToken('tok-shared')).toMatchObject({ attendeeId: 'sam' });
  });
});
