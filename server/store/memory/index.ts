import { notFound } from '../../errors';
import { pairKey } from '../../matching/pairs';
import type { MatchHistory } from '../../matching/types';
import { peopleOf } from '../match-people';
import type { AttendeeStatus, Contact, EventStatus } from '../../../shared/schemas';
import type { AttendeePatch, AttendeeRecord, EventDetailsPatch, EventRecord, MatchRecord, ReportRecord, StatsRecords, TickSnapshot, TokenGrant } from '../records';
import { DEFAULT_MAX_ATTENDEES_PER_EVENT, type ReportOutcome, type Store } from '../store';
import { offerContact } from './exchange';
import * as matches from './matches';
import { scrubAttendee } from './scrub';
import { historyOf, settled, tickSnapshotOf } from './tick';
import { copy, copyOrNull, unpair } from './plain';
import { chunksOf, fromSnapshot, indexLooking, newTables, snapshotParts, stale, toSnapshot, type EventTables, type MemorySnapshot, type SnapshotPart } from './tables';

export type { MemorySnapshot } from './tables';

const HOUR = 3_600_000;

export interface MemoryStoreOptions {
  /** How long an event's data is kept after it ends. @default 86400000 (24 h) */
  retentionMs?: number;
  /** An event with no `endsAt` is taken to end this long after creation. @default 86400000 */
  defaultEventMs?: number;
}

/**
 * The embedded store for a single process. Each method runs to completion without awaiting,
 * which is what makes it atomic. Records are copied in and out so nobody can change the
 * store's truth by holding on to a returned object (but for the read-only parts of `loadTick`).
 */
export class MemoryStore implements Store {
  /** Called after every change, e.g. to schedule a snapshot. */
  onChange: () => void = () => {};
  private readonly events = new Map<string, EventTables>();
  private readonly codes = new Map<string, string>();
  private readonly tokens = new Map<string, TokenGrant>();
  /** Token hashes of attendees the organiser removed, to their event's id (see `markRemoved`). */
  private readonly removed = new Map<string, string>();

  constructor(private readonly options: MemoryStoreOptions = {}) {}

  async createEvent(event: EventRecord, organiserTokenHash: string) {
    if (this.codes.has(event.code) || this.events.has(event.id)) return false;
    this.events.set(event.id, newTables(copy(event)));
    this.codes.set(event.code, event.id);
    this.tokens.set(organiserTokenHash, { kind: 'organiser', eventId: event.id });
    return this.changed(true);
  }

  async getEvent(eventId: string) {
    return copyOrNull(this.events.get(eventId)?.event);
  }

  async getEventByCode(code: string) {
    const id = this.codes.get(code);
    return id ? this.getEvent(id) : null;
  }

  async updateEvent(eventId: string, patch: EventDetailsPatch) {
    const t = this.events.get(eventId);
    if (!t) return null;
    // Field by field, as the Redis store encodes it: nothing else the object carries is taken.
    const e = t.event;
    if (patch.name !== undefined) e.name = patch.name;
    if (patch.topics !== undefined) e.topics = [...patch.topics];
    if (patch.spots !== undefined) e.spots = [...patch.spots];
    if (patch.announcement !== undefined) e.announcement = copy(patch.announcement);
    return this.changed(copy(t.event));
  }

  async setEventStatus(eventId: string, status: EventStatus, at: number) {
    const t = this.events.get(eventId);
    if (!t) return null;
    const e = t.event;
    if (e.status === status || e.status === 'ended') return { event: copy(e), changed: false };
    e.status = status;
    if (status === 'ended') e.endsAt = Math.min(e.endsAt ?? e.createdAt + this.lifetimeMs(), at);
    return this.changed({ event: copy(e), changed: true });
  }

  async createAttendee(attendee: AttendeeRecord, tokenHash: string, maxAttendees = DEFAULT_MAX_ATTENDEES_PER_EVENT) {
    const t = this.events.get(attendee.eventId);
    if (!t) throw notFound('Event');
    if (!t.attendees.has(attendee.id) && t.attendees.size >= maxAttendees) return false;
    const a = copy(attendee);
    t.attendees.set(a.id, a);
    stale(t, [a.id]);
    indexLooking(t, a);
    this.tokens.set(tokenHash, { kind: 'attendee', eventId: a.eventId, attendeeId: a.id });
    return this.changed(true);
  }

  async getAttendee(eventId: string, attendeeId: string) {
    return copyOrNull(this.events.get(eventId)?.attendees.get(attendeeId));
  }

  async getAttendees(eventId: string, attendeeIds: string[]) {
    const t = this.events.get(eventId);
    return attendeeIds.flatMap((id) => {
      const a = t?.attendees.get(id);
      return a ? [copy(a)] : [];
    });
  }

  async listAttendees(eventId: string) {
    return [...(this.events.get(eventId)?.attendees.values() ?? [])].map(copy);
  }

  async countLooking(eventId: string) {
    return this.events.get(eventId)?.looking.size ?? 0;
  }

  async listLooking(eventId: string) {
    return this.getAttendees(eventId, [...(this.events.get(eventId)?.looking ?? [])]);
  }

  /** One process runs every tick itself: every lease is its own. */
  async leaseBusyEvents() {
    return [...this.events.values()].filter((t) => (t.looking.size > 0 || t.active.size > 0) && !settled(t)).map((t) => t.event.id);
  }

  async loadTick(eventId: string, now: number): Promise<TickSnapshot | null> {
    const t = this.events.get(eventId);
    return t ? tickSnapshotOf(t, now) : null;
  }

  async resolveToken(tokenHash: string) {
    return copyOrNull(this.tokens.get(tokenHash));
  }

  async markRemoved(eventId: string, attendeeId: string) {
    const hashes = this.tokenHashesOf(eventId, attendeeId);
    if (!hashes) return false;
    for (const hash of hashes) this.removed.set(hash, eventId);
    return this.changed(true);
  }

  async unmarkRemoved(eventId: string, attendeeId: string) {
    let changed = false;
    for (const hash of this.tokenHashesOf(eventId, attendeeId) ?? []) changed = this.removed.delete(hash) || changed;
    if (changed) this.changed(undefined);
  }

  /** The hashes of an attendee's tokens, or null if the event has no such attendee. */
  private tokenHashesOf(eventId: string, attendeeId: string): string[] | null {
    if (!this.events.get(eventId)?.attendees.has(attendeeId)) return null;
    const hashes: string[] = [];
    for (const [hash, grant] of this.tokens) {
      if (grant.kind === 'attendee' && grant.eventId === eventId && grant.attendeeId === attendeeId) hashes.push(hash);
    }
    return hashes;
  }

  async removedFrom(tokenHash: string) {
    return this.removed.get(tokenHash) ?? null;
  }

  async transitionAttendee(eventId: string, attendeeId: string, from: AttendeeStatus[], patch: AttendeePatch, matchId?: string | null) {
    const t = this.events.get(eventId);
    const a = t?.attendees.get(attendeeId);
    if (!t || !a || !from.includes(a.status)) return null;
    if (matchId !== undefined && a.matchId !== matchId) return null;
    Object.assign(a, copy(patch));
    stale(t, [a.id]);
    indexLooking(t, a);
    return this.changed(copy(a));
  }

  async addOnline(eventId: string, attendeeId: string, delta: number, now: number) {
    const a = this.events.get(eventId)?.attendees.get(attendeeId);
    if (!a) return null;
    a.online = Math.max(0, a.online + delta); // presence: not in snapshots, so nothing goes stale
    a.seenAt = now;
    return copy(a);
  }

  async touchOnline(eventId: string, attendeeIds: string[], now: number) {
    const t = this.events.get(eventId);
    for (const id of attendeeIds) {
      const a = t?.attendees.get(id);
      if (a) a.seenAt = now;
    }
  }

  async claimMatch(match: MatchRecord) {
    const t = this.events.get(match.eventId);
    return t && matches.claim(t, match) ? this.changed(true) : false;
  }

  async joinMatch(eventId: string, matchId: string, attendeeId: string, maxSize: number, reasons: string[], waitMs: number, now?: number) {
    const t = this.events.get(eventId);
    const match = t && matches.join(t, matchId, attendeeId, maxSize, reasons, waitMs, now);
    return match ? this.changed(copy(match)) : null;
  }

  async getMatch(eventId: string, matchId: string) {
    return copyOrNull(this.events.get(eventId)?.matches.get(matchId));
  }

  async listMatches(eventId: string) {
    return [...(this.events.get(eventId)?.matches.values() ?? [])].map(copy).sort((a, b) => a.createdAt - b.createdAt);
  }

  async loadStats(eventId: string): Promise<StatsRecords> {
    const t = this.events.get(eventId);
    // Handed out uncopied (see StatsRecords): at 10,000 people and 15,000 matches copying them
    // every second for the dashboards cost about 100 ms of the event loop.
    return { attendees: t ? [...t.attendees.values()] : [], matches: t ? [...t.matches.values()] : [] };
  }

  async listMatchesOf(eventId: string, attendeeId: string) {
    const t = this.events.get(eventId);
    const mine = [...(t?.matchesOf.get(attendeeId) ?? [])].flatMap((id) => t!.matches.get(id) ?? []);
    return mine.filter((m) => peopleOf(m).includes(attendeeId)).map(copy).sort((a, b) => a.createdAt - b.createdAt);
  }

  async listActiveMatches(eventId: string) {
    const t = this.events.get(eventId);
    return [...(t?.active ?? [])].map((id) => copy(t!.matches.get(id)!));
  }

  async updateMatch(eventId: string, matchId: string, from: Array<MatchRecord['status']>, patch: Partial<Pick<MatchRecord, 'status' | 'metAt' | 'open'>>) {
    const t = this.events.get(eventId);
    const match = t && matches.update(t, matchId, from, patch);
    return match ? this.changed(copy(match)) : null;
  }

  async arrived(eventId: string, matchId: string, attendeeId: string) {
    const t = this.events.get(eventId);
    const match = t && matches.arrived(t, matchId, attendeeId);
    return match ? this.changed(copy(match)) : null;
  }

  async rewriteMatchText(eventId: string, matchId: string, memberIds: string[], text: Pick<MatchRecord, 'sharedTopics' | 'icebreaker' | 'reasons'>) {
    const t = this.events.get(eventId);
    const match = t && matches.rewriteText(t, matchId, memberIds, text);
    return match ? this.changed(copy(match)) : null;
  }

  async endMatch(
    eventId: string,
    matchId: string,
    reason: NonNullable<MatchRecord['endReason']>,
    endedAt: number,
    next: Record<string, { status: AttendeeStatus; lookingSince: number | null }>,
    from: Array<'matched' | 'chatting'> = ['matched', 'chatting'],
    memberIds?: string[],
  ) {
    const t = this.events.get(eventId);
    const match = t && matches.end(t, matchId, reason, endedAt, next, from, memberIds);
    if (match === 'members_changed') return match;
    return match ? this.changed(copy(match)) : null;
  }

  async removeFromMatch(
    eventId: string,
    matchId: string,
    attendeeId: string,
    next: { status: AttendeeStatus; lookingSince: number | null },
    from: Array<'matched' | 'chatting'> = ['matched', 'chatting'],
  ) {
    const t = this.events.get(eventId);
    const out = t && matches.remove(t, matchId, attendeeId, next, from);
    return out ? this.changed({ match: copy(out.match), revealed: out.revealed }) : null;
  }

  async deleteAttendee(eventId: string, attendeeId: string) {
    const t = this.events.get(eventId);
    const a = t?.attendees.get(attendeeId);
    if (!t || !a || a.matchId) return null;
    scrubAttendee(t, attendeeId);
    this.dropTokens((grant) => grant.kind === 'attendee' && grant.attendeeId === attendeeId);
    return this.changed(a);
  }

  async shareContact(eventId: string, matchId: string, attendeeId: string, contact: Contact) {
    const t = this.events.get(eventId);
    const match = t?.matches.get(matchId);
    // Members only, checked in the same step as the write: an offer racing its maker's own
    // leave must not be kept for people they are no longer with.
    if (!t || !match || !match.memberIds.includes(attendeeId)) return null;
    return this.changed(copy(offerContact(t, match, attendeeId, contact)));
  }

  async withdrawContact(eventId: string, matchId: string, attendeeId: string) {
    const exchange = this.events.get(eventId)?.contacts.get(matchId);
    if (exchange?.revealed) return false;
    if (exchange) delete exchange.contacts[attendeeId];
    return this.changed(true);
  }

  async getContacts(eventId: string, matchId: string) {
    return copy(this.events.get(eventId)?.contacts.get(matchId) ?? { contacts: {}, revealed: false });
  }

  async setFeedback(eventId: string, matchId: string, attendeeId: string, good: boolean) {
    this.events.get(eventId)?.feedback.set(`${matchId}|${attendeeId}`, good);
    this.changed(undefined);
  }

  async countFeedback(eventId: string) {
    const values = [...(this.events.get(eventId)?.feedback.values() ?? [])];
    return { good: values.filter(Boolean).length, bad: values.filter((v) => !v).length };
  }

  async addBlock(eventId: string, a: string, b: string) {
    this.events.get(eventId)?.blocked.add(pairKey(a, b));
    this.changed(undefined);
  }

  async addReport(report: ReportRecord, maxPerReporter = Infinity): Promise<ReportOutcome> {
    const t = this.events.get(report.eventId);
    if (!t) return 'no-event';
    const mine = t.reports.filter((r) => r.reporterId === report.reporterId);
    if (mine.some((r) => r.reportedId === report.reportedId)) return 'repeat';
    if (mine.length >= maxPerReporter) return 'over-cap';
    t.reports.push(copy(report));
    return this.changed('added');
  }

  async listReports(eventId: string) {
    return copy(this.events.get(eventId)?.reports ?? []);
  }

  async getHistory(eventId: string, now: number): Promise<MatchHistory> {
    const t = this.events.get(eventId);
    return t ? historyOf(t, now, unpair(t.met)) : { met: [], blocked: [], cooldown: [] };
  }

  async hasMet(eventId: string, a: string, b: string) {
    return this.events.get(eventId)?.met.has(pairKey(a, b)) ?? false;
  }

  async addCooldown(eventId: string, a: string, b: string, until: number) {
    this.events.get(eventId)?.cooldowns.set(pairKey(a, b), until);
    this.changed(undefined);
  }

  deletesAt(event: Pick<EventRecord, 'endsAt' | 'createdAt'>) {
    return (event.endsAt ?? event.createdAt + this.lifetimeMs()) + (this.options.retentionMs ?? 24 * HOUR);
  }

  async sweep(now: number) {
    let swept = 0;
    for (const [id, t] of this.events) {
      if (this.deletesAt(t.event) > now) continue;
      this.events.delete(id);
      this.codes.delete(t.event.code);
      this.dropTokens((grant) => grant.eventId === id);
      for (const [hash, eventId] of this.removed) if (eventId === id) this.removed.delete(hash);
      swept++;
    }
    if (swept > 0) this.changed(undefined);
    return swept;
  }

  /** Everything the store knows, as plain JSON. */
  toSnapshot(): MemorySnapshot {
    return copy(toSnapshot(this.events.values(), this.tokens, this.removed));
  }

  /** The same as JSON, in pieces to write one after another (see snapshotParts). */
  toSnapshotParts(): SnapshotPart[] {
    return snapshotParts(this.events.values(), this.tokens, this.removed);
  }

  /** The same, joined up. */
  toSnapshotJson(): string {
    return [...chunksOf(this.toSnapshotParts(), 1 << 20)].join('');
  }

  /** A store holding a snapshot's contents, with its indexes rebuilt. */
  static fromSnapshot(snapshot: MemorySnapshot, options?: MemoryStoreOptions): MemoryStore {
    const store = new MemoryStore(options);
    for (const t of fromSnapshot(snapshot)) {
      store.events.set(t.event.id, t);
      store.codes.set(t.event.code, t.event.id);
    }
    for (const [hash, grant] of snapshot.tokens) store.tokens.set(hash, grant);
    // Absent from snapshots written before removals were remembered.
    for (const [hash, eventId] of snapshot.removed ?? []) store.removed.set(hash, eventId);
    return store;
  }

  async ping() {
    return true;
  }

  async close() {}

  /** How long an event with no `endsAt` is taken to last. */
  private lifetimeMs(): number {
    return this.options.defaultEventMs ?? 24 * HOUR;
  }

  private dropTokens(which: (grant: TokenGrant) => boolean): void {
    for (const [hash, grant] of this.tokens) if (which(grant)) this.tokens.delete(hash);
  }

  private changed<T>(result: T): T {
    this.onChange();
    return result;
  }
}
