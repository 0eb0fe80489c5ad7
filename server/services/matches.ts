import { MAX_GROUP_SIZE } from '../../shared/groups';
import type { MatchEndReason, MatchLeavePayload, MatchOpenPayload, State } from '../../shared/schemas';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { waitSettled } from '../store/match-people';
import type { AttendeeRecord, MatchRecord } from '../store/records';
import type { Logger } from '../logger';
import type { NextAfterMatch, Store } from '../store/store';
import type { AttendeeRef, AttendeeService } from './attendees';
import type { Notifier } from './notifier';
import { announceReveal } from './aftercare';
import { formerPartnersOf } from './former-partners';
import { retellMatch } from './retell';
import { stateView } from './views';
import type { WaitingBoard } from './waiting';

export interface MatchServiceOptions {
  store: Store;
  notifier: Notifier;
  attendees: AttendeeService;
  now: () => number;
  /** The latest wait hints, sent to someone the moment they start looking. */
  waiting: WaitingBoard;
  /** For what goes wrong in the background of an action that itself succeeded. */
  logger?: Logger;
  /**
   * How long a pair who could not find each other are kept apart, even if nobody else is looking.
   * @default 60000
   */
  cantFindCooldownMs?: number;
}

type Next = Record<string, NextAfterMatch>;

/**
 * What an attendee does with matching: look, stop looking, confirm, leave. Every action is
 * idempotent: a retried event finds the state it asked for and changes nothing twice.
 */
export class MatchService {
  constructor(private readonly o: MatchServiceOptions) {}

  async find(ref: AttendeeRef): Promise<State> {
    const [me, event] = await Promise.all([this.o.attendees.get(ref), this.o.store.getEvent(ref.eventId)]);
    if (event?.status === 'ended') throw new AppError('EVENT_CLOSED', 'This event has ended.');
    if (me.status === 'looking') return this.o.attendees.state(ref);
    if (me.status !== 'idle') throw conflict('You are already in a match.');
    // Sent together, so the count (run after the change, on the same connection) includes me.
    const [updated, counts] = await Promise.all([
      this.o.store.transitionAttendee(ref.eventId, ref.attendeeId, ['idle'], { status: 'looking', lookingSince: this.o.now() }),
      this.o.store.countLookingFor(ref.eventId, ref.attendeeId, this.o.now()),
    ]);
    if (!updated || !event) return this.afterRace(ref, 'looking');
    const state = stateView(event, updated, null, []);
    this.o.notifier.toAttendee(ref.attendeeId, 'state', state);
    const hint = this.o.waiting.forNewcomer(ref.eventId, ref.attendeeId, counts);
    // No matches form while the event is paused: no wait to promise, whatever the last tick said.
    this.o.notifier.toAttendee(ref.attendeeId, 'match:waiting', event.status === 'open' ? hint : { ...hint, estimateMs: null });
    return state;
  }

  async cancel(ref: AttendeeRef): Promise<State> {
    const me = await this.o.attendees.get(ref);
    if (me.status === 'idle') return this.o.attendees.state(ref);
    if (me.status !== 'looking') throw conflict('You are in a match; leave it instead.');
    const updated = await this.o.store.transitionAttendee(ref.eventId, ref.attendeeId, ['looking'], {
      status: 'idle',
      lookingSince: null,
    });
    if (!updated) return this.afterRace(ref, 'idle');
    return this.o.attendees.pushState(ref.eventId, ref.attendeeId);
  }

  /**
   * "We found each other". Someone sent to join a group that had already met says it for
   * themselves: they have found the others (see `arriving` on MatchRecord).
   */
  async met(ref: AttendeeRef, matchId: string): Promise<State> {
    const match = await this.activeMatchOf(ref, matchId);
    if (match.status === 'chatting') {
      const arrived = match.arriving?.includes(ref.attendeeId) ? await this.o.store.arrived(ref.eventId, matchId, ref.attendeeId) : null;
      if (!arrived) return this.o.attendees.state(ref);
      // Whoever left the one waiting for me is now out of it for good.
      this.tellWaitSettled({ ...arrived, arriving: [...(arrived.arriving ?? []), ref.attendeeId] }, arrived);
      return this.o.attendees.pushState(ref.eventId, ref.attendeeId, ...others(arrived, ref.attendeeId));
    }
    const updated = await this.o.store.updateMatch(ref.eventId, matchId, ['matched'], {
      status: 'chatting',
      metAt: this.o.now(),
    });
    // Null means the partner confirmed (or left) at the same moment: answer from the truth.
    if (!updated) return this.met(ref, matchId);
    return this.o.attendees.pushState(ref.eventId, ref.attendeeId, ...others(updated, ref.attendeeId));
  }

  /**
   * Leaves a match. `cant_find` is for a match nobody has confirmed, or for someone sent to join
   * a group that met who has not found it yet: once they have found each other, it answers
   * CONFLICT rather than send a talking group back to the queue. It puts people back to looking
   * only while the event has not ended; after, to idle. `toldAs` is the reason the leaver's
   * `match:ended` gives (their own, unless the server leaves for them: see `arrivalTimeout`).
   * `findNext`: they leave to look for someone new, and a partner left alone is told so
   * (`partnerFinding`) rather than take them to have left the event. `leavesEvent`: they are
   * leaving the event itself (see `leaveAny`), and a partner left alone is told so
   * (`partnerLeftEvent`); without it, they only ended the match.
   */
  async leave(ref: AttendeeRef, payload: MatchLeavePayload, toldAs: MatchEndReason = payload.reason, leavesEvent = false): Promise<State> {
    const { matchId, reason } = payload;
    const match = await this.activeMatchOf(ref, matchId, true);
    if (!match) return this.o.attendees.state(ref); // already left: a retry
    const onTheWay = match.arriving?.includes(ref.attendeeId) === true;
    if (reason === 'cant_find' && match.status === 'chatting' && !onTheWay) {
      throw conflict('Your match has already said you found each other. To move on, tap “Done chatting”.');
    }
    const eventOn = (await this.o.store.getEvent(ref.eventId))?.status !== 'ended';
    const requeue = reason === 'cant_find' && eventOn;
    if (match.memberIds.length > 2) return this.leaveGroup(ref, match, payload, requeue, onTheWay, toldAs, leavesEvent);
    // Left as a pair while one of the two was still on their way (the others left meanwhile).
    // If that one goes, the chat is over for the other too, but only the leaver asked to look
    // again. If the other goes, the one on their way never got their chat: they look again, in
    // the place in the queue they had.
    const members = await this.o.store.getAttendees(ref.eventId, match.memberIds);
    const next: Next = {};
    for (const m of members) {
      const looks = m.id === ref.attendeeId ? requeue : eventOn && (match.arriving?.includes(m.id) || (requeue && !onTheWay));
      next[m.id] = looks ? { status: 'looking', lookingSince: m.lookingSince ?? this.o.now() } : { status: 'idle', lookingSince: null };
    }
    if (toldAs === 'timeout') next[ref.attendeeId]!.timedOut = 'arrival';
    const requeued = Object.keys(next).filter((id) => next[id]!.status === 'looking');
    // The cooldown goes first, so no tick can pair them again in between.
    if (requeue) await this.cooldown(match);
    // Only the pair read above: a third the ticker added since turns this into leaving a group.
    const endReason = onTheWay ? 'done' : reason;
    // On the way, the leave stands only while they still are: a "found them" since wins.
    const ended = await this.o.store.endMatch(ref.eventId, matchId, endReason, this.o.now(), next, fromFor(reason, onTheWay), match.memberIds, onTheWay ? ref.attendeeId : undefined);
    // It ended, was confirmed, or someone joined at the same moment: answer from the truth.
    if (!ended || ended === 'members_changed') return this.leave(ref, payload, toldAs, leavesEvent);
    if (requeued.length > 0) await this.idleIfEnded(ref.eventId, requeued);
    const why = leavesEvent ? { partnerLeftEvent: true as const } : findsNext(payload, eventOn) ? { partnerFinding: true as const } : {};
    for (const id of ended.memberIds) {
      if (id === ref.attendeeId) this.o.notifier.toAttendee(id, 'match:ended', { matchId, reason: toldAs });
      else if (endReason === 'done') this.o.notifier.toAttendee(id, 'match:ended', { matchId, reason: 'partner_left', ...why });
      else this.o.notifier.toAttendee(id, 'match:ended', { matchId, reason: endReason });
    }
    // Ended with someone still on their way: the one waiting there and the last to leave them may now swap.
    this.tellWaitSettled({ ...ended, status: 'chatting' }, ended);
    return this.o.attendees.pushState(ref.eventId, ref.attendeeId, ...others(ended, ref.attendeeId));
  }

  /**
   * Takes an attendee who is leaving the event (removal, forget-me) out of whatever match they
   * are in: a partner left alone is told they have gone for good (`partnerLeftEvent`).
   */
  async leaveAny(ref: AttendeeRef): Promise<void> {
    const me = await this.o.store.getAttendee(ref.eventId, ref.attendeeId);
    if (me?.matchId) await this.leave(ref, { matchId: me.matchId, reason: 'done' }, 'done', true);
  }

  /**
   * Deletes an attendee for good, first taking them out of any match. The store refuses while
   * they are matched, so a match the ticker formed in between is left too, then it tries again.
   * The people who met them are then told their "People I met" changed (`connections:changed`).
   */
  async deleteAttendee(ref: AttendeeRef): Promise<void> {
    // Read first: their id goes from the matches with the rest of their data.
    const metThem = await formerPartnersOf(this.o.store, ref);
    for (let attempt = 0; attempt < 5; attempt++) {
      await this.o.store.transitionAttendee(ref.eventId, ref.attendeeId, ['looking'], { status: 'idle', lookingSince: null });
      await this.leaveAny(ref);
      if (await this.o.store.deleteAttendee(ref.eventId, ref.attendeeId)) {
        this.o.notifier.toAttendees(metThem, 'connections:changed', {});
        return;
      }
      if (!(await this.o.store.getAttendee(ref.eventId, ref.attendeeId))) throw notFound('Attendee');
    }
    throw conflict('They were being matched just then; try again.');
  }

  /**
   * In a trio or circle, the one who leaves goes; the rest carry on together. If the leaver was
   * the only one yet to offer their details, the rest have now all offered: they are revealed.
   */
  private async leaveGroup(
    ref: AttendeeRef,
    match: MatchRecord,
    payload: MatchLeavePayload,
    requeue: boolean,
    onTheWay: boolean,
    toldAs: MatchEndReason,
    leavesEvent: boolean,
  ): Promise<State> {
    const { reason } = payload;
    const me = await this.o.attendees.get(ref);
    const next: NextAfterMatch = requeue
      ? { status: 'looking', lookingSince: me.lookingSince ?? this.o.now() }
      : { status: 'idle', lookingSince: null };
    if (toldAs === 'timeout') next.timedOut = 'arrival';
    if (requeue) await this.cooldown(match, ref.attendeeId);
    const after = await this.o.store.removeFromMatch(ref.eventId, match.id, ref.attendeeId, next, fromFor(reason, onTheWay), onTheWay);
    // Null: someone else left at the same moment and this is now a pair, or it was confirmed
    // (no more "can't find"), or I already left: answer as the match now is.
    if (!after) return this.leave(ref, payload, toldAs, leavesEvent);
    // What it says about its people was for a group with me in it: told again for those left.
    // The leave stands either way: a failed rewrite leaves the old text rather than fail the leave.
    await this.o.store
      .getAttendees(ref.eventId, after.match.memberIds)
      .then((people) => retellMatch(this.o.store, after.match, people))
      .catch((err: unknown) => this.o.logger?.warn({ err, eventId: ref.eventId, matchId: match.id }, 'could not rewrite the match text after a leave'));
    if (requeue) await this.idleIfEnded(ref.eventId, [ref.attendeeId]);
    if (after.revealed) await announceReveal(this.o, after.match, await this.o.store.getContacts(ref.eventId, match.id));
    this.o.notifier.toAttendee(ref.attendeeId, 'match:ended', { matchId: match.id, reason: toldAs });
    this.tellWaitSettled(match, after.match);
    return this.o.attendees.pushState(ref.eventId, ref.attendeeId, ...after.match.memberIds);
  }

  /**
   * Sends back to idle any of these people who are looking in an event that has ended. A
   * "can't find" that read the event open and an end landing at the same moment: the end's own
   * sweep of the queue may have run before this leave put them back in it.
   */
  private async idleIfEnded(eventId: string, attendeeIds: string[]): Promise<void> {
    if ((await this.o.store.getEvent(eventId))?.status !== 'ended') return;
    for (const id of attendeeIds) {
      await this.o.store.transitionAttendee(eventId, id, ['looking'], { status: 'idle', lookingSince: null });
    }
  }

  async setOpen(ref: AttendeeRef, { matchId, open }: MatchOpenPayload): Promise<State> {
    const match = await this.activeMatchOf(ref, matchId);
    if (match.open === open) return this.o.attendees.state(ref);
    if (match.status !== 'chatting') throw conflict('Only a circle that has met can open up.');
    // Nobody could ever be sent: checked with the write, so no join or end slips in between.
    const updated = await this.o.store.setMatchOpen(ref.eventId, matchId, open, MAX_GROUP_SIZE);
    if (updated === 'ended') throw new AppError('EVENT_CLOSED', 'This event has ended, so nobody new will be sent to join you.');
    if (updated === 'full') throw conflict('Your group is full.');
    if (!updated) throw conflict('This match has changed; try again.');
    return this.o.attendees.pushState(ref.eventId, ref.attendeeId, ...others(updated, ref.attendeeId));
  }

  /** Ends a match nobody confirmed in time: everyone goes back to idle. */
  async timeout(match: MatchRecord): Promise<void> {
    const next: Next = {};
    // Why is kept on each, in the same step, for a phone away now, which hears no `match:ended`
    // (see `State.matchTimedOut`): no `state` read from then on lacks it.
    for (const id of match.memberIds) next[id] = { status: 'idle', lookingSince: null, timedOut: 'match' };
    // Only a match still unconfirmed: one confirmed since the ticker looked carries on.
    const ended = await this.o.store.endMatch(match.eventId, match.id, 'timeout', this.o.now(), next, ['matched']);
    if (!ended || ended === 'members_changed') return;
    for (const id of ended.memberIds) {
      this.o.notifier.toAttendee(id, 'match:ended', { matchId: match.id, reason: 'timeout' });
    }
    await this.o.attendees.pushState(match.eventId, ...ended.memberIds);
  }

  /**
   * Someone sent to join a group that met has not found it in time (see arrivals.ts): as their
   * own "can't find", told `timeout`. One who found it meanwhile stays (the leave is CONFLICT).
   * The leave itself keeps why on them (`State.arrivalTimedOut`): its `match:ended` is lost on a
   * phone that was away, which can still say why from any `state` read after it.
   */
  async arrivalTimeout(match: MatchRecord, attendeeId: string): Promise<void> {
    await this.leave({ eventId: match.eventId, attendeeId }, { matchId: match.id, reason: 'cant_find' }, 'timeout').catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'CONFLICT') return;
      this.o.logger?.warn({ err, eventId: match.eventId, matchId: match.id }, 'could not time out an arrival');
    });
  }

  /**
   * Tells those a change to a match settled "not yet" for (see `waitSettled`) that their "People
   * I met" changed: they may now swap details there, or never will.
   */
  private tellWaitSettled(before: MatchRecord, after: MatchRecord): void {
    const settled = waitSettled(before, after);
    if (settled.length > 0) this.o.notifier.toAttendees(settled, 'connections:changed', {});
  }

  /** "Can't find": not proposed to each other again for a while; in a group, only the leaver and the rest. */
  private async cooldown(match: MatchRecord, leaver?: string) {
    const until = this.o.now() + (this.o.cantFindCooldownMs ?? 60_000);
    const ids = match.memberIds;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++)
        if (leaver === undefined || ids[i] === leaver || ids[j] === leaver) await this.o.store.addCooldown(match.eventId, ids[i]!, ids[j]!, until);
  }

  /**
   * The attendee's active match with this id. NOT_FOUND for an unknown match, FORBIDDEN for
   * someone else's, CONFLICT for one that has ended (or null when `endedOk`).
   */
  private async activeMatchOf(ref: AttendeeRef, matchId: string, endedOk: true): Promise<MatchRecord | null>;
  private async activeMatchOf(ref: AttendeeRef, matchId: string): Promise<MatchRecord>;
  private async activeMatchOf(ref: AttendeeRef, matchId: string, endedOk = false) {
    const [me, match] = await Promise.all([
      this.o.attendees.get(ref),
      this.o.store.getMatch(ref.eventId, matchId),
    ]);
    if (!match) throw notFound('Match');
    if (!match.memberIds.includes(ref.attendeeId)) throw forbidden('That is not your match.');
    if (match.status === 'ended' || me.matchId !== matchId) {
      if (endedOk) return null;
      throw conflict('That match has ended.');
    }
    return match;
  }

  /** Someone else changed this attendee between our read and write; answer from the truth. */
  private async afterRace(ref: AttendeeRef, wanted: AttendeeRecord['status']): Promise<State> {
    const state = await this.o.attendees.state(ref);
    if (state.status === wanted || (wanted === 'looking' && state.match)) return state;
    throw conflict('Your status changed; try again.');
  }
}

/**
 * The statuses a leave may find its match in: "can't find" only before anyone has found anyone,
 * unless the leaver is still on their way to a group that met (`arriving`).
 */
function fromFor(reason: MatchLeavePayload['reason'], onTheWay: boolean): Array<'matched' | 'chatting'> {
  return reason === 'cant_find' && !onTheWay ? ['matched'] : ['matched', 'chatting'];
}

/**
 * "Find someone new": the leaver goes on to look, so a partner is told so (`partnerFinding`).
 * Not once the event has ended: there is nobody new to meet, and their Find would be refused.
 */
function findsNext(payload: MatchLeavePayload, eventOn: boolean): boolean {
  return payload.findNext === true && payload.reason === 'done' && eventOn;
}

function others(match: MatchRecord, attendeeId: string): string[] {
  return match.memberIds.filter((id) => id !== attendeeId);
}
