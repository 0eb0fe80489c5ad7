import type { MatchHistory } from '../matching/types';
import type { AttendeeStatus, Beacon, Contact, EventStatus, MatchEndReason, MatchStatus, ReportReason } from '../../shared/schemas';

/** An event as the store keeps it. Times are ms since epoch. */
export interface EventRecord {
  id: string;
  code: string;
  name: string;
  topics: string[];
  spots: string[];
  status: EventStatus;
  endsAt: number | null;
  createdAt: number;
  /** The latest announcement (ms since epoch), or null. */
  announcement: { message: string; at: number } | null;
  /**
   * When matching was paused, while it is paused; null otherwise. Waits stand still while it is:
   * resuming moves everyone's `lookingSince` on by the pause (see `Store.setEventStatus`).
   */
  pausedAt: number | null;
}

/**
 * The details of an event an organiser may change until it ends (the announcement even after);
 * status, and the end itself, go through `setEventStatus`. `endsAt` here is the planned end:
 * moving it moves when everything about the event is deleted (see `Store.updateEvent`).
 */
export type EventDetailsPatch = Partial<Pick<EventRecord, 'name' | 'topics' | 'spots' | 'endsAt' | 'announcement'>>;

export interface AttendeeRecord {
  id: string;
  eventId: string;
  name: string;
  interests: string[];
  solo: boolean;
  lookFor: string;
  offers: string[];
  asks: string[];
  status: AttendeeStatus;
  /** The active match, when status is matched or chatting. */
  matchId: string | null;
  /**
   * When they last started looking, moved on by any pause of matching since (a wait counts only
   * while people can be matched); kept through a "can't find" so they do not lose their place.
   */
  lookingSince: number | null;
  joinedAt: number;
  /** Open connections (phones and tabs) right now. */
  online: number;
  /**
   * When an instance last vouched for one of those connections (ms since epoch). A count left
   * behind by a crashed instance stops counting once this goes stale.
   */
  seenAt: number;
  /**
   * The last match they were sent to join and were taken off because they had not found it in
   * time (`match:ended` `timeout`, see `MatchService.arrivalTimeout`): kept so that a phone that
   * was away then can still say so (`State.arrivalTimedOut`). Absent when that never happened.
   */
  arrivalTimedOut?: string;
  /**
   * The last match they were in that timed out with nobody having said they found each other
   * (`MatchService.timeout`): kept so that a phone that was away then can still say so
   * (`State.matchTimedOut`). Absent when that never happened.
   */
  matchTimedOut?: string;
}

export interface MatchRecord {
  id: string;
  eventId: string;
  memberIds: string[];
  status: MatchStatus | 'ended';
  createdAt: number;
  metAt: number | null;
  endedAt: number | null;
  endReason: MatchEndReason | null;
  sharedTopics: string[];
  icebreaker: string;
  spot: string | null;
  beacon: Beacon;
  /**
   * Who left this match after it met (status `chatting`), in the order they left. They keep it
   * for aftercare (feedback, the people they met) but not for anything an active match does, nor
   * for keeping in touch. Absent when nobody has. See match-people.ts for who met whom.
   */
  formerMembers?: FormerMember[];
  /**
   * Members sent to join after it met, who have not yet said they found the others (`match:met`).
   * Until they do, they may still say they cannot find them, and leaving does not make them former
   * members: they never met (`wereTogether` in match-people.ts). Always members; kept when the
   * match ends, as they never met it. Absent when nobody is on the way.
   */
  arriving?: string[];
  /**
   * When each member who joined after the match formed was sent (ms since epoch): so that an
   * arrival at a group that met times out if nobody confirms it, and a pair nobody has confirmed
   * yet gives a third a whole timeout too (see arrivals.ts). Kept once they arrive or leave, as
   * `waits` is, and like it kept under `~0`, `~1`… once they are forgotten. Absent when nobody joined, and on matches saved before it was kept (before 27 November, only
   * joins after the match met were kept).
   */
  sentAt?: Record<string, number>;
  /** Why, per member. */
  reasons: Record<string, string[]>;
  /** How long each member had been looking when they were placed in this match (ms). */
  waits: Record<string, number>;
  /**
   * The match as the matcher formed it, before anyone joined (a trio's third, a circle's
   * newcomers) and before its text was rewritten for them: for the sponsor export, which counts
   * the match that was made. Numbers only, so forgetting someone leaves it as it is. Absent on
   * matches saved before it was kept (27 November).
   */
  formed?: MatchFormed;
  open: boolean;
}

/** What a match was when it formed (see `MatchRecord.formed`). */
export interface MatchFormed {
  /** How many people it was formed with. */
  size: number;
  /** How many interests they shared then. */
  sharedTopics: number;
  /** The longest any of them had been looking (ms). */
  waitMs: number;
}

/** Someone who left a match after it met. */
export interface FormerMember {
  id: string;
  /**
   * Who was in the match with them: those still in it at the moment they left, and anyone they
   * met there who had left before them and came back since. People who join after they left
   * are not on it: they never met. Empty when not known (a match saved before this was kept).
   * A forgotten attendee is taken off it.
   */
  with: string[];
}

/** A report an attendee made about another, for the organiser. */
export interface ReportRecord {
  id: string;
  eventId: string;
  reporterId: string;
  reportedId: string;
  reason: ReportReason;
  text: string | null;
  at: number;
}

/** Contacts shared in one match; `revealed` once every member had shared. */
export interface ContactExchange {
  contacts: Record<string, Contact>;
  revealed: boolean;
}

/** Everything one matching tick of one event needs, read in one go. */
export interface TickSnapshot {
  event: EventRecord;
  looking: AttendeeRecord[];
  /** Read-only: the embedded store hands out its own records here, uncopied, to keep ticks cheap. */
  active: ReadonlyArray<Readonly<MatchRecord>>;
  /** The members of the active matches. Read-only, as `active`. */
  members: ReadonlyArray<Readonly<AttendeeRecord>>;
  /** Blocks and cooldowns, and who met whom: at least every pair with a looking attendee in it. */
  history: MatchHistory;
  /**
   * When each cooldown in `history.cooldown` runs out (ms since epoch), by `pairKey`: the wait
   * hint counts down to it.
   */
  cooldownEnds: ReadonlyMap<string, number>;
}

/** What the organiser's figures read of an attendee (see Store.loadStats). */
export type StatsAttendee = Pick<
  AttendeeRecord,
  'id' | 'name' | 'interests' | 'solo' | 'lookFor' | 'status' | 'lookingSince' | 'online' | 'seenAt'
>;

/** What the organiser's figures read of a match: who was in it, when, how it went, the waits. */
export type StatsMatch = Pick<MatchRecord, 'memberIds' | 'createdAt' | 'metAt' | 'endReason' | 'waits' | 'arriving'> & {
  formerMembers?: ReadonlyArray<Pick<FormerMember, 'id'>>;
};

/**
 * Everything the organiser's figures read of an event's people and matches, every second while
 * a dashboard watches. Read-only: the embedded store hands out its own records, uncopied, as it
 * does for a tick.
 */
export interface StatsRecords {
  attendees: ReadonlyArray<Readonly<StatsAttendee>>;
  matches: ReadonlyArray<Readonly<StatsMatch>>;
}

/** What a token grants. Tokens themselves are never stored, only their SHA-256. */
export type TokenGrant =
  | { kind: 'attendee'; eventId: string; attendeeId: string }
  | { kind: 'organiser'; eventId: string };

/** The fields of an attendee that may change together in one atomic step. */
export type AttendeePatch = Partial<
  Pick<
    AttendeeRecord,
    'name' | 'interests' | 'solo' | 'lookFor' | 'offers' | 'asks' | 'status' | 'matchId' | 'lookingSince' | 'arrivalTimedOut' | 'matchTimedOut'
  >
>;
