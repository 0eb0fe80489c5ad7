import type { AttendeePatch, AttendeeRecord, EventDetailsPatch, EventRecord, MatchRecord, StatsRecords, TickSnapshot, TokenGrant } from './records';
import type { AftercareStore } from './store-aftercare';
import type { MatchHistory } from '../matching/types';
import type { AttendeeStatus, EventStatus } from '../../shared/schemas';

/**
 * How many attendees one event holds unless told otherwise (see `Store.createAttendee`): far
 * above any real room, and above the simulator's 10,800, but a script joining in a loop stops.
 */
export const DEFAULT_MAX_ATTENDEES_PER_EVENT = 20_000;

/** How long a store keeps an event's data after it ends when its options do not say (`RETENTION_HOURS` does in the server): a day. */
export const DEFAULT_RETENTION_MS = 86_400_000;

export type { ReportOutcome } from './store-aftercare';

/** Where a step that takes someone off a match (`endMatch`, `removeFromMatch`) moves them. */
export interface NextAfterMatch {
  status: AttendeeStatus;
  lookingSince: number | null;
  /**
   * The server took them off because time ran out: in the same step, this match's id is kept on
   * them as `matchTimedOut` ('match': nobody said they found each other in time) or as
   * `arrivalTimedOut` ('arrival': they were on their way to a group that met and did not find it
   * in time), so no reader ever sees them off the match without the reason.
   * @default neither: what they kept before stays
   */
  timedOut?: 'match' | 'arrival';
}

/**
 * Where Mingle keeps its truth. Every method that changes state is atomic: it either applies
 * whole or not at all, so two instances racing on one attendee cannot both win. The memory and
 * Redis stores pass one contract suite (test/store/contract.ts).
 */
export interface Store extends AftercareStore {
  /** Saves a new event and its organiser token hash. Returns false if the join code is taken. */
  createEvent(event: EventRecord, organiserTokenHash: string): Promise<boolean>;
  getEvent(eventId: string): Promise<EventRecord | null>;
  /**
   * When everything about the event goes (ms since epoch): its end (`endsAt`, else the store's
   * default event length after `createdAt`) plus the store's retention period.
   */
  deletesAt(event: Pick<EventRecord, 'endsAt' | 'createdAt'>): number;
  getEventByCode(code: string): Promise<EventRecord | null>;
  /**
   * Patches an event's details. Status and end go through `setEventStatus`, which guards them.
   * Returns the event after, or null if there is none. Once the event has ended its details
   * (name, topics, spots, planned end) are its record and stay as they were: a patch of any of
   * them answers `'ended'` and changes nothing. The check and the write are one atomic step, so
   * such a patch racing an end never lands after it. An announcement alone is always taken: what
   * the organisers say after the end is news, shown on the phones' thank-you screen.
   *
   * A new planned end (`endsAt`; null for none, when the default event length from `createdAt`
   * applies) moves `deletesAt` with it, later or sooner: on Redis every key of the event is
   * re-expired to match in the same step, as an end does (a patch that leaves it where it was
   * re-expires nothing). The caller keeps it in the future.
   */
  updateEvent(eventId: string, patch: EventDetailsPatch): Promise<EventRecord | 'ended' | null>;
  /**
   * Moves an event to `status` in one atomic step, unless it has ended: `ended` is for good, so
   * an end and a resume racing each other can never reopen it. Ending also brings `endsAt`
   * forward to `at` when it was later (or unset), so the event's data goes at its actual end plus
   * the retention period; on Redis every key of the event is re-expired to match. Ending also
   * takes down the announcement that was up, in the same step: what was said before the end
   * ("back in 5 minutes") no longer holds, and an announcement an ended event has is then always
   * one sent after its end, which phones that connect later show on their thank-you screen.
   * Pausing keeps `at` as `pausedAt`; resuming clears it and moves every `lookingSince` (of those
   * looking, and those in a match, who keep theirs for a "can't find") on by the pause, to at most
   * `at`, in the same step: nobody can be matched while
   * matching is paused, so that time is no part of anyone's wait (the matcher's ageing and
   * thresholds, the wait hints, the organiser's "Waiting longest"). Returns the
   * event after and whether this call changed it (false for a repeat, or for any change asked of
   * an ended event), or null if there is no such event.
   */
  setEventStatus(eventId: string, status: EventStatus, at: number): Promise<{ event: EventRecord; changed: boolean } | null>;

  /**
   * Saves a new attendee and their token hash, unless their event already holds `maxAttendees`
   * people: counting and saving are one atomic step, so joins racing on several instances never
   * pass the cap. Returns false, changing nothing, when the event is full. Someone already in the
   * event (the same id again) is never refused. A forgotten or removed attendee no longer counts.
   * Throws NOT_FOUND if there is no such event.
   */
  createAttendee(
    attendee: AttendeeRecord,
    tokenHash: string,
    /**
     * The most attendees the event may hold, a whole number.
     * @default DEFAULT_MAX_ATTENDEES_PER_EVENT (20000)
     */
    maxAttendees?: number,
    /**
     * The attendee of the same event this one replaces on their phone ("Not you? Start over"). In
     * the same atomic step as the join, every block of theirs, either way, is copied to the new
     * attendee, and the new one is kept as having started over from them, so that a block made
     * against them later reaches the new one too (see `addBlock`). Ignored when there is no such
     * attendee in the event.
     * @default none: a join like any other
     */
    startsOverFrom?: string,
  ): Promise<boolean>;
  getAttendee(eventId: string, attendeeId: string): Promise<AttendeeRecord | null>;
  /** The attendees that exist among `attendeeIds`, in that order. */
  getAttendees(eventId: string, attendeeIds: string[]): Promise<AttendeeRecord[]>;
  listAttendees(eventId: string): Promise<AttendeeRecord[]>;
  /** How many attendees of an event are looking. */
  countLooking(eventId: string): Promise<number>;
  /**
   * How many attendees of an event are looking (`looking`, as `countLooking`), and how many of
   * them, this attendee aside, are not on cooldown with them at `now` (`available`). Blocks are
   * not counted out: a block is silent, and a count one short would tell the blocked person. One
   * read (of the event's cooldown pairs).
   */
  countLookingFor(eventId: string, attendeeId: string, now: number): Promise<{ looking: number; available: number }>;
  /** Looking attendees of an event, connected or not. */
  listLooking(eventId: string): Promise<AttendeeRecord[]>;
  /**
   * The events a tick must visit (someone looking or an active match) whose matcher lease
   * `holder` now holds for `ttlMs`: taken or renewed, so one instance ticks an event at a time.
   * Events with nothing left to do are dropped from the busy index: among them an ended event
   * with no match still waiting to meet, nor anyone still on their way to a group that met (either
   * may yet time out). Its other chatting matches need no tick, and would otherwise be read every
   * tick until the event's data expires.
   */
  leaseBusyEvents(holder: string, ttlMs: number): Promise<string[]>;
  /** One event's matcher inputs, in one read; null if the event is gone. */
  loadTick(eventId: string, now: number): Promise<TickSnapshot | null>;

  /** What a token hash grants, or null. */
  resolveToken(tokenHash: string): Promise<TokenGrant | null>;
  /**
   * Remembers that the organiser removed this attendee: the hash of their token is kept, with the
   * event's id, until the event's data goes (its end plus the retention period, as the rest of
   * it). Called before `deleteAttendee`, so there is no moment when their token opens nothing and
   * is not yet known as removed. Returns false, keeping nothing, if there is no such attendee.
   */
  markRemoved(eventId: string, attendeeId: string): Promise<boolean>;
  /**
   * Undoes `markRemoved` for an attendee still in the event, whose removal did not go through:
   * their token is theirs again, and must not read as removed once it opens nothing (say, after
   * they forget themselves). Does nothing if there is no such attendee or mark.
   */
  unmarkRemoved(eventId: string, attendeeId: string): Promise<void>;
  /**
   * Whether the organiser removed this attendee from the event (marked by `markRemoved`, and not
   * unmarked), also once they are deleted: a second removal of them, say by another organiser a
   * moment later, is then told from an id that never was in the event. Kept as a hash of the id
   * (removed-person.ts), until the event's data goes.
   */
  wasRemoved(eventId: string, attendeeId: string): Promise<boolean>;
  /**
   * The event whose organiser removed the holder of this token hash (see `markRemoved`), or null.
   * It answers whatever else the token still opens: callers ask once `resolveToken` found nothing.
   */
  removedFrom(tokenHash: string): Promise<string | null>;
  /**
   * How many people the organiser removed from the event (marked by `markRemoved`, and not
   * unmarked), for its figures: their reports went with them, and this says something happened.
   */
  countRemoved(eventId: string): Promise<number>;

  /**
   * Applies `patch` only if the attendee's status is one of `from` (and, if given, their
   * matchId equals `matchId`). Returns the updated record, or null if the guard failed.
   */
  transitionAttendee(
    eventId: string,
    attendeeId: string,
    from: AttendeeStatus[],
    patch: AttendeePatch,
    matchId?: string | null,
  ): Promise<AttendeeRecord | null>;

  /**
   * Adds `delta` to the attendee's open-connection count, marks them seen at `now`, returns the
   * record. `count`, when given, is how many connections of theirs this instance holds after the
   * change: a store that keeps each instance's count apart (Redis) sets this instance's to it
   * rather than adding `delta`, so a change it never heard of (the store was unreachable then)
   * is made good by the next one instead of being off for good.
   */
  addOnline(eventId: string, attendeeId: string, delta: number, now: number, count?: number): Promise<AttendeeRecord | null>;
  /**
   * Marks attendees with open connections on this instance as seen at `now`. Returns false,
   * touching nothing, when the event itself is gone (its data deleted: its end plus the
   * retention period passed), so the instance can let its phones go; true otherwise.
   */
  touchOnline(eventId: string, attendeeIds: string[], now: number): Promise<boolean>;


  /**
   * Forms a match: only if the event is open, every member is still looking, and no two of them
   * are blocked or on cooldown at the match's `createdAt`, moves them all to matched with this
   * matchId, saves the match and records them as having met. Returns false and changes nothing
   * otherwise.
   */
  claimMatch(match: MatchRecord): Promise<boolean>;
  /**
   * Adds a looking attendee to an active match (and to its `arriving`, if it has met), if the
   * event is open, the match is still active and smaller than `maxSize`, and the attendee is
   * neither blocked nor on cooldown with anyone in it. Contact offers in it not yet revealed are dropped: they were made to the people
   * there before, not to the newcomer. (A revealed exchange stays as it is, without them.) A
   * former member who comes back is a member again, and still met those who left meanwhile.
   * In the same step the match stops being open to more (`open` false: "one more" means one),
   * and `now` is kept as when the newcomer was sent (`sentAt`): their own time to find a group
   * that met, or a pair's new deadline if it has not (see `unconfirmedEndsAt`).
   * Returns the updated match, or null and changes nothing.
   */
  joinMatch(
    eventId: string,
    matchId: string,
    attendeeId: string,
    maxSize: number,
    reasons: string[],
    waitMs: number,
    /**
     * The time cooldowns are judged at (one counts while `until > now`), and when the newcomer
     * was sent (`sentAt`).
     * @default every cooldown not yet dropped by `loadTick` or `getHistory` counts; no `sentAt`
     */
    now?: number,
    /**
     * Joining a circle ("Open to one more"): only while it is chatting, still open, and nobody
     * sent earlier is on their way, checked in the same step, so a switch turned off just before
     * holds. @default false: a join as a third, to any active match with room
     */
    asCircle?: boolean,
  ): Promise<MatchRecord | null>;
  /** Every match of an event, ended ones included, oldest first. */
  listMatches(eventId: string): Promise<MatchRecord[]>;
  /**
   * Every attendee and every match of an event, ended ones included, in no order, with only the
   * fields the organiser's figures read: `listAttendees` and `listMatches` cut down, at a small
   * part of their cost. Empty for an unknown event.
   */
  loadStats(eventId: string): Promise<StatsRecords>;
  /**
   * The matches of an event `attendeeId` is on, as a member or a former member (`peopleOf` in
   * match-people.ts), ended ones included, oldest first: `listMatches` filtered to them, read
   * without the rest of the event.
   */
  listMatchesOf(eventId: string, attendeeId: string): Promise<MatchRecord[]>;
  getMatch(eventId: string, matchId: string): Promise<MatchRecord | null>;
  listActiveMatches(eventId: string): Promise<MatchRecord[]>;
  /** Applies `patch` to an active match whose status is one of `from`. */
  updateMatch(
    eventId: string,
    matchId: string,
    from: Array<MatchRecord['status']>,
    patch: Partial<Pick<MatchRecord, 'status' | 'metAt' | 'open'>>,
  ): Promise<MatchRecord | null>;
  /**
   * Turns "open to one more" on or off in a chatting match. Opening also needs the event not
   * ended and room for one more (fewer than `maxMembers` members, those on their way included),
   * checked in the same step as the write, so that no join or end slips in between. Returns the
   * match after; `'ended'` or `'full'`, changing nothing, when opening is refused for that; null
   * when the match is not chatting (gone, ended, or not yet met).
   */
  setMatchOpen(eventId: string, matchId: string, open: boolean, maxMembers: number): Promise<MatchRecord | 'ended' | 'full' | null>;
  /**
   * Someone sent to join a group that had met says they found it: takes them off its `arriving`.
   * Returns the match after, or null (and changes nothing) if it is not chatting or they were not
   * on their way to it.
   */
  arrived(eventId: string, matchId: string, attendeeId: string): Promise<MatchRecord | null>;
  /**
   * Rewrites what an active match says about its people (shared topics, icebreaker, and the
   * reasons of each one named), only while its members are exactly `memberIds`, in that order:
   * text worked out for one set of people never lands on another. Reasons of anyone not named
   * are left as they are. Returns the match after, or null and changes nothing.
   */
  rewriteMatchText(
    eventId: string,
    matchId: string,
    memberIds: string[],
    text: Pick<MatchRecord, 'sharedTopics' | 'icebreaker' | 'reasons'>,
  ): Promise<MatchRecord | null>;
  /**
   * Ends a match whose status is one of `from` and moves each member still in it to
   * `next[memberId]` (status and lookingSince, and any `timedOut` reason), or to idle for a member `next` does not name
   * (one who joined after the caller looked). Returns the ended match, or null if it was not in
   * one of those statuses.
   *
   * With `memberIds`, it ends the match only while its members are exactly those, in that order:
   * a caller who chose to end a pair does not end the trio someone joined meanwhile. Otherwise it
   * answers `'members_changed'` and changes nothing, and the caller reads the match again.
   */
  endMatch(
    eventId: string,
    matchId: string,
    reason: NonNullable<MatchRecord['endReason']>,
    endedAt: number,
    next: Record<string, NextAfterMatch>,
    from?: Array<'matched' | 'chatting'>,
    /** @default any members: the match ends whoever is in it */
    memberIds?: string[],
    /**
     * Ends it only while this attendee is still on their way to it (`arriving`): a leave decided
     * for someone who had not found the group stands only if they have not found it since.
     * @default no such condition
     */
    arriving?: string,
  ): Promise<MatchRecord | 'members_changed' | null>;

  /**
   * Takes one member out of an active match of three or more whose status is one of `from`, and
   * moves them to `next` (with any `timedOut` reason, in the same step); the rest carry on. A contact offer they made there and that was not
   * yet revealed goes with them; if everyone left has then offered, the exchange is revealed
   * (`revealed: true` says this call did it). Someone leaving a match that met stays on it as a
   * former member, with the members left in it as the people they were with, unless they were
   * still `arriving` (they never met it); nor does it name anyone still arriving among those they
   * were with. Returns the match
   * after, or null (and changes nothing) if they were not in it, it was in another status, or it
   * would leave fewer than two.
   */
  removeFromMatch(
    eventId: string,
    matchId: string,
    attendeeId: string,
    next: NextAfterMatch,
    from?: Array<'matched' | 'chatting'>,
    /**
     * Only while they are still on their way to it (`arriving`), in the same step (see endMatch).
     * @default false
     */
    whileArriving?: boolean,
  ): Promise<{ match: MatchRecord; revealed: boolean } | null>;

  /**
   * Deletes an attendee and every trace of them: their record and token, their contacts and
   * feedback, reports by or about them, and their id in matches and pair histories (replaced by
   * an anonymous placeholder, so figures still add up; taken off former members and off whom
   * they were with). Refuses (null, nothing changed) while
   * they are in a match: leave it first. Returns the deleted record, or null.
   */
  deleteAttendee(eventId: string, attendeeId: string): Promise<AttendeeRecord | null>;

  /**
   * Deletes every event whose end plus the retention period has passed. The Redis store's keys
   * expire by themselves, so it has nothing to do.
   */
  sweep(now: number): Promise<number>;

  /** Who met whom, who blocked whom, and pairs on cooldown until a time after `now`. */
  getHistory(eventId: string, now: number): Promise<MatchHistory>;
  /** Whether two people were ever put in a match together in this event (one pair of `met`). */
  hasMet(eventId: string, a: string, b: string): Promise<boolean>;
  /** Keeps a pair apart until `until` (ms since epoch). */
  addCooldown(eventId: string, a: string, b: string, until: number): Promise<void>;

  /** True if the store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
