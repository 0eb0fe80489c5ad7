import type { Logger } from '../logger';
import type { Store } from '../store/store';

/**
 * Vouches for this instance's connected attendees every `refreshMs`. If the instance dies, the
 * vouching stops and, after the matcher's presence window, they no longer count as connected,
 * even though the instance never got to decrement their connection counts.
 */
export class PresenceRefresher {
  private readonly local = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly o: { store: Store; logger: Logger; now: () => number; refreshMs: number },
  ) {}

  add(eventId: string, attendeeId: string) {
    let event = this.local.get(eventId);
    if (!event) this.local.set(eventId, (event = new Map()));
    event.set(attendeeId, (event.get(attendeeId) ?? 0) + 1);
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
      await this.o.store
        .touchOnline(eventId, [...attendees.keys()], now)
        .catch((err: unknown) => this.o.logger.warn({ err }, 'presence refresh failed'));
    }
  }
}
