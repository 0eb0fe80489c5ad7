import type { Announcement, Event, JoinBody, State, Waiting } from '../../../shared/schemas';

/** Which part of the journey the page is in, before the socket's `state` takes over. */
export type Screen =
  | { name: 'loading' }
  /** No such event, or the server could not be reached. */
  | { name: 'missing'; message: string }
  | { name: 'join'; event: Event }
  /** Joined: what to show comes from the last `state`. */
  | { name: 'live' };

export interface Notice {
  text: string;
  tone: 'info' | 'warn' | 'error';
}

/** Everything the attendee page renders from. */
export interface Model {
  code: string;
  screen: Screen;
  /** The last authoritative state from the server, or null until the first arrives. */
  state: State | null;
  /** The last queue report, for "3 others are looking". */
  waiting: Waiting | null;
  notice: Notice | null;
  /** The organiser's latest announcement, until it is dismissed. */
  announcement: Announcement | null;
  /** Names of the people this phone has met at this event, remembered here (see storage.ts). */
  met: string[];
  connection: 'connecting' | 'online' | 'offline';
  /** An action is waiting for its ack; its buttons are disabled meanwhile. */
  busy: boolean;
}

/** What the views can ask for. Each maps to one socket event (or two, for findNew). */
export interface Actions {
  /** Joins the event; rejects with an ApiError whose message the form shows. */
  join(body: JoinBody): Promise<void>;
  find(): void;
  cancel(): void;
  met(): void;
  cantFind(): void;
  done(): void;
  findNew(): void;
  setOpen(open: boolean): void;
  showBeacon(): void;
  dismissNotice(): void;
  dismissAnnouncement(): void;
  /** Forgets this phone's place in the event and shows the join form again. */
  startOver(): void;
}
