import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors';
import { pairKey } from '../../matching/pairs';
import type { MatchHistory } from '../../matching/types';
import type { AttendeeStatus, Contact, EventStatus } from '../../../shared/schemas';
import * as aftercare from './aftercare';
import * as matches from './matches';
import * as stats from './stats';
import { peopleOf } from '../match-people';
import type { AttendeePatch, AttendeeRecord, EventDetailsPatch, EventRecord, ReportRecord, TickSnapshot, TokenGrant } from '../records';
import { DEFAULT_MAX_ATTENDEES_PER_EVENT, type Store } from '../store';
import {
  decodeAttendee,
  decodeEvent,
  decodeMatch,
  encodeAttendeePatch,
  encodeEvent,
  encodeEventPatch,
  hashToArgs,
  pairsToHash,
} from './codec';
import { RedisConnection, unavailable } from './base';

export type { RedisStoreOptions } from './base';

/**
 * How long an instance's count of an attendee's connections stands without it vouching for them
 * (it vouches every 10 s, realtime/presence.ts): past this, it is taken to have died without
 * taking its phones off (see `addOnline` in scripts-attendees.ts). Twice the matcher's presence
 * window, which decides whether they count as connected.
 */
const UNVOUCHED_MS = 60_000;

/**
 * The store for several instances: every write is one Lua script, so claims are atomic across
 * instances. See base.ts for how it behaves while Redis is unreachable.
 */
export class RedisStore extends RedisConnection implements Store {
  /** This store's (so this instance's) own key for its count of each attendee's connections. */
  private readonly instanceKey = randomBytes(9).toString('base64url');

  /** When an event's keys expire: every key of it carries this PEXPIREAT. */
  deletesAt(event: Pick<EventRecord, 'endsAt' | 'createdAt'>): number {
    return (event.endsAt ?? event.createdAt + this.defaultEventMs) + this.retentionMs;
  }

  async createEvent(event: EventRecord, organiserTokenHash: string) {
    const grant: TokenGrant = { kind: 'organiser', eventId: event.id };
    const exp = this.deletesAt(event);
    const k = this.keys;
    const ok = await this.script(
      'createEvent',
      [k.code(event.code), k.event(event.id), k.token(organiserTokenHash)],
      [event.id, exp, JSON.stringify(grant), organiserTokenHash, ...hashToArgs(encodeEvent(event, exp))],
    );
    return ok === 1;
  }

  async getEvent(eventId: string) {
    return decodeEvent(await this.run(() => this.redis.hgetall(this.keys.event(eventId))));
  }

  async getEventByCode(code: string) {
    const id = await this.run(() => this.redis.get(this.keys.code(code)));
    return id ? this.getEvent(id) : null;
  }

  async updateEvent(eventId: string, patch: EventDetailsPatch) {
    const out = await this.script('updateEvent', this.eventKeys(eventId), [
      ...[this.defaultEventMs, this.retentionMs, ...this.eventPrefixes(eventId)],
      ...hashToArgs(encodeEventPatch(patch)),
    ]);
    if (out === 'ended') return out;
    return out ? decodeEvent(pairsToHash(out)) : null;
  }

  async setEventStatus(eventId: string, status: EventStatus, at: number) {
    const out = (await this.script('setEventStatus', this.eventKeys(eventId), [
      ...[status, at, this.defaultEventMs, this.retentionMs],
      ...this.eventPrefixes(eventId),
    ])) as [number, unknown] | null;
    const event = out && decodeEvent(pairsToHash(out[1]));
    return event ? { event, changed: out![0] === 1 } : null;
  }

  /** The event's own keys, for a script that re-expires all of it (EVENT_KEYS in lua.ts). */
  private eventKeys(e: string): string[] {
    const k = this.keys;
    return [k.event(e), k.attendees(e), k.matches(e), k.looking(e), k.active(e), k.met(e), k.blocked(e), k.cooldown(e), k.feedback(e), k.reports(e), k.removed(e), k.successors(e), k.removedPeople(e)];
  }

  /** The prefixes of the event's other keys, in the order REEXPIRE_EVENT (lua.ts) reads them. */
  private eventPrefixes(e: string): string[] {
    const k = this.keys;
    return [k.attendeePrefix(e), k.matchPrefix(e), k.contactsPrefix(e), k.tokenPrefix(), k.codePrefix(), k.matchesOfPrefix(e), k.removedTokenPrefix()];
  }

  async createAttendee(attendee: AttendeeRecord, tokenHash: string, maxAttendees = DEFAULT_MAX_ATTENDEES_PER_EVENT, startsOverFrom?: string) {
    const k = this.keys;
    const grant: TokenGrant = { kind: 'attendee', eventId: attendee.eventId, attendeeId: attendee.id };
    const ok = await this.script(
      'createAttendee',
      [
        k.event(attendee.eventId),
        k.attendee(attendee.eventId, attendee.id),
        k.attendees(attendee.eventId),
        k.token(tokenHash),
        k.looking(attendee.eventId),
        k.busy(),
        k.blocked(attendee.eventId),
        k.successors(attendee.eventId),
      ],
      [attendee.id, JSON.stringify(grant), tokenHash, attendee.eventId, capArg(maxAttendees), startsOverFrom ?? '', ...hashToArgs(encodeAttendeePatch(attendee))],
    );
    if (ok === 0) throw new AppError('NOT_FOUND', 'Event not found.');
    return ok === 1;
  }

  async getAttendee(eventId: string, attendeeId: string) {
    return decodeAttendee(await this.run(() => this.redis.hgetall(this.keys.attendee(eventId, attendeeId))));
  }

  async getAttendees(eventId: string, attendeeIds: string[]) {
    const hashes = await this.hgetallMany(attendeeIds.map((id) => this.keys.attendee(eventId, id)));
    return hashes.flatMap((h) => {
      const a = decodeAttendee(h);
      return a ? [a] : [];
    });
  }

  async listAttendees(eventId: string) {
    return this.getAttendees(eventId, await this.run(() => this.redis.smembers(this.keys.attendees(eventId))));
  }

  async countLooking(eventId: string) {
    return this.run(() => this.redis.scard(this.keys.looking(eventId)));
  }

  countLookingFor = (eventId: string, attendeeId: string, now: number) => aftercare.countLookingFor(this, eventId, attendeeId, now);

  async listLooking(eventId: string) {
    return this.getAttendees(eventId, await this.run(() => this.redis.smembers(this.keys.looking(eventId))));
  }

  async leaseBusyEvents(holder: string, ttlMs: number) {
    return (await this.script('leaseBusyEvents', [this.keys.busy()], [this.keys.prefix, holder, ttlMs])) as string[];
  }

  async loadTick(eventId: string, now: number): Promise<TickSnapshot | null> {
    const k = this.keys;
    const out = (await this.script(
      'loadTick',
      [k.event(eventId), k.looking(eventId), k.active(eventId), k.met(eventId), k.blocked(eventId), k.cooldown(eventId)],
      [k.attendeePrefix(eventId), k.matchPrefix(eventId), now],
    )) as [unknown, unknown[], unknown[], unknown[], string[], string[], string[]] | null;
    if (!out) return null;
    const event = decodeEvent(pairsToHash(out[0]));
    if (!event) return null;
    const attendees = (list: unknown[]) => list.flatMap((h) => decodeAttendee(pairsToHash(h)) ?? []);
    const pairs = (keys: string[]) => keys.map((key) => key.split('|') as [string, string]);
    const cooldownEnds = new Map<string, number>();
    for (let i = 0; i + 1 < out[6].length; i += 2) cooldownEnds.set(out[6][i]!, Number(out[6][i + 1]));
    return {
      event,
      looking: attendees(out[1]),
      active: out[2].flatMap((h) => decodeMatch(pairsToHash(h)) ?? []),
      members: attendees(out[3]),
      history: { met: pairs(out[4]), blocked: pairs(out[5]), cooldown: pairs([...cooldownEnds.keys()]) },
      cooldownEnds,
    };
  }

  async resolveToken(tokenHash: string) {
    const raw = await this.run(() => this.redis.get(this.keys.token(tokenHash)));
    return raw ? (JSON.parse(raw) as TokenGrant) : null;
  }

  async transitionAttendee(
    eventId: string,
    attendeeId: string,
    from: AttendeeStatus[],
    patch: AttendeePatch,
    matchId?: string | null,
  ) {
    const k = this.keys;
    const out = await this.script(
      'transitionAttendee',
      [k.event(eventId), k.attendee(eventId, attendeeId), k.looking(eventId), k.busy()],
      [eventId, attendeeId, `,${from.join(',')},`, matchId === undefined ? '*' : (matchId ?? ''), ...hashToArgs(encodeAttendeePatch(patch))],
    );
    return out ? decodeAttendee(pairsToHash(out)) : null;
  }

  async addOnline(eventId: string, attendeeId: string, delta: number, now: number, count?: number) {
    const args = [delta, now, this.instanceKey, UNVOUCHED_MS, ...(count === undefined ? [] : [Math.max(0, count)])];
    const out = await this.script('addOnline', [this.keys.attendee(eventId, attendeeId)], args);
    return out ? decodeAttendee(pairsToHash(out)) : null;
  }

  async touchOnline(eventId: string, attendeeIds: string[], now: number) {
    const hashes = attendeeIds.map((id) => this.keys.attendee(eventId, id));
    const out = await this.script('touchOnline', [this.keys.event(eventId)], [now, this.instanceKey, ...hashes]);
    return out === 1;
  }

  async getMatch(eventId: string, matchId: string) {
    return decodeMatch(await this.run(() => this.redis.hgetall(this.keys.match(eventId, matchId))));
  }

  async listMatches(eventId: string) {
    const ids = await this.run(() => this.redis.smembers(this.keys.matches(eventId)));
    const hashes = await this.hgetallMany(ids.map((id) => this.keys.match(eventId, id)));
    return hashes
      .flatMap((h) => {
        const m = decodeMatch(h);
        return m ? [m] : [];
      })
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  loadStats = (eventId: string) => stats.loadStats(this, eventId);

  async listMatchesOf(eventId: string, attendeeId: string) {
    const out = (await this.script('listMatchesOf', [this.keys.matchesOf(eventId, attendeeId)], [this.keys.matchPrefix(eventId)])) as unknown[];
    return out
      .flatMap((h) => decodeMatch(pairsToHash(h)) ?? [])
      .filter((m) => peopleOf(m).includes(attendeeId))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async listActiveMatches(eventId: string) {
    const ids = await this.run(() => this.redis.smembers(this.keys.active(eventId)));
    const hashes = await this.hgetallMany(ids.map((id) => this.keys.match(eventId, id)));
    return hashes.flatMap((h) => {
      const m = decodeMatch(h);
      return m && m.status !== 'ended' ? [m] : [];
    });
  }


  async hasMet(eventId: string, a: string, b: string) {
    return (await this.run(() => this.redis.sismember(this.keys.met(eventId), pairKey(a, b)))) === 1;
  }

  async getHistory(eventId: string, now: number): Promise<MatchHistory> {
    const k = this.keys;
    const res = await this.run(() =>
      this.redis
        .pipeline()
        .smembers(k.met(eventId))
        .smembers(k.blocked(eventId))
        .zrangebyscore(k.cooldown(eventId), `(${now}`, '+inf')
        .zremrangebyscore(k.cooldown(eventId), '-inf', now)
        .exec(),
    );
    const [met, blocked, cooldown] = (res ?? []).slice(0, 3).map(([err, value]) => {
      if (err) throw unavailable(err);
      return (value as string[]).map((key) => key.split('|') as [string, string]);
    });
    return { met: met ?? [], blocked: blocked ?? [], cooldown: cooldown ?? [] };
  }

  async addCooldown(eventId: string, a: string, b: string, until: number) {
    await this.script('addCooldown', [this.keys.event(eventId), this.keys.cooldown(eventId)], [pairKey(a, b), until]);
  }

  // A match's life, from claim to end (matches.ts).
  claimMatch: Store['claimMatch'] = (match) => matches.claimMatch(this, match);
  joinMatch: Store['joinMatch'] = (...args) => matches.joinMatch(this, ...args);
  rewriteMatchText: Store['rewriteMatchText'] = (...args) => matches.rewriteMatchText(this, ...args);
  updateMatch: Store['updateMatch'] = (...args) => matches.updateMatch(this, ...args);
  setMatchOpen: Store['setMatchOpen'] = (...args) => matches.setMatchOpen(this, ...args);
  arrived: Store['arrived'] = (...args) => matches.arrived(this, ...args);
  endMatch: Store['endMatch'] = (...args) => matches.endMatch(this, ...args);
  removeFromMatch: Store['removeFromMatch'] = (...args) => matches.removeFromMatch(this, ...args);

  // After the chat: contacts, feedback, blocks, reports, forgetting (aftercare.ts).
  markRemoved = (eventId: string, attendeeId: string) => aftercare.markRemoved(this, eventId, attendeeId);
  countRemoved = (eventId: string) => aftercare.countRemoved(this, eventId);
  unmarkRemoved = (eventId: string, attendeeId: string) => aftercare.unmarkRemoved(this, eventId, attendeeId);
  removedFrom = (tokenHash: string) => aftercare.removedFrom(this, tokenHash);
  wasRemoved = (eventId: string, attendeeId: string) => aftercare.wasRemoved(this, eventId, attendeeId);
  deleteAttendee = (eventId: string, attendeeId: string) => aftercare.forgetAttendee(this, eventId, attendeeId);
  shareContact = (eventId: string, matchId: string, attendeeId: string, contact: Contact) =>
    aftercare.shareContact(this, eventId, matchId, attendeeId, contact);
  withdrawContact = (eventId: string, matchId: string, attendeeId: string) => aftercare.withdrawContact(this, eventId, matchId, attendeeId);
  getContacts = (eventId: string, matchId: string) => aftercare.getContacts(this, eventId, matchId);
  setFeedback = (eventId: string, matchId: string, attendeeId: string, good: boolean) =>
    aftercare.setFeedback(this, eventId, matchId, attendeeId, good);
  countFeedback = (eventId: string) => aftercare.countFeedback(this, eventId);
  addBlock = (eventId: string, a: string, b: string) => aftercare.addBlock(this, eventId, a, b);
  listBlocksOf = (eventId: string, attendeeId: string) => aftercare.listBlocksOf(this, eventId, attendeeId);
  addReport = (report: ReportRecord, maxPerReporter?: number) => aftercare.addReport(this, report, maxPerReporter);
  listReports = (eventId: string) => aftercare.listReports(this, eventId);

  /** Keys expire by themselves (PEXPIREAT on every write): nothing to sweep. */
  async sweep() {
    return 0;
  }
}

/** A cap as Lua's `tonumber` reads it: a plain whole number (never `Infinity`, which it may not). */
function capArg(max: number): string {
  return Number.isFinite(max) ? String(Math.max(0, Math.floor(max))) : String(Number.MAX_SAFE_INTEGER);
}