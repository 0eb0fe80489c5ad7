import { pairKey } from '../../matching/pairs';
import type { MatchHistory } from '../../matching/types';
import { peopleOf } from '../match-people';
import type { AttendeeStatus, Contact, EventStatus } from '../../../shared/schemas';
import type { AttendeePatch, AttendeeRecord, EventDetailsPatch, EventRecord, MatchRecord, ReportRecord, StatsRecords, TickSnapshot } from '../records';
import type { NextAfterMatch, ReportOutcome, Store } from '../store';
import * as aftercare from './aftercare';
import * as attendees from './attendees';
import { MemoryState, type MemoryStoreOptions } from './base';
import * as events from './events';
import * as matches from './matches';
import * as removed from './removed';
import { historyOf, settled, tickSnapshotOf } from './tick';
import { copy, copyOrNull, unpair } from './plain';
import { chunksOf, fromSnapshot, snapshotParts, toSnapshot, type EventTables, type MemorySnapshot, type SnapshotPart } from './tables';

export type { MemoryStoreOptions } from './base';
export type { MemorySnapshot } from './tables';

/**
 * The embedded store for a single process. Each method runs to completion without awaiting,
 * which is what makes it atomic. Records are copied in and out so nobody can change the
 * store's truth by holding on to a returned object (but for the read-only parts of `loadTick`).
 * What the store holds is in base.ts; an event's life is in events.ts, an attendee's in
 * attendees.ts (their tokens in tokens.ts), a match's in matches.ts, removals in removed.ts, and
 * what comes after the chat in aftercare.ts.
 */
export class MemoryStore extends MemoryState implements Store {
  async createEvent(event: EventRecord, organiserTokenHash: string) {
    return events.createEvent(this, event, organiserTokenHash);
  }

  async getEvent(eventId: string) {
    return copyOrNull(this.events.get(eventId)?.event);
  }

  async getEventByCode(code: string) {
    const id = this.codes.get(code);
    return id ? this.getEvent(id) : null;
  }

  async updateEvent(eventId: string, patch: EventDetailsPatch) {
    return events.updateEvent(this, eventId, patch);
  }

  async setEventStatus(eventId: string, status: EventStatus, at: number) {
    return events.setEventStatus(this, eventId, status, at);
  }

  async createAttendee(attendee: AttendeeRecord, tokenHash: string, maxAttendees?: number, startsOverFrom?: string) {
    return attendees.createAttendee(this, attendee, tokenHash, maxAttendees, startsOverFrom);
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

  async countLookingFor(eventId: string, attendeeId: string, now: number) {
    return aftercare.countLookingFor(this, eventId, attendeeId, now);
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
    return removed.markRemoved(this, eventId, attendeeId);
  }

  async countRemoved(eventId: string) {
    return this.removed.countOf(eventId);
  }

  async unmarkRemoved(eventId: string, attendeeId: string) {
    removed.unmarkRemoved(this, eventId, attendeeId);
  }

  async wasRemoved(eventId: string, attendeeId: string) {
    return removed.wasRemoved(this, eventId, attendeeId);
  }

  async removedFrom(tokenHash: string) {
    return this.removed.eventOf(tokenHash);
  }

  async transitionAttendee(eventId: string, attendeeId: string, from: AttendeeStatus[], patch: AttendeePatch, matchId?: string | null) {
    return attendees.transitionAttendee(this, eventId, attendeeId, from, patch, matchId);
  }

  // One instance, in-process: no change of the count can be lost, so `count` adds nothing.
  async addOnline(eventId: string, attendeeId: string, delta: number, now: number, _count?: number) {
    return attendees.addOnline(this, eventId, attendeeId, delta, now);
  }

  async touchOnline(eventId: string, attendeeIds: string[], now: number) {
    return attendees.touchOnline(this, eventId, attendeeIds, now);
  }

  async claimMatch(match: MatchRecord) {
    const t = this.events.get(match.eventId);
    return t && matches.claim(t, match) ? this.changed(true) : false;
  }

  async joinMatch(eventId: string, matchId: string, attendeeId: string, maxSize: number, reasons: string[], waitMs: number, now?: number, asCircle = false) {
    return this.move(eventId, (t) => matches.join(t, matchId, attendeeId, maxSize, reasons, waitMs, now, asCircle));
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
    return this.move(eventId, (t) => matches.update(t, matchId, from, patch));
  }

  async setMatchOpen(eventId: string, matchId: string, open: boolean, maxMembers: number) {
    const t = this.events.get(eventId);
    const out = t ? matches.setOpen(t, matchId, open, maxMembers) : null;
    return out === null || typeof out === 'string' ? out : this.changed(copy(out));
  }

  async arrived(eventId: string, matchId: string, attendeeId: string) {
    return this.move(eventId, (t) => matches.arrived(t, matchId, attendeeId));
  }

  async rewriteMatchText(eventId: string, matchId: string, memberIds: string[], text: Pick<MatchRecord, 'sharedTopics' | 'icebreaker' | 'reasons'>) {
    return this.move(eventId, (t) => matches.rewriteText(t, matchId, memberIds, text));
  }

  async endMatch(
    eventId: string,
    matchId: string,
    reason: NonNullable<MatchRecord['endReason']>,
    endedAt: number,
    next: Record<string, NextAfterMatch>,
    from: Array<'matched' | 'chatting'> = ['matched', 'chatting'],
    memberIds?: string[],
    arriving?: string,
  ) {
    const t = this.events.get(eventId);
    const match = t && matches.end(t, matchId, reason, endedAt, next, from, memberIds, arriving);
    if (match === 'members_changed') return match;
    return match ? this.changed(copy(match)) : null;
  }

  async removeFromMatch(
    eventId: string,
    matchId: string,
    attendeeId: string,
    next: NextAfterMatch,
    from: Array<'matched' | 'chatting'> = ['matched', 'chatting'],
    whileArriving = false,
  ) {
    return this.move(eventId, (t) => matches.remove(t, matchId, attendeeId, next, from, whileArriving));
  }

  /** Runs one of matches.ts's moves on the event's tables; what it hands back is copied out, as a change. */
  private move<T extends object>(eventId: string, move: (t: EventTables) => T | null): T | null {
    const t = this.events.get(eventId);
    const out = t ? move(t) : null;
    return out ? this.changed(copy(out)) : null;
  }

  async deleteAttendee(eventId: string, attendeeId: string) {
    return attendees.deleteAttendee(this, eventId, attendeeId);
  }

  async shareContact(eventId: string, matchId: string, attendeeId: string, contact: Contact) {
    return aftercare.shareContact(this, eventId, matchId, attendeeId, contact);
  }

  async withdrawContact(eventId: string, matchId: string, attendeeId: string) {
    return aftercare.withdrawContact(this, eventId, matchId, attendeeId);
  }

  async getContacts(eventId: string, matchId: string) {
    return aftercare.getContacts(this, eventId, matchId);
  }

  async setFeedback(eventId: string, matchId: string, attendeeId: string, good: boolean) {
    aftercare.setFeedback(this, eventId, matchId, attendeeId, good);
  }

  async countFeedback(eventId: string) {
    return aftercare.countFeedback(this, eventId);
  }

  async addBlock(eventId: string, a: string, b: string) {
    return aftercare.addBlock(this, eventId, a, b);
  }

  async listBlocksOf(eventId: string, attendeeId: string) {
    return aftercare.listBlocksOf(this, eventId, attendeeId);
  }

  async addReport(report: ReportRecord, maxPerReporter?: number): Promise<ReportOutcome> {
    return aftercare.addReport(this, report, maxPerReporter);
  }

  async listReports(eventId: string) {
    return aftercare.listReports(this, eventId);
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

  async sweep(now: number) {
    return events.sweep(this, now);
  }

  /** Everything the store knows, as plain JSON. */
  toSnapshot(): MemorySnapshot {
    return copy(toSnapshot(this.events.values(), this.tokens.grants, this.removed));
  }

  /** The same as JSON, in pieces to write one after another (see snapshotParts). */
  toSnapshotParts(): SnapshotPart[] {
    return snapshotParts(this.events.values(), this.tokens.grants, this.removed);
  }

  /** The same, joined up. */
  toSnapshotJson(): string {
    return [...chunksOf(this.toSnapshotParts(), 1 << 20)].join('');
  }

  /** A store holding a snapshot's contents, with its indexes rebuilt (the tokens' included). */
  static fromSnapshot(snapshot: MemorySnapshot, options?: MemoryStoreOptions): MemoryStore {
    const store = new MemoryStore(options);
    for (const t of fromSnapshot(snapshot)) {
      store.events.set(t.event.id, t);
      store.codes.set(t.event.code, t.event.id);
    }
    for (const [hash, grant] of snapshot.tokens) store.tokens.set(hash, grant);
    // Absent from snapshots written before removals were remembered.
    for (const [hash, eventId] of snapshot.removed ?? []) store.removed.mark(hash, eventId);
    for (const [eventId, people] of snapshot.removedPeople ?? []) for (const person of people) store.removed.markPerson(eventId, person);
    return store;
  }

  async ping() {
    return true;
  }

  async close() {}
}
