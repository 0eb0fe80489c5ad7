import type { JoinBody, JoinResponse, ProfileUpdate, State } from '../../shared/schemas';
import { AppError, notFound, removed, unauthorized } from '../errors';
import type { AttendeeRecord, EventRecord, MatchRecord, TokenGrant } from '../store/records';
import { DEFAULT_MAX_ATTENDEES_PER_EVENT, type Store } from '../store/store';
import { hashToken, newId, newToken } from './ids';
import type { Notifier } from './notifier';
import { retellMatch } from './retell';
import { meView, stateView } from './views';

/** The profile fields a match's reasons, shared topics and icebreaker are worked out from. */
const TOLD_FIELDS = ['interests', 'solo', 'offers', 'asks'] as const;

/** Who is acting: every attendee lives in exactly one event. */
export interface AttendeeRef {
  eventId: string;
  attendeeId: string;
}

export interface AttendeeServiceOptions {
  store: Store;
  notifier: Notifier;
  now: () => number;
  /**
   * The most attendees one event may hold; a join past it is refused with EVENT_FULL. Those
   * already in the event are never refused: they resume with their token, not by joining.
   * @default DEFAULT_MAX_ATTENDEES_PER_EVENT (20000)
   */
  maxAttendeesPerEvent?: number;
}

/** Joining, tokens, profiles, presence, and the authoritative `state` of each attendee. */
export class AttendeeService {
  constructor(private readonly o: AttendeeServiceOptions) {}

  /**
   * Joins an event as someone new. With `previousToken`, the token this phone held before in the
   * same event, every block of that attendee, either way, is copied to the new one, and blocks
   * made against that attendee later reach the new one too: "Start over" on a phone neither
   * undoes a block nor dodges one (a reload or another browser, with no previousToken, joins as
   * someone new: there are no accounts). The store does it in the same atomic step as the join,
   * so a failure leaves nobody half-joined. Any other value of it is ignored, with nothing said.
   */
  async join(code: string, { previousToken, ...profile }: JoinBody): Promise<JoinResponse> {
    const event = await this.o.store.getEventByCode(code);
    if (!event) throw notFound('Event');
    if (event.status === 'ended') throw new AppError('EVENT_CLOSED', 'This event has ended.');
    const startsOverFrom = previousToken === undefined ? undefined : await this.previousAttendee(event.id, previousToken);
    const token = newToken();
    const attendee: AttendeeRecord = {
      id: newId(),
      eventId: event.id,
      ...profile,
      status: 'idle',
      matchId: null,
      lookingSince: null,
      joinedAt: this.o.now(),
      online: 0,
      seenAt: 0,
    };
    const max = this.o.maxAttendeesPerEvent ?? DEFAULT_MAX_ATTENDEES_PER_EVENT;
    const created = await this.o.store.createAttendee(attendee, hashToken(token), max, startsOverFrom);
    if (!created) throw new AppError('EVENT_FULL', 'This event is full.');
    return { attendee: meView(attendee), token };
  }

  /** The id of the attendee `previousToken` opens, if it opens one in this event. */
  private async previousAttendee(eventId: string, previousToken: string): Promise<string | undefined> {
    const grant = await this.findGrant(previousToken);
    return grant?.kind === 'attendee' && grant.eventId === eventId ? grant.attendeeId : undefined;
  }

  /**
   * What a token grants, else UNAUTHORIZED: with the reason REMOVED once the organiser took its
   * attendee out (a phone that was offline then learns why on its next resume).
   */
  async grant(token: string): Promise<TokenGrant> {
    const grant = await this.findGrant(token);
    if (grant) return grant;
    if (await this.o.store.removedFrom(hashToken(token))) throw removed();
    throw unauthorized();
  }

  /** What a token grants, or null once it opens nothing (never issued, forgotten, removed, expired). */
  async findGrant(token: string): Promise<TokenGrant | null> {
    return this.o.store.resolveToken(hashToken(token));
  }

  /** The attendee a token belongs to, or UNAUTHORIZED (see {@link grant}). */
  async authenticate(token: string): Promise<AttendeeRecord> {
    const grant = await this.grant(token);
    if (grant.kind !== 'attendee') throw unauthorized();
    return this.holder(grant);
  }

  /** The attendee behind an attendee grant; UNAUTHORIZED once they were removed or forgotten. */
  async holder(grant: Extract<TokenGrant, { kind: 'attendee' }>): Promise<AttendeeRecord> {
    const attendee = await this.o.store.getAttendee(grant.eventId, grant.attendeeId);
    if (!attendee) throw unauthorized();
    return attendee;
  }

  async get({ eventId, attendeeId }: AttendeeRef): Promise<AttendeeRecord> {
    const a = await this.o.store.getAttendee(eventId, attendeeId);
    if (!a) throw notFound('Attendee');
    return a;
  }

  /** Builds the authoritative state from the store alone, so any instance can answer. */
  async state(ref: AttendeeRef): Promise<State> {
    return (await this.stateAndMatch(ref)).state;
  }

  /** `state`, with the record of the match it was built from (null for none). */
  async stateAndMatch(ref: AttendeeRef): Promise<{ state: State; match: MatchRecord | null }> {
    const [me, event] = await Promise.all([this.get(ref), this.o.store.getEvent(ref.eventId)]);
    if (!event) throw notFound('Event');
    const match = me.matchId ? await this.o.store.getMatch(ref.eventId, me.matchId) : null;
    const members = match ? await this.o.store.getAttendees(ref.eventId, match.memberIds) : [];
    return { state: stateView(event, me, match, members), match };
  }

  /** Sends each attendee of the event their fresh state; returns the first one's (the actor's). */
  async pushState(eventId: string, ...attendeeIds: string[]): Promise<State> {
    const [first, ...others] = attendeeIds;
    const mine = await this.state({ eventId, attendeeId: first! });
    this.o.notifier.toAttendee(first!, 'state', mine);
    // Someone else may be gone (forgotten, removed): they need no state.
    await Promise.all(
      others.map((attendeeId) =>
        this.state({ eventId, attendeeId }).then(
          (state) => this.o.notifier.toAttendee(attendeeId, 'state', state),
          (err: unknown) => {
            if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
          },
        ),
      ),
    );
    return mine;
  }

  /**
   * Sends each member of a match their state, built from records the caller already holds (the
   * ticker's), so announcing a match costs no reads.
   */
  pushMatchStates(event: EventRecord, match: MatchRecord, members: AttendeeRecord[]): void {
    for (const me of members) this.o.notifier.toAttendee(me.id, 'state', stateView(event, me, match, members));
  }

  async updateProfile(ref: AttendeeRef, patch: ProfileUpdate): Promise<State> {
    // As they were, where the edit may change what a match says about them (below).
    const before = TOLD_FIELDS.some((f) => patch[f] !== undefined) ? await this.o.store.getAttendee(ref.eventId, ref.attendeeId) : null;
    const updated = await this.o.store.transitionAttendee(
      ref.eventId,
      ref.attendeeId,
      ['idle', 'looking', 'matched', 'chatting'],
      patch,
    );
    if (!updated) throw notFound('Attendee');
    // Partners see my new name or hint too.
    const match = updated.matchId ? await this.o.store.getMatch(ref.eventId, updated.matchId) : null;
    const others = match ? match.memberIds.filter((id) => id !== ref.attendeeId) : [];
    // What the match says about us ("You're both here on your own", "You both picked Jazz", who
    // can help whom) was worked out from the profiles before: told again from them as they are
    // now, as after a join or a leave. A new name or hint changes none of it, nor does a field
    // sent again as it was (a client that sends the whole profile): either keeps the text.
    const told = before !== null && TOLD_FIELDS.some((f) => JSON.stringify(before[f]) !== JSON.stringify(updated[f]));
    if (match && (match.status === 'matched' || match.status === 'chatting') && told) {
      // The edit stands either way: a failed rewrite leaves the old text rather than fail it.
      await this.o.store
        .getAttendees(ref.eventId, match.memberIds)
        .then((people) => retellMatch(this.o.store, match, people))
        .catch(() => null);
    }
    return this.pushState(ref.eventId, ref.attendeeId, ...others);
  }

  /** A connection opened; `count`: how many of theirs this instance holds now (see Store.addOnline). */
  async connected({ eventId, attendeeId }: AttendeeRef, count?: number): Promise<void> {
    await this.o.store.addOnline(eventId, attendeeId, 1, this.o.now(), count);
  }

  /** A connection closed; `count`: how many of theirs this instance holds now (see Store.addOnline). */
  async disconnected({ eventId, attendeeId }: AttendeeRef, count?: number): Promise<void> {
    await this.o.store.addOnline(eventId, attendeeId, -1, this.o.now(), count);
  }
}
