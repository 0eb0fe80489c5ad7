import { computeStats } from '../../server/services/stats';
import { StatsCadence } from '../../server/realtime/organiser';
import type { AttendeeRecord, EventRecord } from '../../server/store/records';

const NOW = 1_800_000_000_000;
const event: EventRecord = { id: 'ev', code: 'ABCDEF', name: 'Night', topics: [], spots: [], status: 'open', endsAt: null, createdAt: NOW - 3_600_000, announcement: null };

function attendee(id: string, o: Partial<AttendeeRecord>): AttendeeRecord {
  return { id, eventId: 'ev', name: id, interests: [], solo: true, lookFor: '', offers: [], asks: [], status: 'idle', matchId: null, lookingSince: null, joinedAt: NOW - 600_000, online: 1, seenAt: NOW, ...o };
}

describe('computeStats', () => {
  test('longestWaiting skips people who are looking with no phone here, longest first, five at most', () => {
    const looking = (id: string, waitedMs: number, online = true) =>
      attendee(id, { status: 'looking', lookingSince: NOW - waitedMs, online: online ? 1 : 0 });
    const attendees = [
      looking('asleep', 900_000, false),
      looking('a', 60_000),
      looking('b', 50_000),
      looking('gone', 800_000, false),
      looking('c', 40_000),
      looking('d', 30_000),
      looking('e', 20_000),
      looking('f', 10_000),
      attendee('idle', {}),
    ];
    const stats = computeStats({ event, attendees, matches: [], now: NOW, isOnline: (a) => a.online > 0, feedback: { good: 0, bad: 0 }, reports: [] });
    expect(stats.longestWaiting.map((w) => [w.id, w.waitingMs])).toEqual([
      ['a', 60_000],
      ['b', 50_000],
      ['c', 40_000],
      ['d', 30_000],
      ['e', 20_000],
    ]);
    // The queue itself still counts everyone in it: they keep their place for when they are back.
    expect(stats.looking).toBe(8);
    expect(stats.online).toBe(7);
  });
});

describe('StatsCadence', () => {
  test('a cheap event is due every interval; a costly one waits ten times what it took', () => {
    const cadence = new StatsCadence(1000);
    expect(cadence.isDue('small', 0)).toBe(true);
    cadence.ran('small', 0, 40);
    // The next push interval, give or take a timer's slack.
    expect(cadence.isDue('small', 980)).toBe(true);
    expect(cadence.isDue('small', 400)).toBe(false);

    cadence.ran('big', 0, 300);
    expect(cadence.isDue('big', 1000)).toBe(false);
    expect(cadence.isDue('big', 2999)).toBe(false);
    expect(cadence.isDue('big', 3000)).toBe(true);
    // Cheaper again: back to every interval.
    cadence.ran('big', 3000, 3050);
    expect(cadence.isDue('big', 4000)).toBe(true);
  });

  test('an event no dashboard watches any more starts afresh', () => {
    const cadence = new StatsCadence(1000);
    cadence.ran('gone', 0, 900);
    cadence.ran('kept', 0, 900);
    cadence.keepOnly(new Set(['kept']));
    expect(cadence.isDue('gone', 1)).toBe(true);
    expect(cadence.isDue('kept', 1)).toBe(false);
  });
});
