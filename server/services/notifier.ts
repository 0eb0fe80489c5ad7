import type { ServerToClientEvents } from '../../shared/events';
import type { Event } from '../../shared/schemas';

/**
 * How services reach phones without knowing about sockets. The realtime layer implements it
 * with Socket.IO rooms, so it works across instances once an adapter is installed.
 */
export interface Notifier {
  toAttendee<E extends keyof ServerToClientEvents>(
    attendeeId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /** One event to several attendees: one broadcast, however many rooms. */
  toAttendees<E extends keyof ServerToClientEvents>(
    attendeeIds: string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  toEvent<E extends keyof ServerToClientEvents>(
    eventId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /**
   * The event's dashboards, on any instance, not its phones: a change only dashboards show (what
   * was last announced; phones are told that with `event:announcement`).
   */
  eventToDashboards(eventId: string, payload: { event: Event }): void;
  /** Closes every connection of an attendee, on any instance. */
  disconnectAttendee(attendeeId: string): void;
}
