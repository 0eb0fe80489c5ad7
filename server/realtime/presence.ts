import type { Logger } from '../logger';
import type { Store } from '../store/store';

/** What the refresher needs. */
export interface PresenceRefresherOptions {
  store: Store;
  logger: Logger;
  now: () => number;
  /** How often this instance vouches for its connected attendees. */
  refreshMs: number;
  /**
   * After a refresh that failed (the store unreachable), how soon it is tried again, until one
   * succeeds.
   * @default 1000
   */
  retryMs?: number;
  /**
   * The event's data is gone (the store said so while vouching): let this instance's phones of
   * it go. Called once per event, on the refresh that finds it gone.
   */
  onEventGone?: (eventId: string) => void;
}

/**
 * Vouches for this instance's connected attendees every `refreshMs`. If the instance dies, the
 * vouching stops and, after the matcher's presence window, they no longer count as connected,
 * even though the instance never got to decrement their connection counts.
 *
 * The same round trip tells it when an event's data has been deleted (its end plus the retention
 * period): every instance so finds out for its own phones, whether or not a dashboard of the
 * event is open anywhere, within one `refreshMs`.
 */
export class PresenceRefresher {
  private readonly local = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** A refresh has failed and none has succeeded since: said once, and retried soon. */
  private failing = false;

  constructor(private readonly o: PresenceRefresherOptions) {}

  add(eventId: string, attendeeId: string) {
    let event = this.local.get(eventId);
    if (!event) this.local.set(eventId, (event = new Map()));
    event.set(attendeeId, (event.get(attendeeId) ?? 0) + 1);
  }

  /** How many connections of the attendee this instance holds now. */
  count(eventId: string, attendeeId: string): number {
    return this.local.get(eventId)?.get(attendeeId) ?? 0;
  }

  remove(eventId: string, attendeeId: string) {
    const event = this.local.get(eventId);
    const n = (event?.get(attendeeId) ?? 0) - 1;
    if (!event) return;
    if (n > 0) event.set(attendeeId, n);
    else event.delete(attendeeId);
    if (event.size === 0) this.local.delete(eventId);
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.o.refreshMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.timer = null;
    this.retry = null;
  }

  /**
   * Vouches now. One that fails is tried again every `retryMs` until one succeeds: after a Redis
   * outage longer than the matcher's presence window, every phone here (still connected all
   * along) counted as gone until the next refresh, up to `refreshMs` later. Nobody was matched,
   * the wait hints said nobody was free and the dashboards showed nobody online. The failure is
   * logged once per outage, not once per event per try.
   */
  async refresh() {
    const now = this.o.now();
    let failed: unknown = null;
    for (const [eventId, attendees] of this.local) {
      const exists = await this.o.store.touchOnline(eventId, [...attendees.keys()], now).catch((err: unknown) => void (failed = err ?? new Error('failed')));
      if (exists === false) this.gone(eventId);
    }
    if (failed === null) {
      if (this.failing) this.o.logger.info('presence refresh succeeds again');
      this.failing = false;
      return;
    }
    if (!this.failing) this.o.logger.warn({ err: failed }, 'presence refresh failed; retrying every second until it succeeds');
    this.failing = true;
    if (this.timer && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.refresh();
      }, this.o.retryMs ?? 1_000);
      this.retry.unref();
    }
  }

  /**
   * Forgets the event here before closing its phones, so a phone whose close is slow to land
   * is not closed, nor logged, a second time; one that somehow connects to it after (it cannot:
   * its token is gone with the event) would be added back and found out on the next refresh.
   */
  private gone(eventId: string) {
    if (!this.local.delete(eventId)) return;
    this.o.logger.info({ eventId }, 'event deleted: closing its phones on this instance');
    this.o.onEventGone?.(eventId);
  }
}
