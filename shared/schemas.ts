import { z } from 'zod';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, JOIN_CODE_MAX_LENGTH } from './join-code';
import { id } from './id';
import { lines, text, topicList } from './text';
import { plainWords } from './plain-words';

// Refusals in plain words ("name: must not be empty") wherever these schemas are parsed: the
// server's HTTP replies and socket acks (see plain-words.ts).
z.config({ customError: plainWords });

/** Largest HTTP body or socket payload the server accepts, in bytes. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

// ---- Events ---------------------------------------------------------------

export const EventStatus = z.enum(['open', 'paused', 'ended']);
export type EventStatus = z.infer<typeof EventStatus>;

/** The public view of an event, as anyone with the join code may see it. */
export const Event = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  topics: z.array(z.string()),
  spots: z.array(z.string()),
  status: EventStatus,
  endsAt: z.string().nullable(),
  /**
   * When the event was created: a planned end may be at most PLANNED_END_MAX_DAYS after it, and
   * one without a planned end counts as ending a day after it.
   */
  createdAt: z.string(),
  /**
   * The organiser's latest announcement, so a phone that (re)connects sees it too. Ending the event
   * takes it down: an ended event's is one sent after the end, for the phones' thank-you screen.
   */
  announcement: z.object({ message: z.string(), at: z.string() }).nullable(),
});
export type Event = z.infer<typeof Event>;

/**
 * How far ahead a planned end may be: 14 days from now, at creation or when changed, and never
 * more than that after the event was created, so that moving it cannot keep the data for ever.
 */
export const PLANNED_END_MAX_DAYS = 14;
export const PLANNED_END_MAX_MS = PLANNED_END_MAX_DAYS * 86_400_000;

/**
 * An event's planned end (`endsAt`), as it is set at creation and changed later: in the future,
 * and at most PLANNED_END_MAX_DAYS ahead: an evening, or a conference. A value that is not a date and time
 * with an offset gets that one issue (`abort`), not also the checks of when, which would read it
 * as something else.
 */
export const PlannedEnd = z.iso
  .datetime({ offset: true, abort: true, error: 'must be a date and time with a timezone offset, e.g. 2030-06-01T22:00:00Z' })
  .refine((d) => Date.parse(d) > Date.now(), 'must be in the future')
  .refine((d) => Date.parse(d) <= Date.now() + PLANNED_END_MAX_MS, `must be within ${PLANNED_END_MAX_DAYS} days`);

export const CreateEventBody = z
  .object({
    name: text(1, 80),
    topics: topicList(40, 32).optional(),
    spots: topicList(20, 60).optional(),
    endsAt: PlannedEnd.optional(),
  })
  .strict();
export type CreateEventBody = z.infer<typeof CreateEventBody>;

export const CreateEventResponse = z.object({
  event: Event,
  organiserToken: z.string(),
  joinUrl: z.string(),
  dashboardUrl: z.string(),
});
export type CreateEventResponse = z.infer<typeof CreateEventResponse>;

export { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from './join-code';

/** A join code, in any case (see shared/join-code.ts, which the home page checks with too). */
export const EventCodeParams = z.object({
  code: z
    .string()
    .min(JOIN_CODE_LENGTH)
    .max(JOIN_CODE_MAX_LENGTH)
    .transform((c) => c.toUpperCase())
    .pipe(z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]+$`), 'not a join code')),
});

// ---- Attendees ------------------------------------------------------------

const profileFields = {
  name: text(1, 40),
  interests: topicList(10, 32),
  solo: z.boolean(),
  lookFor: text(0, 80),
  /** "I can help with…" */
  offers: topicList(5, 32),
  /** "I'd like advice on…" */
  asks: topicList(5, 32),
};

export const JoinBody = z
  .object({
    name: profileFields.name,
    interests: profileFields.interests.default([]),
    solo: profileFields.solo.default(true),
    lookFor: profileFields.lookFor.default(''),
    offers: profileFields.offers.default([]),
    asks: profileFields.asks.default([]),
    /**
     * The token this phone held before in the same event ("Not you? Start over"): the blocks of
     * that attendee, either way, stay with the phone. Anything that is not such a token, malformed
     * included, is ignored: it never fails the join.
     */
    previousToken: z.string().min(16).max(128).optional().catch(undefined),
  })
  .strict();
export type JoinBody = z.infer<typeof JoinBody>;

export const ProfileUpdate = z
  .object({
    name: profileFields.name.optional(),
    interests: profileFields.interests.optional(),
    solo: profileFields.solo.optional(),
    lookFor: profileFields.lookFor.optional(),
    offers: profileFields.offers.optional(),
    asks: profileFields.asks.optional(),
  })
  .strict();
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

/** An attendee as they see themselves. */
export const Me = z.object({
  id: z.string(),
  name: z.string(),
  interests: z.array(z.string()),
  solo: z.boolean(),
  lookFor: z.string(),
  offers: z.array(z.string()),
  asks: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

export const JoinResponse = z.object({ attendee: Me, token: z.string() });
export type JoinResponse = z.infer<typeof JoinResponse>;

// ---- Matches --------------------------------------------------------------

/** What a matched attendee sees of each other person in the match. */
export const Partner = z.object({
  id: z.string(),
  name: z.string(),
  interests: z.array(z.string()),
  lookFor: z.string(),
  /** Sent to join us after we met, and not yet found us ("Cat is coming over"). */
  arriving: z.boolean(),
});
export type Partner = z.infer<typeof Partner>;

export const Beacon = z.object({
  color: z.string().regex(/^#[0-9a-f]{6}$/),
  emoji: z.string(),
  /** The colour's name, for "look for the purple 🦊". */
  colorName: z.string(),
});
export type Beacon = z.infer<typeof Beacon>;

export const MatchStatus = z.enum(['matched', 'chatting']);
export type MatchStatus = z.infer<typeof MatchStatus>;

export const Match = z.object({
  id: z.string(),
  /** Everyone in the match but me. */
  partners: z.array(Partner),
  sharedTopics: z.array(z.string()),
  icebreaker: z.string(),
  spot: z.string().nullable(),
  beacon: Beacon,
  createdAt: z.string(),
  /** Why this match was made, in plain words, for the card. */
  reasons: z.array(z.string()),
  status: MatchStatus,
  /** The circle has said it is open to one more person. */
  open: z.boolean(),
  /**
   * I was sent to join these people after they met, and have not yet said I found them
   * (`match:met`); until then I may still say I can't find them (`match:leave` `cant_find`).
   */
  arriving: z.boolean(),
});
export type Match = z.infer<typeof Match>;

export const AttendeeStatus = z.enum(['idle', 'looking', 'matched', 'chatting']);
export type AttendeeStatus = z.infer<typeof AttendeeStatus>;

/** The authoritative state of one attendee: sent on connect and after every change. */
export const State = z.object({
  event: Event,
  me: Me,
  status: AttendeeStatus,
  match: Match.nullable(),
  /**
   * The last match I was sent to join and was taken off because I had not found it in time (its
   * `match:ended` said `timeout`): for a phone that was away then, to say what happened. Absent
   * when that never happened, and from an older server.
   */
  arrivalTimedOut: z.string().optional(),
  /**
   * The last match I was in that ran out of time with nobody having tapped “We found each other”
   * (its `match:ended` said `timeout`, not as an arrival: see `arrivalTimedOut`): for a phone
   * that was away then, to say why it ended. Absent when that never happened, and from an older
   * server.
   */
  matchTimedOut: z.string().optional(),
});
export type State = z.infer<typeof State>;

export const MatchEndReason = z.enum(['done', 'cant_find', 'partner_left', 'timeout']);
export type MatchEndReason = z.infer<typeof MatchEndReason>;

export const MatchEnded = z.object({
  matchId: z.string(),
  reason: MatchEndReason,
  /**
   * With `partner_left`: the one who left went on to look for someone new (their phone's "Find
   * someone new"), rather than leave the event. Absent otherwise, and from an older server.
   */
  partnerFinding: z.literal(true).optional(),
  /**
   * With `partner_left`: the one who left has left the event (they asked to be forgotten, or the
   * organiser removed them), so they will not be back. Absent when they only ended the match
   * ("Done chatting", say), and from an older server.
   */
  partnerLeftEvent: z.literal(true).optional(),
});
export type MatchEnded = z.infer<typeof MatchEnded>;

/** A match nobody has confirmed yet ends with `timeout` in `endsInMs` unless someone taps "We found each other". */
export const MatchReminder = z.object({ matchId: z.string(), endsInMs: z.number().int().nonnegative() });
export type MatchReminder = z.infer<typeof MatchReminder>;

/** How busy the queue is, for the waiting view. */
export const Waiting = z.object({
  /** Attendees of this event looking right now, including me if I am. */
  looking: z.number().int().nonnegative(),
  /**
   * How many of the others looking could be matched with me now: their phone is connected and
   * they are not on a "can't find them" cooldown with me. What "N others looking" shows. Blocks
   * are not taken off (a block is silent: a count one short would tell).
   */
  available: z.number().int().nonnegative(),
  /** A rough wait estimate in milliseconds, or null when nobody can say. */
  estimateMs: z.number().int().nonnegative().nullable(),
  /**
   * Those looking have waited longer than someone new usually takes to come, and nobody looking
   * now can be placed with them: `estimateMs` is null, and the phone says it is taking a while
   * rather than give a number. Absent otherwise, and from an older server.
   */
  overdue: z.literal(true).optional(),
});
export type Waiting = z.infer<typeof Waiting>;

// ---- Socket payloads (client -> server) -----------------------------------

export const MatchFindPayload = z.object({}).strict();
export const MatchCancelPayload = z.object({}).strict();
export const MatchMetPayload = z.object({ matchId: id }).strict();
export const MatchLeavePayload = z
  .object({
    matchId: id,
    reason: z.enum(['done', 'cant_find']),
    /** Leaving to look for someone new ("Find someone new", `match:find` next): the partners are told so. */
    findNext: z.boolean().optional(),
  })
  .strict();
export const MatchOpenPayload = z.object({ matchId: id, open: z.boolean() }).strict();

export type MatchMetPayload = z.infer<typeof MatchMetPayload>;
export type MatchLeavePayload = z.infer<typeof MatchLeavePayload>;
export type MatchOpenPayload = z.infer<typeof MatchOpenPayload>;

export const AttendeeAuth = z.object({ token: z.string().min(16).max(128) });

// ---- Organiser ------------------------------------------------------------

/** The live figures on the organiser's dashboard. */
export const Stats = z.object({
  eventId: z.string(),
  /** When these figures were worked out. */
  at: z.string(),
  attendees: z.number().int(),
  online: z.number().int(),
  idle: z.number().int(),
  looking: z.number().int(),
  matched: z.number().int(),
  chatting: z.number().int(),
  /** Here on their own and online right now. */
  solo: z.number().int(),
  matchesTotal: z.number().int(),
  metTotal: z.number().int(),
  cantFindTotal: z.number().int(),
  timedOutTotal: z.number().int(),
  /** Time from "find" to a match, over every match so far; null before the first. */
  medianWaitMs: z.number().int().nullable(),
  p90WaitMs: z.number().int().nullable(),
  /** Waits bucketed for a histogram: `[{upToMs, count}]`, the last bucket open-ended (null). */
  waitHistogram: z.array(z.object({ upToMs: z.number().int().nullable(), count: z.number().int() })),
  /** Share of attendees, 0..1, who have had at least one conversation (a match that met). */
  conversedShare: z.number(),
  topics: z.array(z.object({ topic: z.string(), count: z.number().int() })),
  perMinute: z.array(z.object({ minute: z.string(), matches: z.number().int() })),
  longestWaiting: z.array(
    z.object({ id: z.string(), name: z.string(), lookFor: z.string(), waitingMs: z.number().int() }),
  ),
  /**
   * Matching is paused: nobody can be matched, so no wait grows. `waitingMs` is each wait as of the
   * pause (0 for someone who tapped Find since), and a dashboard's clocks stand still until the
   * figures say otherwise. Resuming moves everyone's wait on by the pause, so it counts only the
   * time they could have been matched.
   */
  waitsPaused: z.boolean(),
  /** "Good chat?" answers, counted; never who said what. */
  feedback: z.object({ good: z.number().int(), bad: z.number().int() }),
  /** Reports, newest first, naming only the reported person (by first name) so a host can act. */
  reports: z.array(
    z.object({ id: z.string(), attendeeId: z.string(), name: z.string(), reason: z.string(), text: z.string().nullable(), at: z.string() }),
  ),
  /** Every report about people still here (`reports` lists the newest 50 of them). */
  reportsTotal: z.number().int(),
  /** How many people the organiser removed from the event; their reports went with them. */
  removedTotal: z.number().int(),
  /** When everything about the event is deleted: its end plus the retention period. */
  deletesAt: z.string(),
});
export type Stats = z.infer<typeof Stats>;

export const Announcement = z.object({ message: z.string(), at: z.string() });
export type Announcement = z.infer<typeof Announcement>;

export const EventIdParams = z.object({ id: z.string().min(1).max(64) });
export const AttendeeIdParams = z.object({ id: z.string().min(1).max(64), attendeeId: z.string().min(1).max(64) });

export const EmptyPayload = z.object({}).strict();
export const AnnouncePayload = z.object({ message: lines(1, 280) }).strict();
export type AnnouncePayload = z.infer<typeof AnnouncePayload>;
export const RemoveAttendeePayload = z.object({ attendeeId: id }).strict();
export const EventUpdatePayload = z
  .object({
    name: text(1, 80).optional(),
    topics: topicList(40, 32).optional(),
    spots: topicList(20, 60).optional(),
    /** A new planned end, as at creation; `null` takes it away (the store's default lifetime applies). */
    endsAt: PlannedEnd.nullable().optional(),
  })
  .strict();
export type EventUpdatePayload = z.infer<typeof EventUpdatePayload>;

export const OrganiserAuth = z.object({
  token: z.string().min(16).max(128),
  /** The event the dashboard is for; a token of another event is refused with FORBIDDEN. */
  eventId: z.string().min(1).max(64).optional(),
});

// After the chat (contacts, feedback, safety): shared/aftercare.ts, exported from here too.
export * from './aftercare';
