import { MemoryStore } from '../../server/store/memory';
import { storeContract } from './contract';

storeContract('memory', async () => new MemoryStore(), undefined, async (store, needles) => {
  const raw = JSON.stringify((store as MemoryStore).toSnapshot());
  return needles.filter((n) => raw.includes(n));
});

describe('memory store retention', () => {
  test('sweep deletes events past their end plus retention, and nothing else', async () => {
    const store = new MemoryStore({ retentionMs: 1000, defaultEventMs: 10_000 });
    const base = { name: 'E', topics: [], spots: [], status: 'open' as const, createdAt: 0, announcement: null };
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
});
