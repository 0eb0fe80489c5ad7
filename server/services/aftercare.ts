import type { Connection, ConnectionsResponse, Contact, ReportReason, State } from '../../shared/schemas';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { awaitingNewcomer, carriedOnWithout, onTheWay, peopleMetIn, peopleOf, sharersOf, wereTogether } from '../store/match-people';
import type { ContactExchange, MatchRecord } from '../store/records';
import type { Store } from '../store/store';
import { alreadyGone } from './already-gone';
import type { AttendeeRef, AttendeeService } from './attendees';
import { listedMatchesOf } from './former-partners';
import { newId } from './ids';
import type { MatchService } from './matches';
import type { Notifier } from './notifier';
import { toVCard } from './vcard';

export interface AftercareServiceOptions {
  store: Store;
  notifier: Notifier;
  attendees: AttendeeService;
  matches: MatchService;
  now: () => number;
}

/**
 * After the chat: keeping in touch by mutual consent, the people I met, feedback, block and
 * report, and forgetting me. Contact details leave the store only in `contact:revealed` and
 * the connections list, and only once everyone in the match has shared.
 */
export class AftercareService {
  constructor(private readonly o: AftercareServiceOptions) {}

  /**
   * Offers my details to the people of a match I keep in touch in (`sharersOf`). CONFLICT, with
   * nothing stored, if they have already swapped without me (I joined after the reveal), or if I
   * left a group that carried on: the others' offers were made to whoever was in it with them,
   * which I no longer am, so my details would reach people who never offered theirs to me; or,
   * with the reason NEVER_MET, if the match ended before anyone in it found each other (timed
   * out, "Can't find them"). A block between two of them refuses nothing, as a block is silent
   * and a refusal would tell: the offer is kept, and the store never reveals the exchange while
   * two of them are blocked (one blocked or reported the other), so it reads as if the other
   * never shared.
   */
  async shareContact(ref: AttendeeRef, matchId: string, contact: Contact): Promise<State> {
    const match = await this.memberOf(ref, matchId);
    if (!sharersOf(match).includes(ref.attendeeId)) throw notSharing(match, ref.attendeeId);
    if (onTheWay(match, ref.attendeeId)) throw findThemFirst();
    const before = await this.o.store.getContacts(ref.eventId, matchId);
    // Ended before anyone found anyone: it is in nobody's People I met, so nobody could answer.
    // (An end landing between this read and the store's step leaves an offer made while it was
    // on, as one made a moment before it ended would be.)
    if (match.status === 'ended' && match.metAt === null && !before.revealed) throw neverMet();
    const exchange = await this.o.store.shareContact(ref.eventId, matchId, ref.attendeeId, contact);
    // The store takes offers from those who keep in touch in it only, while they are all still in
    // the event, in one step with its checks: I left just now, or someone is gone and could never
    // share back.
    if (!exchange) {
      const now = await this.memberOf(ref, matchId);
      if (!sharersOf(now).includes(ref.attendeeId)) throw notSharing(now, ref.attendeeId);
      if (onTheWay(now, ref.attendeeId)) throw findThemFirst();
      if (!(await this.everyoneStillHere(ref, now))) throw conflict('They have left the event, so details can no longer be swapped.');
      throw conflict('Details can no longer be swapped in that chat.');
    }
    // A revealed exchange is for good and the store leaves it as it is: an offer not in it was dropped.
    if (exchange.revealed && !(ref.attendeeId in exchange.contacts)) throw conflict("They've already swapped details.");
    if (exchange.revealed && !before.revealed) {
      await announceReveal(this.o, await this.memberOf(ref, matchId), exchange);
    }
    this.toMyPhones(ref);
    return this.o.attendees.state(ref);
  }

  /**
   * My offer was made or taken back: my other phones (a second tab, a laptop) show "waiting for
   * them to share too", or the form, from `Connection.shared`, so they ask for the list again
   * (the phone that acted does too: one cheap read). Only mine: the others are never told.
   */
  private toMyPhones(ref: AttendeeRef): void {
    this.o.notifier.toAttendees([ref.attendeeId], 'connections:changed', {});
  }

  /** Whether everyone else who keeps in touch in the match is still in the event (not removed, nor forgotten). */
  private async everyoneStillHere(ref: AttendeeRef, match: MatchRecord): Promise<boolean> {
    const others = sharersOf(match).filter((id) => id !== ref.attendeeId);
    return (await this.o.store.getAttendees(ref.eventId, others)).length === others.length;
  }

  async withdrawContact(ref: AttendeeRef, matchId: string): Promise<State> {
    await this.memberOf(ref, matchId);
    if (!(await this.o.store.withdrawContact(ref.eventId, matchId, ref.attendeeId))) {
      throw conflict('Everyone has already shared; the details have been exchanged.');
    }
    this.toMyPhones(ref);
    return this.o.attendees.state(ref);
  }

  /**
   * The people I had a conversation with (a match that met, or one where we swapped details),
   * and their details where everyone chose to share. In a group whose people changed, only
   * those who were in it at the same moment as me (see match-people.ts). Never anyone I reported
   * (`reportedBy`), who are listed apart by id. With them, the matches where I swapped details,
   * whoever is still listed.
   */
  async connections(ref: AttendeeRef): Promise<ConnectionsResponse> {
    await this.o.attendees.get(ref);
    const apart = await this.reportedBy(ref);
    const out: Connection[] = [];
    const swapped: string[] = [];
    for (const { match: m, exchange } of await listedMatchesOf(this.o.store, ref)) {
      if (exchange.revealed && ref.attendeeId in exchange.contacts) swapped.push(m.id);
      const met = peopleMetIn(m, ref.attendeeId).filter((id) => !apart.has(id));
      const others = await this.o.store.getAttendees(ref.eventId, met);
      // What `shareContact` would refuse, so the page does not offer what cannot be done; by
      // pair, and the same both ways: each of two sees what the other sees about them. Never a
      // block: it refuses nothing (a refusal would tell), the exchange just stays unrevealed.
      const mine = ref.attendeeId in exchange.contacts;
      const canShareIn = async (match: MatchRecord) => {
        const sharers = sharersOf(match);
        const open = exchange.revealed || (await this.everyoneStillHere(ref, match));
        return (id: string) =>
          sharers.includes(ref.attendeeId) && sharers.includes(id) && open && (!exchange.revealed || (mine && id in exchange.contacts));
      };
      const canShareWith = await canShareIn(m);
      // Not yet, rather than too late: what it would be if the match ended now with whoever is on
      // their way never having come (see `awaitingNewcomer`).
      const waiting = awaitingNewcomer(m);
      const ifNobodyCame = waiting.includes(ref.attendeeId) ? await canShareIn({ ...m, status: 'ended' }) : () => false;
      // Those who carried on there after I left: where the swap is theirs, not mine.
      const carriedOn = carriedOnWithout(m, ref.attendeeId) ? sharersOf({ ...m, status: 'ended' }) : [];
      for (const p of others) {
        out.push({
          attendeeId: p.id,
          name: p.name,
          sharedTopics: m.sharedTopics,
          matchId: m.id,
          at: new Date(m.metAt ?? m.createdAt).toISOString(),
          // Only someone who shared sees what was shared (not, say, a later third).
          contact: exchange.revealed && mine ? (exchange.contacts[p.id] ?? null) : null,
          shared: mine,
          canShare: canShareWith(p.id),
          pending: !exchange.revealed && !canShareWith(p.id) && waiting.includes(p.id) && ifNobodyCame(p.id),
          // Not once they have swapped: I may have joined after they did, and could never have.
          carriedOn: !exchange.revealed && !canShareWith(p.id) && carriedOn.includes(p.id),
          // The match's one swap is made, and not between us: one of us joined after it (or left before).
          notInSwap: exchange.revealed && !(mine && p.id in exchange.contacts),
        });
      }
    }
    return { connections: out, swapped, reported: [...apart] };
  }

  /**
   * The people I reported, whom my own list no longer offers (nor names), on any phone of mine: a
   * report blocks them, and I asked never to deal with them again. Only mine: their list of me
   * stays as it was, as a block is silent. Read only when I have a block at all (a report is one),
   * so most lists cost no read of the event's reports.
   */
  private async reportedBy(ref: AttendeeRef): Promise<Set<string>> {
    if ((await this.o.store.listBlocksOf(ref.eventId, ref.attendeeId)).length === 0) return new Set();
    const reports = await this.o.store.listReports(ref.eventId);
    return new Set(reports.filter((r) => r.reporterId === ref.attendeeId).map((r) => r.reportedId));
  }

  /** Revealed contacts as vCards: one person (`attendeeId`), or everyone but those in `except`. */
  async vcards(ref: AttendeeRef, attendeeId?: string, except: readonly string[] = []): Promise<string> {
    const event = await this.o.store.getEvent(ref.eventId);
    const shared = (await this.connections(ref)).connections.filter(
      (c) => c.contact && (attendeeId === undefined || c.attendeeId === attendeeId) && !except.includes(c.attendeeId),
    );
    if (attendeeId !== undefined && shared.length === 0) throw notFound('Shared contact');
    return shared
      .map((c) => toVCard({ name: c.name, contact: c.contact!, note: event ? `Met at ${event.name}` : undefined }))
      .join('');
  }

  async feedback(ref: AttendeeRef, matchId: string, good: boolean): Promise<State> {
    await this.memberOf(ref, matchId);
    await this.o.store.setFeedback(ref.eventId, matchId, ref.attendeeId, good);
    return this.o.attendees.state(ref);
  }

  /** Never match me with them again. Silent: they are not told; a match with them ends at once. */
  async block(ref: AttendeeRef, attendeeId: string): Promise<State> {
    await this.other(ref, attendeeId);
    return this.keepApart(ref, attendeeId);
  }

  /**
   * Stores the block and takes me out of a match we are in together: with them, or with someone
   * who started over from them on their phone (the block reaches them too). Idempotent: a repeat
   * finds the block stored and us apart already.
   */
  private async keepApart(ref: AttendeeRef, attendeeId: string): Promise<State> {
    const apart = new Set([attendeeId, ...(await this.o.store.addBlock(ref.eventId, ref.attendeeId, attendeeId))]);
    // My record is read after the block is stored: a tick that claimed a match with them before
    // it (a claim checks blocks, so it could not after) has put that match on my record by now.
    const me = await this.o.attendees.get(ref);
    if (me.matchId) {
      const match = await this.o.store.getMatch(ref.eventId, me.matchId);
      // That match by its id: should it end meanwhile and a tick match me with someone else, I stay in theirs.
      if (match?.memberIds.some((id) => apart.has(id))) await this.o.matches.leave(ref, { matchId: match.id, reason: 'done' });
    }
    return this.o.attendees.state(ref);
  }

  /** How many people one attendee may report in an event (see `report`). */
  static readonly reportsPerReporter = 20;

  /**
   * Reports someone I was in a match with (the phone offers no one else): FORBIDDEN about anyone
   * else, so a few fake attendees cannot file a report about everyone in the room. One report
   * per person about another: a retry (or a second report) acks and changes nothing, even at the
   * cap of `reportsPerReporter` people, past which a report about someone new is RATE_LIMITED
   * (and nothing changes: the phone still offers a block). A report also blocks them, as `block`
   * does: I am never matched with them again, and leave a match we are in together.
   */
  async report(ref: AttendeeRef, attendeeId: string, reason: ReportReason, text?: string): Promise<State> {
    await this.other(ref, attendeeId);
    // One set lookup, not a read of every match: a phone may send this ten times a second.
    if (!(await this.o.store.hasMet(ref.eventId, ref.attendeeId, attendeeId))) {
      throw forbidden('You can only report someone you were in a match with.');
    }
    // The store counts and stores in one step: reports sent at once could all pass a count read first.
    const outcome = await this.o.store.addReport(
      { id: newId(), eventId: ref.eventId, reporterId: ref.attendeeId, reportedId: attendeeId, reason, text: text ?? null, at: this.o.now() },
      AftercareService.reportsPerReporter,
    );
    if (outcome === 'over-cap') {
      throw new AppError('RATE_LIMITED', 'You have sent as many reports as we take from one person; please tell an organiser in person.');
    }
    const state = await this.keepApart(ref, attendeeId);
    // My other phones: their People I met no longer lists them (see `connections`).
    this.o.notifier.toAttendees([ref.attendeeId], 'connections:changed', {});
    return state;
  }

  /**
   * Deletes me at once: out of any match, my contacts gone from others' lists, my token dead.
   * Returns the closing of my connections, to run once the caller has answered. Idempotent: if
   * I am already gone (a retry, or another forget that won the race), it succeeds all the same.
   */
  async forget(ref: AttendeeRef): Promise<() => void> {
    try {
      await this.o.matches.deleteAttendee(ref);
    } catch (err) {
      if (!(await alreadyGone(this.o.store, ref, err))) throw err;
    }
    return () => this.o.notifier.disconnectAttendee(ref.attendeeId);
  }

  /**
   * A match I am in, or left after it met: aftercare (feedback, keeping in touch) outlives the
   * match and my place in it. Never for what an active match does (see MatchService).
   */
  private async memberOf(ref: AttendeeRef, matchId: string): Promise<MatchRecord> {
    const match = await this.o.store.getMatch(ref.eventId, matchId);
    if (!match) throw notFound('Match');
    if (!peopleOf(match).includes(ref.attendeeId)) throw forbidden('That is not your match.');
    return match;
  }

  /** Me, after checking `attendeeId` is someone else in my event. */
  private async other(ref: AttendeeRef, attendeeId: string) {
    if (attendeeId === ref.attendeeId) throw new AppError('VALIDATION_FAILED', "You can't block or report yourself.");
    const [me, them] = await Promise.all([this.o.attendees.get(ref), this.o.store.getAttendee(ref.eventId, attendeeId)]);
    if (!them) throw notFound('Attendee');
    return me;
  }
}

/**
 * Sends `contact:revealed` once an exchange has just been revealed: to everyone who keeps in
 * touch in the match (`sharersOf`) and offered, each with the details of those who offered
 * and were in it with them. Nobody who did not offer is told anything, nor sees anyone's.
 */
export async function announceReveal(
  o: { store: Store; notifier: Notifier },
  match: MatchRecord,
  exchange: ContactExchange,
): Promise<void> {
  // Whoever keeps in touch in it: not, say, someone who never arrived, though they offered on their way.
  const people = await o.store.getAttendees(match.eventId, sharersOf(match).filter((id) => id in exchange.contacts));
  for (const member of people) {
    o.notifier.toAttendee(member.id, 'contact:revealed', {
      matchId: match.id,
      contacts: people
        .filter((p) => wereTogether(match, member.id, p.id))
        .map((p) => ({ attendeeId: p.id, name: p.name, contact: exchange.contacts[p.id]! })),
    });
  }
}

/** An offer in a match that ended without anyone in it having met (see `shareContact`). */
function neverMet(): AppError {
  return new AppError('CONFLICT', "That match ended before you found each other, so there are no details to swap.", undefined, 'NEVER_MET');
}

/** An offer from someone still on their way to a group (`onTheWay`). */
function findThemFirst(): AppError {
  return conflict("Find them first: you can keep in touch once you've found the group.");
}

/**
 * Why someone of a match (`memberOf`) cannot share in it: the others carried on without them, or
 * the one they left was still waiting for someone on their way (once that one leaves without
 * them, the two may still swap).
 */
function notSharing(match: MatchRecord, attendeeId: string): AppError {
  // Still a member, so on their way when it ended: they never met anyone in it.
  if (match.memberIds.includes(attendeeId)) return conflict("You hadn't found them yet, so there are no details to swap in that chat.");
  if (carriedOnWithout(match, attendeeId)) return conflict('They carried on without you, so details can no longer be swapped in that chat.');
  return conflict("They're waiting for someone who's on their way; if that person doesn't make it, you can swap details then.");
}
