import type { Beacon } from '../../shared/schemas';
import { pickBeacon, pickSpot } from '../matching/beacons';
import { pickIcebreaker } from '../matching/icebreakers';
import { planMatches } from '../matching/matcher';
import { seedFrom, seededRandom } from '../matching/rng';
import { defaultMatchOptions, type ActiveGroup, type Join, type MatchOptions, type NewGroup } from '../matching/types';
import { estimateWaitMs } from '../matching/wait';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { AttendeeRecord, EventRecord, MatchRecord } from '../store/records';
import type { Store } from '../store/store';
import type { AttendeeService } from './attendees';
import { newId } from './ids';
import type { MatchService } from './matches';
import type { Notifier } from './notifier';
import { matchView } from './views';
import type { WaitingBoard } from './waiting';

export interface MatchTickerOptions {
  store: Store;
  notifier: Notifier;
  attendees: AttendeeService;
  matches: MatchService;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  matchTimeoutMs: number;
  /** This instance's name, for the per-event matcher lease. */
  instanceId: string;
  /**
   * A connection counts only if an instance vouched for it this recently.
   * @default 30000
   */
  presenceWindowMs?: number;
  /** Counts matches and time to match. */
  metrics?: Metrics;
  /** Where the latest wait hints are kept for phones that start looking. */
  waiting: WaitingBoard;
  /** Overrides for the matcher's options. */
  matching?: Partial<Omit<MatchOptions, 'now' | 'seed'>>;
}

/**
 * Runs matching: every interval, for each event with someone looking, it takes the event's
 * lease (so one instance ticks an event at a time), ends matches that timed out, asks the pure
 * matcher for a plan, and claims each match atomically in the store. A claim that loses a race
 * (someone cancelled, another instance got there first) is skipped.
 */
export class MatchTicker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly leaseMs: number;
  private readonly options: Omit<MatchOptions, 'now' | 'seed'>;

  constructor(private readonly o: MatchTickerOptions) {
    // Long enough to survive a slow tick; short enough that a survivor takes over within 5 s.
    this.leaseMs = Math.max(3_000, 2 * o.intervalMs);
    this.options = { ...defaultMatchOptions, ...o.matching };
  }

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.running = this.tick()
        .catch((err: unknown) => this.o.logger.warn({ err }, 'matching tick failed'))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(loop, this.o.intervalMs);
        });
    };
    this.timer = setTimeout(loop, this.o.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every busy event. Exposed so tests can drive matching step by step. */
  async tick(): Promise<void> {
    for (const eventId of await this.o.store.listBusyEvents()) {
      if (!(await this.o.store.acquireLease(eventId, this.o.instanceId, this.leaseMs))) continue;
      try {
        await this.tickEvent(eventId);
      } catch (err) {
        this.o.logger.warn({ err, eventId }, 'event tick failed');
      }
    }
  }

  async tickEvent(eventId: string): Promise<void> {
    const event = await this.o.store.getEvent(eventId);
    if (!event) return;
    const now = this.o.now();
    const active: MatchRecord[] = [];
    for (const m of await this.o.store.listActiveMatches(eventId)) {
      if (m.status === 'matched' && now - m.createdAt >= this.o.matchTimeoutMs) await this.o.matches.timeout(m);
      else active.push(m);
    }
    const looking = await this.o.store.listLooking(eventId);
    if (event.status !== 'open' || looking.length === 0) {
      this.announceWaiting(eventId, looking, active, now);
      return;
    }

    const members = await this.o.store.getAttendees(eventId, active.flatMap((m) => m.memberIds));
    const plan = planMatches({
      seekers: looking.map((a) => ({
        id: a.id,
        interests: a.interests,
        solo: a.solo,
        offers: a.offers,
        asks: a.asks,
        lookingSince: a.lookingSince ?? now,
        connected: this.isConnected(a, now),
      })),
      active: active.map((m) => activeGroup(m, members)),
      history: await this.o.store.getHistory(eventId, now),
      options: { ...this.options, now, seed: seedFrom(`${eventId}:${now}`) },
    });

    const beacons: Beacon[] = active.map((m) => m.beacon);
    const spots = active.map((m) => m.spot);
    const waitOf = (id: string) => now - (looking.find((a) => a.id === id)?.lookingSince ?? now);
    for (const group of plan.groups) {
      const match = this.buildMatch(event, group, beacons, spots, now, waitOf);
      if (!(await this.o.store.claimMatch(match))) continue;
      beacons.push(match.beacon);
      spots.push(match.spot);
      active.push(match);
      this.o.metrics?.matches.inc();
      for (const wait of Object.values(match.waits)) this.o.metrics?.timeToMatch.observe(wait / 1000);
      await this.announceMatch(match, match.memberIds);
    }
    for (const join of plan.joins) await this.join(eventId, join, waitOf(join.attendeeId));

    const stillLooking = plan.groups.length + plan.joins.length > 0 ? await this.o.store.listLooking(eventId) : looking;
    this.announceWaiting(eventId, stillLooking, active, now);
  }

  /** Whether an attendee has a phone connected that an instance vouched for recently. */
  isConnected(a: AttendeeRecord, now: number): boolean {
    return a.online > 0 && now - a.seenAt <= (this.o.presenceWindowMs ?? 30_000);
  }

  private async join(eventId: string, join: Join, waitMs: number) {
    const match = await this.o.store.joinMatch(
      eventId,
      join.matchId,
      join.attendeeId,
      this.options.maxGroupSize,
      join.reasons,
      waitMs,
    );
    if (!match) return;
    this.o.metrics?.joins.inc();
    this.o.metrics?.timeToMatch.observe(waitMs / 1000);
    await this.announceMatch(match, [join.attendeeId]);
  }

  private buildMatch(
    event: EventRecord,
    group: NewGroup,
    beacons: Beacon[],
    spots: Array<string | null>,
    now: number,
    waitOf: (attendeeId: string) => number,
  ): MatchRecord {
    const id = newId();
    const random = seededRandom(seedFrom(id));
    return {
      id,
      eventId: event.id,
      memberIds: group.memberIds,
      status: 'matched',
      createdAt: now,
      metAt: null,
      endedAt: null,
      endReason: null,
      sharedTopics: group.sharedTopics,
      icebreaker: pickIcebreaker(group.sharedTopics, random),
      spot: pickSpot(event.spots, spots, random),
      beacon: pickBeacon(beacons, random),
      reasons: group.reasons,
      waits: Object.fromEntries(group.memberIds.map((m) => [m, waitOf(m)])),
      open: false,
    };
  }

  /** `match:found` to the newcomers, and a fresh `state` to everyone in the match. */
  private async announceMatch(match: MatchRecord, newcomers: string[]) {
    const members = await this.o.store.getAttendees(match.eventId, match.memberIds);
    for (const id of newcomers) this.o.notifier.toAttendee(id, 'match:found', matchView(match, id, members));
    await this.o.attendees.pushState(match.eventId, ...match.memberIds);
  }

  /** Tells the event's phones how many are looking and a wait hint, only when it changed. */
  private announceWaiting(eventId: string, looking: AttendeeRecord[], active: MatchRecord[], now: number) {
    const windowMs = 5 * 60_000;
    const recent = active.filter((m) => now - m.createdAt < windowMs);
    const connected = looking.filter((a) => this.isConnected(a, now)).length;
    const estimateMs = estimateWaitMs({
      looking: connected,
      recentlyPlaced: recent.reduce((n, m) => n + m.memberIds.length, 0),
      windowMs,
      tickIntervalMs: this.o.intervalMs,
      openCircles: active.filter((m) => m.open && m.status === 'chatting' && m.memberIds.length < this.options.maxGroupSize).length,
      recentPairs: recent.filter((m) => m.memberIds.length === 2).length,
      trioAfterMs: this.options.trioAfterMs,
      trios: this.options.trios,
    });
    const waiting = { looking: looking.length, estimateMs };
    if (this.o.waiting.set(eventId, waiting)) this.o.notifier.toEvent(eventId, 'match:waiting', waiting);
  }
}

function activeGroup(m: MatchRecord, attendees: AttendeeRecord[]): ActiveGroup {
  return {
    id: m.id,
    members: m.memberIds.flatMap((id) => {
      const a = attendees.find((x) => x.id === id);
      return a ? [{ id, interests: a.interests, solo: a.solo, offers: a.offers, asks: a.asks }] : [];
    }),
    status: m.status === 'chatting' ? 'chatting' : 'matched',
    createdAt: m.createdAt,
    open: m.open,
  };
}
