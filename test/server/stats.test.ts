import { computeStats } from '../../server/services/stats';
import { Server } from 'socket.io';
import { createLogger } from '../../server/logger';
import type { OrganiserNamespace } from '../../server/realtime/organiser';
import { StatsCadence, StatsPusher } from '../../server/realtime/stats-pusher';
import type { OrganiserService } from '../../server/services/organiser';
import type { AttendeeRecord, EventRecord } from '../../server/store/records';

const NOW = 1_800_000_000_000;
const event: EventRecord = { id: 'ev', code: 'ABCDEF', name: 'Night', topics: [], spots: [], status: 'open', endsAt: null, createdAt: NOW - 3_600_000, announcement: null, pausedAt: null };

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
    const stats = computeStats({ event, attendees, matches: [], now: NOW, isOnline: (a) => a.online > 0, feedback: { good: 0, bad: 0 }, reports: [], removed: 0, deletesAt: NOW });
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
    expect(stats.waitsPaused).toBe(false);
  });

  test('while matching is paused the waits stand as of the pause: nobody can be matched, so none grows', () => {
    const paused = { ...event, status: 'paused' as const, pausedAt: NOW - 300_000 };
    const attendees = [
      attendee('before', { status: 'looking', lookingSince: NOW - 360_000 }),
      attendee('during', { status: 'looking', lookingSince: NOW - 100_000 }),
    ];
    const stats = computeStats({ event: paused, attendees, matches: [], now: NOW, isOnline: () => true, feedback: { good: 0, bad: 0 }, reports: [], removed: 0, deletesAt: NOW });
    expect(stats.waitsPaused).toBe(true);
    expect(stats.longestWaiting.map((w) => [w.id, w.waitingMs])).toEqual([
      ['before', 60_000],
      ['during', 0],
    ]);
  });
});

describe('computeStats: people on their way to a circle', () => {
  test('someone sent over to a circle that met counts as finding each other until they arrive', () => {
    const chatting = (id: string) => attendee(id, { status: 'chatting', matchId: 'm1' });
    const attendees = [chatting('a'), chatting('b'), chatting('c'), chatting('d')];
    const circle = { memberIds: ['a', 'b', 'c'], createdAt: NOW - 60_000, metAt: NOW - 50_000, endReason: null, waits: {}, arriving: ['c'] };
    // An ended match keeps who was still on the way: that says nothing of where they are now.
    const earlier = { memberIds: ['d', 'x'], createdAt: NOW - 600_000, metAt: NOW - 590_000, endReason: 'done' as const, waits: {}, arriving: ['d'] };
    const base = { event, attendees, now: NOW, isOnline: () => true, feedback: { good: 0, bad: 0 }, reports: [], removed: 0, deletesAt: NOW };
    expect(computeStats({ ...base, matches: [circle, earlier] })).toMatchObject({ matched: 1, chatting: 3 });
    expect(computeStats({ ...base, matches: [{ ...circle, arriving: undefined }, earlier] })).toMatchObject({ matched: 0, chatting: 4 });
  });
});

describe('computeStats after the event', () => {
  const base = { attendees: [], now: NOW, isOnline: () => true, feedback: { good: 0, bad: 0 }, removed: 2, deletesAt: NOW + 86_400_000 };
  const matchAt = (createdAt: number) => ({ memberIds: ['a', 'b'], createdAt, metAt: null, endReason: null, waits: {} });

  test("an ended event's chart stops at its end, so its last half hour stays on show", () => {
    const endedAt = NOW - 16 * 60_000;
    const ended = { ...event, status: 'ended' as const, endsAt: endedAt };
    const matches = [matchAt(endedAt - 5 * 60_000), matchAt(endedAt - 60_000)];
    const stats = computeStats({ ...base, event: ended, matches, reports: [] });
    expect(stats.perMinute.at(-1)!.minute).toBe(new Date(Math.floor(endedAt / 60_000) * 60_000).toISOString());
    expect(stats.perMinute.reduce((n, m) => n + m.matches, 0)).toBe(2);
    // While it runs, the chart runs on to now.
    const open = computeStats({ ...base, event, matches, reports: [] });
    expect(open.perMinute.at(-1)!.minute).toBe(new Date(Math.floor(NOW / 60_000) * 60_000).toISOString());
  });

  test('counts every report, lists the newest 50, counts who was removed, and says when the event is deleted', () => {
    const reports = Array.from({ length: 60 }, (_, i) => ({ id: `r${i}`, eventId: 'ev', reporterId: 'x', reportedId: 'a', reason: 'other' as const, text: null, at: NOW - i }));
    const gone = { ...reports[0]!, id: 'about-someone-removed', reportedId: 'removed' };
    const stats = computeStats({ ...base, event, attendees: [attendee('a', {})], matches: [], reports: [...reports, gone] });
    expect(stats.reports).toHaveLength(50);
    expect(stats.reportsTotal).toBe(60);
    expect(stats.removedTotal).toBe(2);
    expect(stats.deletesAt).toBe(new Date(NOW + 86_400_000).toISOString());
  });
});

describe('StatsCadence', () => {
  test('a cheap event is due every push; a costly one waits ten times what it took, 30 s at most', () => {
    const cadence = new StatsCadence(1000);
    expect(cadence.isDue('small', 0)).toBe(true);
    cadence.ran('small', 0, 40);
    expect(cadence.isDue('small', 400)).toBe(false);
    expect(cadence.isDue('small', 1000)).toBe(true);

    cadence.ran('big', 0, 300);
    expect(cadence.isDue('big', 2999)).toBe(false);
    expect(cadence.isDue('big', 3000)).toBe(true);
    // Cheaper again: back to every push.
    cadence.ran('big', 3000, 50);
    expect(cadence.isDue('big', 4000)).toBe(true);
    // However long it took, it comes back within 30 s.
    cadence.ran('huge', 0, 9000);
    expect(cadence.isDue('huge', 29_999)).toBe(false);
    expect(cadence.isDue('huge', 30_000)).toBe(true);
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

describe('StatsPusher', () => {
  // A real Socket.IO namespace whose rooms say which events dashboards watch (no dashboards
  // connected, so pushes go nowhere), and an organiser service whose figures take as long as
  // `cost` says on the pusher's clock.
  let clock = 0;
  let paused = false;
  const cost = new Map<string, number>();
  const failing = new Set<string>();
  const computed: string[] = [];
  const figures = computeStats({ event, attendees: [], matches: [], now: NOW, isOnline: () => true, feedback: { good: 0, bad: 0 }, reports: [], removed: 0, deletesAt: NOW });
  const organisers = {
    stats: async (eventId: string) => {
      computed.push(eventId);
      clock += cost.get(eventId) ?? 5;
      if (failing.has(eventId)) throw new Error('store unavailable');
      const waiter = { id: 'ann', name: 'Ann', lookFor: 'Red scarf', waitingMs: 40_000 };
      return { ...figures, eventId, at: new Date(NOW + clock).toISOString(), longestWaiting: [waiter], waitsPaused: paused };
    },
  } as unknown as OrganiserService;
  let io: Server;
  let pusher: StatsPusher;
  const logger = createLogger({ logLevel: 'silent' });

  beforeEach(() => {
    clock = 0;
    paused = false;
    cost.clear();
    failing.clear();
    computed.length = 0;
    io = new Server(); // never attached to an HTTP server: nothing to close
    const nsp = io.of('/organiser') as unknown as OrganiserNamespace;
    nsp.adapter.addAll('dash-big', new Set(['o:big']));
    nsp.adapter.addAll('dash-small', new Set(['o:small']));
    pusher = new StatsPusher(nsp, { organisers, logger, statsIntervalMs: 1000, clock: () => clock });
  });

  /** One push every 1000 ms on the pusher's clock, as its timer would. */
  async function pushesAt(...times: number[]) {
    for (const t of times) {
      clock = t;
      await pusher.tick();
    }
  }

  test('a costly event is worked out less often; one listed after it still gets every push', async () => {
    cost.set('big', 600);
    await pushesAt(0, 1000, 2000, 3000, 4000, 5000, 6000);
    expect(computed.filter((e) => e === 'small')).toHaveLength(7);
    // 600 ms of work: due again 6 s after the push it was part of.
    expect(computed.filter((e) => e === 'big')).toHaveLength(2);
  });

  test('a failed computation is tried again at the next push, not after ten times its wait', async () => {
    cost.set('big', 1500);
    failing.add('big');
    await pushesAt(0, 1000);
    expect(computed.filter((e) => e === 'big')).toHaveLength(2);
  });

  test('a dashboard connecting between costly computations gets the latest figures without a new one', async () => {
    cost.set('big', 600);
    await pushesAt(0);
    const sent: unknown[] = [];
    const socket = { emit: (_event: string, stats: unknown) => sent.push(stats) } as unknown as Parameters<StatsPusher['pushNow']>[0];
    clock = 2000;
    await pusher.pushNow(socket, 'big');
    expect(computed.filter((e) => e === 'big')).toHaveLength(1);
    // Worked out at 600: Ann's wait is brought up to now, for the dashboard's clock to run on from.
    expect(sent).toEqual([
      expect.objectContaining({ eventId: 'big', at: new Date(NOW + 600).toISOString(), longestWaiting: [expect.objectContaining({ id: 'ann', waitingMs: 41_400 })] }),
    ]);
    // Once due, a connecting dashboard gets fresh ones.
    clock = 6000;
    await pusher.pushNow(socket, 'big');
    expect(computed.filter((e) => e === 'big')).toHaveLength(2);

    // While matching is paused no wait grows: the kept figures go out as they are.
    paused = true;
    clock = 12_000;
    await pushesAt(12_000);
    sent.length = 0;
    clock = 14_000;
    await pusher.pushNow(socket, 'big');
    expect(sent).toEqual([expect.objectContaining({ waitsPaused: true, longestWaiting: [expect.objectContaining({ waitingMs: 40_000 })] })]);
  });
});
