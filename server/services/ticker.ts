import { BeaconPicker, SpotPicker } from '../matching/beacons';
import { worthOffering } from '../matching/joinable';
import { seedFrom } from '../matching/rng';
import { defaultMatchOptions, type Join, type MatchHistory, type MatchOptions } from '../matching/types';
import type { MatchReminder } from '../../shared/schemas';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { AttendeeRecord, EventRecord, MatchRecord } from '../store/records';
import type { Store } from '../store/store';
import type { AttendeeService } from './attendees';
import { ArrivalClock, unconfirmedEndsAt } from './arrivals';
import { retellMatch } from './retell';
import { Planner } from './planner';
import { MatchReminders } from './reminders';
import type { MatchService } from './matches';
import type { Notifier } from './notifier';
import { activeGroup, newMatchRecord, shapeOf, SLICE_MS, timeSlicer } from './tick-parts';
import { matchView } from './views';
import type { WaitOutlook } from '../matching/wait';
import { waitHint, type WaitHintContext } from './wait-hint';
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
  /** Crowds of at least this many looking are planned in a worker thread (see Planner). @default 400 */
  planInWorkerFrom?: number;
  /** Overrides for the matcher's options. */
  matching?: Partial<Omit<MatchOptions, 'now' | 'seed'>>;
}

/**
 * Runs matching: every interval, for each event with someone looking, it takes the event's
 * lease (so one instance ticks an event at a time), ends matches (and arrivals at circles) that
 * timed out, asks the pure matcher for a plan, and claims each match atomically in the store. A
 * claim that loses a race (someone cancelled, another instance got there first) is skipped.
 */
export class MatchTicker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** The failure the ticks are failing with, already logged (see `failed`); null while they succeed. */
  private failure: string | null = null;
  private failedTicks = 0;
  private readonly leaseMs: number;
  private readonly options: Omit<MatchOptions, 'now' | 'seed'>;
  private readonly planner: Planner;
  private readonly reminders: MatchReminders;
  private readonly arrivals: ArrivalClock;
  private readonly hintContext: WaitHintContext;

  constructor(private readonly o: MatchTickerOptions) {
    // Long enough to survive a slow tick; short enough that a survivor takes over within 5 s.
    this.leaseMs = Math.max(3_000, 2 * o.intervalMs);
    // A third joins an unconfirmed pair only while it has half its time left (see MatchOptions).
    this.options = { ...defaultMatchOptions, unconfirmedTrioMs: o.matchTimeoutMs / 2, ...o.matching };
    this.planner = new Planner({ logger: o.logger, workerFrom: o.planInWorkerFrom });
    this.arrivals = new ArrivalClock(o.matchTimeoutMs);
    this.reminders = new MatchReminders(o.matchTimeoutMs, o.notifier, this.arrivals);
    this.hintContext = { options: this.options, intervalMs: o.intervalMs, isConnected: (a, now) => this.isConnected(a, now) };
  }

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.running = this.tick()
        .then(() => this.recovered(), (err: unknown) => this.failed(err))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(loop, this.o.intervalMs);
        });
    };
    this.timer = setTimeout(loop, this.o.intervalMs);
  }

  /**
   * A tick that failed. While Redis is away every tick fails the same way, once per interval on
   * every instance: the on-call log would be one stack trace a second for the whole outage, and
   * the line that matters (what failed first) scrolled away. So the first failure of a run is a
   * warning, and repeats of the same failure are debug until a tick succeeds (`recovered`).
   */
  private failed(err: unknown): void {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    this.failedTicks += 1;
    if (what === this.failure) return void this.o.logger.debug({ err }, 'matching tick failed again');
    this.failure = what;
    this.o.logger.warn({ err }, 'matching tick failed; retrying every interval, and quiet about the same failure until a tick succeeds');
  }

  /** A tick that succeeded: after a run of failures, says once that matching is back. */
  private recovered(): void {
    if (this.failure === null) return;
    this.o.logger.info({ failedTicks: this.failedTicks }, 'matching ticks succeed again');
    this.failure = null;
    this.failedTicks = 0;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.planner.close();
  }

  /** One pass over every busy event this instance holds the lease of. Tests call it to step matching. */
  async tick(): Promise<void> {
    this.reminders.prune(this.o.now());
    this.arrivals.prune(this.o.now());
    for (const eventId of await this.o.store.leaseBusyEvents(this.o.instanceId, this.leaseMs)) {
      try {
        await this.tickEvent(eventId);
      } catch (err) {
        this.o.logger.warn({ err, eventId }, 'event tick failed');
      }
    }
  }

  /**
   * One event: one read for the inputs, one atomic claim per match, and announcements built
   * from what was read, so a match costs the store one round trip beyond the tick's read.
   */
  async tickEvent(eventId: string): Promise<void> {
    const now = this.o.now();
    const snap = await this.o.store.loadTick(eventId, now);
    if (!snap) {
      this.o.waiting.forget(eventId);
      return;
    }
    const pause = timeSlicer(SLICE_MS);
    const { event, looking, members } = snap;
    const active: MatchRecord[] = [];
    for (const m of snap.active) {
      if (m.status === 'matched' && now >= unconfirmedEndsAt(m, this.o.matchTimeoutMs)) await this.o.matches.timeout(m);
      else {
        const overdue = this.arrivals.overdue(m, now);
        for (const id of overdue) await this.o.matches.arrivalTimeout(m, id);
        // As the timeouts left it (one fewer, or ended), not as read: it is offered to the matcher.
        const still = overdue.length > 0 ? await this.o.store.getMatch(eventId, m.id) : m;
        if (!still || still.status === 'ended') continue;
        this.reminders.check(still, now);
        active.push(still);
      }
    }
    if (event.status !== 'open' || looking.length === 0) {
      // No matches form while the event is not open: there is no wait to promise.
      this.announceWaiting(eventId, event.status === 'open', looking, { estimateMs: null }, snap.history, now);
      return;
    }

    const byId = new Map([...members, ...looking].map((a) => [a.id, a]));
    // Only phones that are here count: the matcher never places a locked one.
    const longestWaitMs = looking.reduce((max, a) => (this.isConnected(a, now) ? Math.max(max, now - (a.lookingSince ?? now)) : max), 0);
    const joinOptions = { ...this.options, now };
    const offered = active.filter((m) => worthOffering(shapeOf(m), longestWaitMs, joinOptions));
    await pause();
    const plan = await this.planner.plan({
      seekers: looking.map((a) => ({
        id: a.id,
        interests: a.interests,
        solo: a.solo,
        offers: a.offers,
        asks: a.asks,
        lookingSince: a.lookingSince ?? now,
        connected: this.isConnected(a, now),
      })),
      active: offered.map((m) => activeGroup(m, byId)),
      history: snap.history,
      options: { ...this.options, now, seed: seedFrom(`${eventId}:${now}`) },
    });

    const beacons = new BeaconPicker(active.map((m) => m.beacon));
    const spots = new SpotPicker(event.spots, active.map((m) => m.spot));
    const waitOf = (id: string) => now - (byId.get(id)?.lookingSince ?? now);
    const placed = new Set<string>();
    await pause();
    for (const group of plan.groups) {
      await pause();
      const match = newMatchRecord(event, group, beacons, spots, now, waitOf);
      if (!(await this.claim(match))) continue;
      active.push(match);
      for (const id of match.memberIds) placed.add(id);
      this.o.metrics?.matches.inc();
      for (const wait of Object.values(match.waits)) this.o.metrics?.timeToMatch.observe(wait / 1000);
      this.announce(event, match, match.memberIds, byId);
    }
    for (const join of plan.joins) {
      await pause();
      const waitMs = waitOf(join.attendeeId);
      const joined = await this.join(eventId, join, waitMs, now);
      if (!joined) continue;
      // Its pair statements, topics and icebreaker were for the people before: told again for
      // everyone now, the newcomer keeping the matcher's reasons (written for this very group).
      const members = joined.memberIds.flatMap((id) => byId.get(id) ?? []);
      // The join stands either way: a failed rewrite leaves the old text, never an untold newcomer.
      const retold = await retellMatch(this.o.store, joined, members, { [join.attendeeId]: join.reasons }).catch((err: unknown) => {
        this.o.logger.warn({ err, eventId, matchId: joined.id }, 'could not rewrite the match text after a join');
        return null;
      });
      const match = retold ?? joined;
      placed.add(join.attendeeId);
      this.o.metrics?.joins.inc();
      this.o.metrics?.timeToMatch.observe(waitMs / 1000);
      this.announce(event, match, [join.attendeeId], byId);
    }
    const stillLooking = looking.filter((a) => !placed.has(a.id));
    const hint = stillLooking.length > 0 ? waitHint(this.hintContext, stillLooking, new Set(plan.waiting), active, snap, now) : { estimateMs: null };
    this.announceWaiting(eventId, true, stillLooking, hint, snap.history, now);
  }

  /**
   * Claims a match. The store can apply a claim and still answer otherwise: Redis running it
   * after the client's command timeout (an error), or ioredis resending it after a reconnect
   * (the resend finds the match saved and refuses). Its people are then matched, and unless
   * they are told now they would sit on a match they never saw until it timed out. So a claim
   * that did not succeed is read back, and counts if the match was saved: match ids are random,
   * so a saved one is this one.
   */
  private async claim(match: MatchRecord): Promise<boolean> {
    return (await this.readBack(() => this.o.store.claimMatch(match), match.eventId, match.id, (m) => m !== null)) !== null;
  }

  /** Adds someone to a match, read back as `claim` is. */
  private async join(eventId: string, join: Join, waitMs: number, now: number): Promise<MatchRecord | null> {
    const { matchId, attendeeId, reasons, kind } = join;
    const joined = (m: MatchRecord | null) => m?.memberIds.includes(attendeeId) === true;
    const write = () => this.o.store.joinMatch(eventId, matchId, attendeeId, this.options.maxGroupSize, reasons, waitMs, now, kind === 'circle');
    return this.readBack(write, eventId, matchId, joined);
  }

  /**
   * Runs a store write; if it fails or is refused, reads the match back and returns it when
   * `done` says the write took effect after all. Null for a refusal that stands; a failure that
   * stands is thrown.
   */
  private async readBack<T>(write: () => Promise<T>, eventId: string, matchId: string, done: (m: MatchRecord | null) => boolean): Promise<MatchRecord | T | null> {
    let failure: unknown = null;
    try {
      const result = await write();
      if (result) return result;
    } catch (err) {
      failure = err;
    }
    const saved = await this.o.store.getMatch(eventId, matchId).catch(() => null);
    if (done(saved)) return saved;
    if (failure) throw failure;
    return null;
  }

  /** The `match:reminder` due to `attendeeId` in `m` now, if any (see MatchReminders.dueTo). */
  reminderDue(m: MatchRecord, attendeeId: string): MatchReminder | null {
    return this.reminders.dueTo(m, attendeeId, this.o.now());
  }

  /** Whether an attendee has a phone connected that an instance vouched for recently. */
  isConnected(a: Pick<AttendeeRecord, 'online' | 'seenAt'>, now: number): boolean {
    return a.online > 0 && now - a.seenAt <= (this.o.presenceWindowMs ?? 30_000);
  }

  /**
   * `match:found` to the newcomers and a fresh `state` to everyone in the match, built from the
   * tick's records: a member's record is updated here exactly as the claim updated the store.
   */
  private announce(event: EventRecord, match: MatchRecord, newcomers: string[], byId: Map<string, AttendeeRecord>) {
    const status = match.status === 'chatting' ? 'chatting' : 'matched';
    const members = match.memberIds.flatMap((id) => {
      const a = byId.get(id);
      if (!a) return [];
      const updated = { ...a, status, matchId: match.id } satisfies AttendeeRecord;
      byId.set(id, updated);
      return [updated];
    });
    for (const id of newcomers) this.o.notifier.toAttendee(id, 'match:found', matchView(match, id, members));
    this.o.attendees.pushMatchStates(event, match, members);
  }

  /**
   * Tells each phone still looking how many are looking, how many of them it could be matched
   * with now (connected, not on a cooldown with it), and a wait hint, only when that changed for it (nobody else shows it, and a crowd of
   * 10,000 should not get it every second). See WaitingBoard.publish.
   */
  private announceWaiting(eventId: string, open: boolean, lookers: AttendeeRecord[], hint: WaitOutlook, history: MatchHistory, now: number) {
    const ids = lookers.map((a) => a.id);
    // Someone looking whose phone is gone (asleep, offline) is not counted as free: the matcher
    // cannot place them, and "1 other person looking" would promise a partner who is not there.
    const here = new Set(lookers.filter((a) => this.isConnected(a, now)).map((a) => a.id));
    // While the event is not open no match forms: nobody who starts looking is promised the next tick.
    const nextTickMs = open ? this.o.intervalMs : null;
    for (const { attendeeIds, waiting } of this.o.waiting.publish(eventId, ids, hint, history, (id) => here.has(id), nextTickMs)) {
      this.o.notifier.toAttendees(attendeeIds, 'match:waiting', waiting);
    }
  }
}
