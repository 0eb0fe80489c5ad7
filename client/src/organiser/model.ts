import type { OrganiserAck } from '../../../shared/events';
import type { Event, EventUpdatePayload, Stats } from '../../../shared/schemas';

/** Why the dashboard is asking for the organiser link instead of showing the event. */
export type SignIn =
  /** No token in the link or on this laptop. */
  | { reason: 'missing' }
  /** The link's `#token=` part is cut short or empty, so it was never tried, and none is saved here. */
  | { reason: 'incomplete' }
  /** The server refused the token: unknown (UNAUTHORIZED), or an attendee's or another event's (FORBIDDEN). */
  | { reason: 'refused'; code: 'UNAUTHORIZED' | 'FORBIDDEN' }
  /**
   * The event's data was deleted (its end plus the retention period), as its dashboard on this
   * laptop was told: said from then on, on a reload or from its old link too.
   */
  | { reason: 'deleted'; name: string };

export interface Notice {
  text: string;
  tone: 'info' | 'warn' | 'error';
}

/** Everything the dashboard renders from. */
export interface Model {
  eventId: string;
  /** Set while the dashboard needs a token; null once one is in use. */
  signIn: SignIn | null;
  connection: 'connecting' | 'online' | 'offline';
  /** The event as the server last described it; null until the first description arrives. */
  event: Event | null;
  /** The join link as the server prints it (PUBLIC_URL/e/CODE); null until the server says. */
  joinUrl: string | null;
  /** The last figures, and when (by this laptop's clock) they arrived, to tick wait times on. */
  stats: Stats | null;
  statsReceivedAt: number;
  /**
   * Set while `stats` may be out of date: the connection was lost and no figures have come since.
   * It is when (by this laptop's clock) the dashboard last heard from the server, so the last
   * moment the figures were known to hold: the server pushes every change, so until then they did.
   * Null while the figures are live.
   */
  lostAt: number | null;
  notice: Notice | null;
}

/** What the views can ask for. Each control maps to one `/organiser` socket event. */
export interface Actions {
  pause(): Promise<OrganiserAck>;
  resume(): Promise<OrganiserAck>;
  end(): Promise<OrganiserAck>;
  announce(message: string): Promise<OrganiserAck>;
  withdrawAnnouncement(): Promise<OrganiserAck>;
  update(patch: EventUpdatePayload): Promise<OrganiserAck>;
  remove(attendeeId: string): Promise<OrganiserAck>;
  /** Rejects with an Error whose message says what went wrong. */
  downloadCsv(): Promise<void>;
  downloadStats(): Promise<void>;
  /** Uses a pasted organiser link or token; false if it is not one. */
  signIn(pasted: string): boolean;
  dismissNotice(): void;
  /** Shows a notice over the dashboard, for what a view saw go by (views/edit.ts). */
  notify(notice: Notice): void;
}
