import type { ClientToServerEvents } from '../../../shared/events';
import type { ErrorCode, ValidationIssue } from '../../../shared/errors';
import type { Announcement, Connection, Contact, Event, JoinBody, Me, ReportReason, State, Waiting } from '../../../shared/schemas';
import type { Payload } from './socket';

/** What "Edit my profile" sends: only the fields that changed. */
export type ProfileUpdate = Payload<'profile:update'>;

/** Which part of the journey the page is in, before the socket's `state` takes over. */
export type Screen =
  | { name: 'loading' }
  /** No such event, or the server could not be reached. */
  | { name: 'missing'; message: string; /** The event was there, and its data is deleted: nothing to try again. */ gone?: boolean }
  | { name: 'join'; event: Event }
  /** Joined: what to show comes from the last `state`. */
  | { name: 'live' }
  /** Forget me worked: everything about this person is gone. */
  | { name: 'goodbye'; eventName: string }
  /** The organiser took this person out of the event (`attendee:removed`). */
  | { name: 'removed'; eventName: string };

export interface Notice {
  text: string;
  tone: 'info' | 'warn' | 'error';
  /** About the connection (offline, no answer): cleared once the socket is back. */
  connection?: boolean;
  /** About a match, and true only while it lasts: cleared once a `state` shows it no longer holds (see `stillHolds`). */
  about?: NoticeAbout;
  /**
   * Says why the last match is gone, which happened while this phone was away: a new match that
   * came meanwhile leaves it up, as the new card does not say it.
   */
  missed?: boolean;
  /** A notice that a partner's profile change was said in front of: its own words (see `profileChangedNotice`). */
  base?: string;
  /**
   * Takes the focus as it shows: it confirms what a sheet just closed did ("Your profile is
   * saved."), and the button that opened the sheet may be below the fold, with it off the top.
   */
  focus?: boolean;
}

/**
 * What a notice about a match says: someone on their way to join it, someone who left it while
 * others (`ids`) were on their way, that it needs confirming, that it outlives the event, that
 * a "we found each other" for it is kept to send, or that someone in it edited their profile.
 */
export type NoticeAbout =
  | { kind: 'coming'; matchId: string; ids: readonly string[] }
  | { kind: 'gone'; matchId: string; ids: readonly string[] }
  | { kind: 'reminder'; matchId: string }
  | { kind: 'metKept'; matchId: string }
  | { kind: 'carriesOn'; matchId: string }
  /** Someone in it changed their name or how to spot them (see profile-changes.ts). */
  | { kind: 'profile'; matchId: string };

/** Someone else in a match, as the after-the-chat parts need them. */
export interface Person {
  id: string;
  name: string;
}

/** Someone's details, once everyone in the match has shared. */
export interface Revealed {
  attendeeId: string;
  name: string;
  contact: Contact;
}

/** A small sheet over the page. */
export type Sheet =
  | { kind: 'keep'; matchId: string; people: Person[] }
  | { kind: 'people' }
  /** "Not comfortable?": block or report one of `people`. */
  /** `matchId`: opened from that match's card, so someone who joins it while open is listed too. */
  | { kind: 'safety'; people: Person[]; matchId?: string }
  | { kind: 'privacy' }
  /** "Not Ann? Start over", confirmed before this phone forgets Ann. */
  | { kind: 'startOver'; name: string }
  /**
   * "Edit my profile", filled with `me` as it was when opened; `topics`: the event's, to tap;
   * `seenBy`: the names of whoever I am in a match with, who see my name and how to spot me change.
   */
  | { kind: 'profile'; me: Me; topics: string[]; seenBy: string[] };

/** A chat that just ended: "Good chat with Sam?", and keeping in touch. */
export interface AfterChat {
  matchId: string;
  people: Person[];
  feedback: 'ask' | 'thanks';
  /** I left a trio or circle that carried on without me: I can no longer swap details in it. */
  leftGroup: boolean;
}

/**
 * A match as this phone last saw it, kept so that an end it missed (offline, or the tab dropped
 * while the screen was locked) can still be explained once the server's `state` says it is over.
 */
export interface SeenMatch {
  id: string;
  /** I was on my way to join them (`Match.arriving`). */
  arriving: boolean;
  /** This phone saw us say we found each other. */
  chatting: boolean;
  partners: { id: string; name: string; arriving: boolean }[];
}

/** Everything the attendee page renders from. */
export interface Model {
  code: string;
  screen: Screen;
  /**
   * The last authoritative state from the server, or null until the first arrives. On a page
   * opened offline, the one kept on the phone from before (see `stateKept`).
   */
  state: State | null;
  /**
   * `state` is the one kept on the phone (`loadLastState`), shown because this page opened
   * offline: the server has not spoken on this page yet, and the bar says what is shown.
   */
  stateKept: boolean;
  /** The last queue report, for "3 others are looking". */
  waiting: Waiting | null;
  notice: Notice | null;
  /** The organiser's latest announcement, until it is dismissed. */
  announcement: Announcement | null;
  /**
   * The announcement folded to one line, so a match's card is in view below it (true), opened
   * again by a tap (false), or never folded (null: shown whole, with nothing to fold or open).
   */
  announcementFolded: boolean | null;
  /**
   * Marked new on screen: sent while I have a match, it came folded over the card, so the mark
   * says there is news from the organisers until it is opened (or dismissed).
   */
  announcementNew: boolean;
  /** The people I had a conversation with, from the server; null until first loaded. */
  connections: Connection[] | null;
  /**
   * Matches that had ended when a list now in `connections` was asked for: it speaks for them even
   * where it lists nobody from them (everyone else in it has left the event, see `closedOf` in exchange.ts).
   */
  connectionsCover: string[];
  /**
   * A group I have just begun chatting in, while the list asked for then is on its way: until it
   * comes, its card offers no Keep in touch, which the list may say cannot be done there (they
   * swapped before I came: `notInSwap`). Null otherwise, and once that list came or failed.
   */
  listAwaited: string | null;
  /** Details revealed while this page was open, by match id (after a reload, `connections` has them). */
  revealed: Record<string, Revealed[]>;
  /**
   * Matches whose details in `revealed` arrived after the list in `connections` was asked for: that
   * list cannot yet say which of their owners are still there (see `exchangeOf` in exchange.ts).
   */
  revealedSinceList: string[];
  /**
   * Matches where I swapped details, by the server's list (`swapped`), even once those I swapped
   * with have all left the event and their rows with them (see `swappedIn` in exchange.ts).
   */
  swapped: string[];
  /** Matches I have offered my details in and not taken back (remembered on this phone). */
  shared: string[];
  afterChat: AfterChat | null;
  sheet: Sheet | null;
  connection: 'connecting' | 'online' | 'offline';
  /** Offline for longer than a blip (`STILL_OFFLINE_MS`): the bar says what to check. */
  stillOffline: boolean;
  /**
   * Refused because this person's other tabs hold every connection they may have
   * (`TOO_MANY_CONNECTIONS`): the page says to close one, and keeps trying meanwhile.
   */
  tooManyTabs: boolean;
  /** An action is waiting for its ack; its buttons are disabled meanwhile. */
  busy: boolean;
}

/**
 * An action's outcome, for sheets that show a refusal next to the form. `connection`: it failed
 * for want of a connection, not because the server said no.
 */
export type Outcome = { ok: true } | { ok: false; message: string; connection?: boolean; code?: ErrorCode; issues?: ValidationIssue[] };

/** Sends one action and applies the state it answers with; a refusal comes back as the outcome. */
export type SendAction = <E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>) => Promise<Outcome>;

/** What every helper the attendee session owns (aftercare, offline, updates, sign-in) asks of it. */
export interface ModelHost {
  /** The model as it is now. */
  model(): Model;
  /** Changes the model; the renderer draws the result. */
  set(patch: Partial<Model>): void;
}

/** What the views can ask for. Each maps to one socket event (or two, for findNew). */
export interface Actions {
  /**
   * Joins the event; rejects with an ApiError whose message the form shows. An event that has
   * ended meanwhile resolves instead, with the thank-you on screen.
   */
  join(body: JoinBody): Promise<void>;
  find(): void;
  cancel(): void;
  /** "We found each other" (or "I found them"); tapped offline, it is sent once the phone is back. */
  met(): void;
  cantFind(): void;
  done(): void;
  findNew(): void;
  setOpen(open: boolean): void;
  showBeacon(): void;
  dismissNotice(): void;
  dismissAnnouncement(): void;
  /** Opens a folded announcement whole, or folds it to one line again. */
  toggleAnnouncement(): void;
  /** Folds an announcement shown whole to one line: on a short phone it hid the screen's heading. */
  foldAnnouncement(): void;
  /** Forgets this phone's place in the event and shows the join form again. */
  startOver(): void;
  /** Opens "Edit my profile", filled with the profile as the server last said it is. */
  editProfile(): void;
  /** Changes the fields in `patch`; on success the sheet closes and the page shows the new profile. */
  updateProfile(patch: ProfileUpdate): Promise<Outcome>;

  openSheet(sheet: Sheet): void;
  closeSheet(): void;
  /** Keep in touch: offers my details to everyone in the match. */
  shareContact(matchId: string, contact: Contact): Promise<Outcome>;
  withdrawContact(matchId: string): Promise<Outcome>;
  /** "Good chat?" for the chat that just ended. */
  sendFeedback(good: boolean): Promise<Outcome>;
  dismissAfterChat(): void;
  block(person: Person): Promise<Outcome>;
  report(person: Person, reason: ReportReason, text: string): Promise<Outcome>;
  /** Deletes me at once; on success the page says goodbye. */
  forgetMe(): Promise<Outcome>;
  /** Downloads one person's vCard, or everyone's when `person` is left out. */
  saveContact(person?: Person): Promise<Outcome>;
}
