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
    this.timer = null;
  }

  async refresh() {
    const now = this.o.now();
    for (const [eventId, attendees] of this.local) {
      const exists = await this.o.store
        .touchOnline(eventId, [...attendees.keys()], now)
        .catch((err: unknown) => void this.o.logger.warn({ err }, 'presence refresh failed'));
      if (exists === false) this.gone(eventId);
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
