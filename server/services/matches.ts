import type { MatchLeavePayload, MatchOpenPayload, State } from '../../shared/schemas';
import { AppError, conflict, forbidden, notFound } from '../errors';
import type { AttendeeRecord, MatchRecord } from '../store/records';
import type { Store } from '../store/store';
import type { AttendeeService } from './attendees';
import type { Notifier } from './notifier';

export interface MatchServiceOptions {
  store: Store;
  notifier: Notifier;
  attendees: AttendeeService;
  now: () => number;
  /**
   * How long a pair who could not find each other are kept apart, even if nobody else is looking.
   * @default 60000
   */
  cantFindCooldownMs?: number;
}

/**
 * What an attendee does with matching: look, stop looking, confirm, leave. Every action is
 * idempotent: a retried event finds the state it asked for and changes nothing twice.
 */
export class MatchService {
  constructor(private readonly o: MatchServiceOptions) {}

  async find(attendeeId: string): Promise<State> {
    const me = await this.o.attendees.get(attendeeId);
    const event = await this.o.store.getEvent(me.eventId);
    if (event?.status === 'ended') throw new AppError('EVENT_CLOSED', 'This event has ended');
    if (me.status === 'looking') return this.o.attendees.state(attendeeId);
    if (me.status !== 'idle') throw conflict('You are already in a match');
    const updated = await this.o.store.transitionAttendee(attendeeId, ['idle'], {
      status: 'looking',
      lookingSince: this.o.now(),
    });
    if (!updated) return this.retryAfterRace(attendeeId, 'looking');
    return (await this.o.attendees.pushState(attendeeId))!;
  }

  async cancel(attendeeId: string): Promise<State> {
    const me = await this.o.attendees.get(attendeeId);
    if (me.status === 'idle') return this.o.attendees.state(attendeeId);
    if (me.status !== 'looking') throw conflict('You are in a match; leave it instead');
    const updated = await this.o.store.transitionAttendee(attendeeId, ['looking'], {
      status: 'idle',
      lookingSince: null,
    });
    if (!updated) return this.retryAfterRace(attendeeId, 'idle');
    return (await this.o.attendees.pushState(attendeeId))!;
  }

  async met(attendeeId: string, matchId: string): Promise<State> {
    const { match } = await this.memberOf(attendeeId, matchId);
    if (match.status === 'chatting') return this.o.attendees.state(attendeeId);
    const updated = await this.o.store.updateMatch(matchId, ['matched'], {
      status: 'chatting',
      metAt: this.o.now(),
    });
    if (!updated) return this.met(attendeeId, matchId);
    return (await this.o.attendees.pushState(attendeeId, ...others(updated, attendeeId)))!;
  }

  async leave(attendeeId: string, { matchId, reason }: MatchLeavePayload): Promise<State> {
    const found = await this.memberOf(attendeeId, matchId, true);
    if (!found) return this.o.attendees.state(attendeeId); // already left: a retry
    const { match } = found;
    const members = await this.o.store.getAttendees(match.memberIds);
    const next = Object.fromEntries(
      members.map((m) => [
        m.id,
        reason === 'cant_find'
          ? { status: 'looking' as const, lookingSince: m.lookingSince ?? this.o.now() }
          : { status: 'idle' as const, lookingSince: null },
      ]),
    );
    const ended = await this.o.store.endMatch(matchId, reason, this.o.now(), next);
    if (!ended) return this.o.attendees.state(attendeeId);
    if (reason === 'cant_find') await this.cooldown(ended);
    for (const id of ended.memberIds) {
      const theirReason = reason === 'done' && id !== attendeeId ? 'partner_left' : reason;
      this.o.notifier.toAttendee(id, 'match:ended', { matchId, reason: theirReason });
    }
    return (await this.o.attendees.pushState(attendeeId, ...others(ended, attendeeId)))!;
  }

  async setOpen(attendeeId: string, { matchId, open }: MatchOpenPayload): Promise<State> {
    const { match } = await this.memberOf(attendeeId, matchId);
    if (match.open === open) return this.o.attendees.state(attendeeId);
    if (match.status !== 'chatting') throw conflict('Only a circle that has met can open up');
    const updated = await this.o.store.updateMatch(matchId, ['chatting'], { open });
    if (!updated) throw conflict('This match has changed; try again');
    return (await this.o.attendees.pushState(attendeeId, ...others(updated, attendeeId)))!;
  }

  /** Ends a match nobody confirmed in time: everyone goes back to idle. */
  async timeout(match: MatchRecord): Promise<void> {
    const next = Object.fromEntries(
      match.memberIds.map((id) => [id, { status: 'idle' as const, lookingSince: null }]),
    );
    const ended = await this.o.store.endMatch(match.id, 'timeout', this.o.now(), next);
    if (!ended) return;
    for (const id of ended.memberIds) {
      this.o.notifier.toAttendee(id, 'match:ended', { matchId: match.id, reason: 'timeout' });
    }
    await this.o.attendees.pushState(...ended.memberIds);
  }

  private async cooldown(match: MatchRecord) {
    const until = this.o.now() + (this.o.cantFindCooldownMs ?? 60_000);
    const ids = match.memberIds;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++)
        await this.o.store.addCooldown(match.eventId, ids[i]!, ids[j]!, until);
  }

  /**
   * The attendee's active match with this id. NOT_FOUND for an unknown match, FORBIDDEN for
   * someone else's, CONFLICT for one that has ended (or null when `endedOk`).
   */
  private async memberOf(attendeeId: string, matchId: string, endedOk: true): Promise<{ match: MatchRecord; me: AttendeeRecord } | null>;
  private async memberOf(attendeeId: string, matchId: string): Promise<{ match: MatchRecord; me: AttendeeRecord }>;
  private async memberOf(attendeeId: string, matchId: string, endedOk = false) {
    const [me, match] = await Promise.all([
      this.o.attendees.get(attendeeId),
      this.o.store.getMatch(matchId),
    ]);
    if (!match || match.eventId !== me.eventId) throw notFound('Match');
    if (!match.memberIds.includes(attendeeId)) throw forbidden('That is not your match');
    if (match.status === 'ended' || me.matchId !== matchId) {
      if (endedOk) return null;
      throw conflict('That match has ended');
    }
    return { match, me };
  }

  /** Someone else changed this attendee between our read and write; answer from the truth. */
  private async retryAfterRace(attendeeId: string, wanted: AttendeeRecord['status']): Promise<State> {
    const state = await this.o.attendees.state(attendeeId);
    if (state.status === wanted || (wanted === 'looking' && state.match)) return state;
    throw conflict('Your status changed; try again');
  }
}

function others(match: MatchRecord, attendeeId: string): string[] {
  return match.memberIds.filter((id) => id !== attendeeId);
}
