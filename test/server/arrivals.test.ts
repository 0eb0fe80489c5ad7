import { ArrivalClock, unconfirmedEndsAt } from '../../server/services/arrivals';
import { MatchReminders } from '../../server/services/reminders';
import type { MatchRecord } from '../../server/store/records';

const TIMEOUT = 30_000;
const T0 = 1_800_000_000_000;

/** A circle that met long ago, with Rhea on her way to it. */
const circle = (sentAt?: Record<string, number>): Pick<MatchRecord, 'id' | 'status' | 'arriving' | 'sentAt' | 'memberIds' | 'createdAt'> => ({
  id: 'm1',
  status: 'chatting',
  memberIds: ['pia', 'quentin', 'rhea'],
  arriving: ['rhea'],
  createdAt: T0 - 20 * 60_000,
  ...(sentAt ? { sentAt } : {}),
});

describe('when an arrival at a circle runs out', () => {
  test('MATCH_TIMEOUT_MS after they were sent', () => {
    const clock = new ArrivalClock(TIMEOUT);
    const m = circle({ rhea: T0 });
    expect(clock.endsAt(m, 'rhea', T0 + 5_000)).toBe(T0 + TIMEOUT);
    expect(clock.overdue(m, T0 + TIMEOUT - 1)).toEqual([]);
    expect(clock.overdue(m, T0 + TIMEOUT)).toEqual(['rhea']);
  });

  test('sent by a server that kept no send time: a full timeout from when this one first saw them, reminded first', () => {
    const clock = new ArrivalClock(TIMEOUT);
    const sent: Array<[string, unknown]> = [];
    const reminders = new MatchReminders(TIMEOUT, { toAttendee: (id: string, _e: string, payload: unknown) => void sent.push([id, payload]) } as never, clock);
    const m = circle(); // met 20 minutes ago; when Rhea was sent, nobody knows
    expect(clock.overdue(m, T0)).toEqual([]); // not timed out on sight, as counting from the meeting would
    expect(clock.endsAt(m, 'rhea', T0 + 15_000)).toBe(T0 + TIMEOUT); // and the first sighting holds
    reminders.check(m as MatchRecord, T0 + 20_000);
    expect(sent).toEqual([['rhea', { matchId: 'm1', endsInMs: 10_000 }]]);
    expect(clock.overdue(m, T0 + TIMEOUT)).toEqual(['rhea']);
    // Forgotten once long past, as the reminders are.
    clock.prune(T0 + 3 * TIMEOUT);
    expect(clock.endsAt(m, 'rhea', T0 + 3 * TIMEOUT)).toBe(T0 + 4 * TIMEOUT);
  });
});

describe('when a match nobody has confirmed runs out', () => {
  const pair = { createdAt: T0, memberIds: ['ann', 'bob'] };
  test('MATCH_TIMEOUT_MS after it formed', () => {
    expect(unconfirmedEndsAt(pair, TIMEOUT)).toBe(T0 + TIMEOUT);
  });
  test('or after the latest third was sent to it, if later; still so once that third has given up', () => {
    expect(unconfirmedEndsAt({ ...pair, sentAt: { cat: T0 + 9_000 } }, TIMEOUT)).toBe(T0 + 9_000 + TIMEOUT);
    // Cat left (no longer a member): the pair's reminder was put off for her, so the end stays put.
    expect(unconfirmedEndsAt({ ...pair, sentAt: { cat: T0 + 9_000, dee: T0 + 4_000 } }, TIMEOUT)).toBe(T0 + 9_000 + TIMEOUT);
  });
});
