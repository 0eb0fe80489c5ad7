import type { EventRecord } from '../../server/store/records';
import type { Store } from '../../server/store/store';
import { sampleAttendee as attendee, sampleEvent as event, sampleMatch as match, uid } from './samples';

const HOUR = 3_600_000;

/**
 * When each piece of the store's raw data is set to go: for Redis, every key under the store's
 * prefix with its PEXPIRETIME (the busy index and matcher leases aside, which are not the event's).
 * A store that keeps no such times (memory: it sweeps by `deletesAt`) has none.
 */
export type Expiries = (s: Store) => Promise<Array<{ key: string; expiresAt: number }>>;

/**
 * How a store lets an event's data go: `sweeps` when its `sweep(now)` deletes what is due
 * (memory), or by key expiries that `expiries` shows (Redis), when its sweep finds nothing to do;
 * `lapse(s, at)` then does what the clock reaching `at` would: drops every key due by then.
 */
export type Expiry = { sweeps: true } | { sweeps: false; expiries: Expiries; lapse: (s: Store, at: number) => Promise<void> };

/** Lets the time `at` come for the store's data: its sweep, or its keys' expiry. */
export async function lapse(store: Store, expiry: Expiry, at: number): Promise<void> {
  if (expiry.sweeps) await store.sweep(at);
  else await expiry.lapse(store, at);
}

/**
 * Part of the Store contract (contract.ts calls it inside its suite): the organiser moves or
 * clears the planned end (`endsAt`) with `updateEvent`, and everything about the event then goes
 * at the new `deletesAt`: on Redis every key of it, tokens and join code included.
 */
export function endsAtContract(store: () => Store, expiry: Expiry) {
  const expiries = expiry.sweeps ? undefined : expiry.expiries;
  /** An evening with a bit of everything written: a match, contacts, a block, a report, a removal. */
  async function evening() {
    const ev = event({ endsAt: Date.now() + 2 * HOUR });
    await store().createEvent(ev, uid('orghash'));
    const people = ['a', 'b', 'c', 'd'].map(() => attendee(ev.id, { status: 'looking', lookingSince: 5 }));
    for (const p of people) await store().createAttendee(p, uid('tok'));
    const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
    const m = match(ev.id, [a, b]);
    await store().claimMatch(m);
    await store().shareContact(ev.id, m.id, a, { email: 'a@example.com' });
    await store().setFeedback(ev.id, m.id, b, true);
    await store().addBlock(ev.id, a, c);
    await store().addCooldown(ev.id, c, d, Date.now() + 60_000);
    await store().addReport({ id: uid('r'), eventId: ev.id, reporterId: b, reportedId: a, reason: 'spam', text: null, at: 3 });
    await store().markRemoved(ev.id, d);
    await store().deleteAttendee(ev.id, d);
    return { ev, a, b, c };
  }

  /** Every key of the store goes at `at` (nothing for a store without expiries). */
  async function expectAllExpireAt(at: number) {
    const found = (await expiries?.(store())) ?? [];
    expect(found.filter((k) => k.expiresAt !== at)).toEqual([]);
    return found.length;
  }

  test('updateEvent moves the planned end later and sooner, and clears it; deletesAt and every key follow', async () => {
    const { ev } = await evening();
    const keys = await expectAllExpireAt(store().deletesAt(ev));

    for (const endsAt of [Date.now() + 9 * HOUR, Date.now() + HOUR, null]) {
      const updated = await store().updateEvent(ev.id, { endsAt });
      expect(updated).toEqual({ ...ev, endsAt });
      expect(await store().getEvent(ev.id)).toEqual({ ...ev, endsAt });
      const deletesAt = store().deletesAt(updated as EventRecord);
      // Cleared, the store's default lifetime from creation applies, as for an event made without one.
      if (endsAt === null) expect(deletesAt).toBe(store().deletesAt({ endsAt: null, createdAt: ev.createdAt }));
      // Re-expired, none lost.
      expect(await expectAllExpireAt(deletesAt)).toBe(keys);
    }
  });

  test('keys written after a move take the new expiry; the end brings it forward from there', async () => {
    const { ev, b, c } = await evening();
    const later = Date.now() + 5 * HOUR;
    await store().updateEvent(ev.id, { endsAt: later });
    await store().addBlock(ev.id, b, c);
    await store().createAttendee(attendee(ev.id), uid('tok'));
    await expectAllExpireAt(store().deletesAt({ ...ev, endsAt: later }));
    const endedAt = Date.now();
    const { event: ended } = (await store().setEventStatus(ev.id, 'ended', endedAt))!;
    expect(ended.endsAt).toBe(endedAt);
    await expectAllExpireAt(store().deletesAt(ended));
  });

  test("an ended event's planned end answers ended and stays as the end left it, keys included", async () => {
    const { ev } = await evening();
    const { event: ended } = (await store().setEventStatus(ev.id, 'ended', Date.now()))!;
    for (const endsAt of [Date.now() + 5 * HOUR, null]) {
      expect(await store().updateEvent(ev.id, { endsAt })).toBe('ended');
      expect(await store().getEvent(ev.id)).toEqual(ended);
      await expectAllExpireAt(store().deletesAt(ended));
    }
  });

  test('a patch without endsAt leaves the planned end and the expiries alone', async () => {
    const { ev } = await evening();
    expect(await store().updateEvent(ev.id, { name: 'Renamed', announcement: { message: 'Hi', at: 5 } })).toEqual({
      ...ev,
      name: 'Renamed',
      announcement: { message: 'Hi', at: 5 },
    });
    await expectAllExpireAt(store().deletesAt(ev));
    expect(await store().updateEvent('nope', { endsAt: null })).toBeNull();
  });

  test('the sweep goes by the moved planned end', async () => {
    const { ev } = await evening();
    const later = Date.now() + 5 * HOUR;
    await store().updateEvent(ev.id, { endsAt: later });
    const at = store().deletesAt({ ...ev, endsAt: later });
    expect(await store().sweep(store().deletesAt(ev))).toBe(0);
    expect(await store().sweep(at - 1)).toBe(0);
    expect(await store().getEvent(ev.id)).not.toBeNull();
    const swept = await store().sweep(at);
    if (expiry.sweeps) {
      expect(swept).toBeGreaterThan(0);
      expect(await store().getEvent(ev.id)).toBeNull();
    } else {
      // Its keys expire by themselves (at `at`, checked above), so its sweep finds nothing to do.
      expect(swept).toBe(0);
      expect(await store().getEvent(ev.id)).toEqual({ ...ev, endsAt: later });
    }
  });
}
