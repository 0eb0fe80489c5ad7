import { ErrorCode } from '../../shared/errors';
import type { Stats } from '../../shared/schemas';
import { AppError } from '../errors';
import { organiserRoom, type OrganiserNamespace, type OrganiserNamespaceOptions } from './organiser';

/** Share of the time one event's figures may take, whatever its size (see StatsCadence). */
const STATS_SHARE = 0.1;
/** The longest an event's figures wait for their turn, however costly the last computation. */
const STATS_MAX_WAIT_MS = 30_000;

/**
 * When an event's figures are due again. Small events: on every push interval. A big one, whose
 * figures take long to work out (reading every attendee and match), waits ten times what the
 * last computation took, up to 30 s, so that the figures take no more than a tenth of the
 * process's time or of the store's, however big the event grows.
 */
export class StatsCadence {
  private readonly dueAt = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly share = STATS_SHARE,
    private readonly maxWaitMs = STATS_MAX_WAIT_MS,
  ) {}

  isDue(eventId: string, now: number): boolean {
    return now >= (this.dueAt.get(eventId) ?? -Infinity);
  }

  /**
   * Records that `eventId`'s figures were worked out for the push at `at` (ms), taking `costMs`.
   * A cheap one is due again after half an interval, which the push timer rounds up to the next
   * push. Measured from the push, not from when this event's turn came in it, so events after a
   * costly one in the same push keep to every push. A failed computation counts as free: it is
   * tried again next push rather than leave its dashboards silent.
   */
  ran(eventId: string, at: number, costMs: number): void {
    this.dueAt.set(eventId, at + Math.min(this.maxWaitMs, Math.max(this.intervalMs / 2, costMs / this.share)));
  }

  /** Drops events no dashboard watches any more. */
  keepOnly(watched: ReadonlySet<string>): void {
    for (const eventId of this.dueAt.keys()) if (!watched.has(eventId)) this.dueAt.delete(eventId);
  }
}

/**
 * Pushes each watched event's stats when they change, at most once per interval, and less often
 * for an event whose figures are costly to work out (StatsCadence). A dashboard that connects
 * gets the latest figures at once: worked out afresh when they are due, else the last ones.
 */
export class StatsPusher {
  private timer: NodeJS.Timeout | null = null;
  private readonly last = new Map<string, string>();
  /** The latest figures worked out per watched event, and when (clock), for dashboards that connect between pushes. */
  private readonly latest = new Map<string, { stats: Stats; at: number }>();
  /**
   * Figures being worked out, per event: dashboards that connect meanwhile (and a push) wait for
   * these rather than start their own. Each would otherwise find none recorded yet and read every
   * attendee and match again, so a burst of connections cost one computation each.
   */
  private readonly computing = new Map<string, Promise<Stats>>();
  private readonly cadence: StatsCadence;
  private readonly clock: () => number;
  private busy = false;

  constructor(
    private readonly nsp: OrganiserNamespace,
    private readonly o: OrganiserNamespaceOptions,
  ) {
    this.cadence = new StatsCadence(o.statsIntervalMs ?? 1000);
    this.clock = o.clock ?? (() => performance.now());
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.statsIntervalMs ?? 1000);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The first figures for a dashboard that just connected. */
  async pushNow(socket: { emit: OrganiserNamespace['emit'] }, eventId: string) {
    try {
      const now = this.clock();
      const kept = this.latest.get(eventId);
      socket.emit('stats', kept && !this.cadence.isDue(eventId, now) ? aged(kept.stats, now - kept.at) : await this.compute(eventId, now));
    } catch (err) {
      this.o.logger.warn({ err, eventId }, 'could not send stats');
    }
  }

  /** Recomputes the stats of events watched from this instance that are due, and pushes the changed ones. */
  async tick() {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = this.clock();
      const watched = new Set([...this.nsp.adapter.rooms.keys()].filter((r) => r.startsWith('o:')).map((r) => r.slice(2)));
      for (const eventId of watched) {
        if (!this.cadence.isDue(eventId, now)) continue;
        const stats = await this.compute(eventId, now).catch((err: unknown) => {
          if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND) this.gone(eventId);
          return null;
        });
        if (!stats) continue;
        const { at: _at, ...figures } = stats;
        const key = JSON.stringify(figures);
        if (this.last.get(eventId) === key) continue;
        this.last.set(eventId, key);
        this.nsp.local.to(organiserRoom(eventId)).emit('stats', stats);
      }
      for (const eventId of this.last.keys()) if (!watched.has(eventId)) this.last.delete(eventId);
      for (const eventId of this.latest.keys()) if (!watched.has(eventId)) this.latest.delete(eventId);
      this.cadence.keepOnly(watched);
    } finally {
      this.busy = false;
    }
  }

  /**
   * The event is deleted (its end plus the retention period has passed): its open dashboards
   * are told, and let go, rather than left showing figures that are no longer anywhere; so are
   * its attendees' phones, on every instance (the dashboards' own instances each find out here).
   */
  private gone(eventId: string) {
    this.o.logger.info({ eventId }, 'event deleted: closing its dashboards and phones');
    this.nsp.local.to(organiserRoom(eventId)).emit('event:deleted', { eventId });
    this.nsp.local.in(organiserRoom(eventId)).disconnectSockets(true);
    this.o.onEventDeleted?.(eventId);
  }

  /** An event's figures for the push at `at`: those being worked out now, or worked out afresh. */
  private compute(eventId: string, at: number): Promise<Stats> {
    const running = this.computing.get(eventId);
    if (running) return running;
    const fresh = this.computeNow(eventId, at).finally(() => this.computing.delete(eventId));
    this.computing.set(eventId, fresh);
    return fresh;
  }

  /** Works out an event's figures for the push at `at`, and records what that cost. */
  private async computeNow(eventId: string, at: number): Promise<Stats> {
    const started = this.clock();
    try {
      const stats = await this.o.organisers.stats(eventId);
      this.cadence.ran(eventId, at, this.clock() - started);
      this.latest.set(eventId, { stats, at: this.clock() });
      return stats;
    } catch (err) {
      this.cadence.ran(eventId, at, 0);
      throw err;
    }
  }
}

/**
 * Figures worked out `ageMs` ago, with the waits of those still waiting brought up to now: a
 * dashboard runs their clocks on from when the figures reach it. While matching is paused no
 * wait grows.
 */
function aged(stats: Stats, ageMs: number): Stats {
  if (stats.waitsPaused) return stats;
  return { ...stats, longestWaiting: stats.longestWaiting.map((w) => ({ ...w, waitingMs: w.waitingMs + Math.round(ageMs) })) };
}
