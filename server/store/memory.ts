import { pairKey } from '../matching/pairs';
import type { MatchHistory } from '../matching/types';
import type { AttendeeStatus } from '../../shared/schemas';
import type { AttendeePatch, AttendeeRecord, EventRecord, MatchRecord, TokenGrant } from './records';
import type { Store } from './store';

const ACTIVE: ReadonlyArray<MatchRecord['status']> = ['matched', 'chatting'];

/** The memory store on disk (see snapshot-file.ts). */
export interface MemorySnapshot {
  version: 1;
  events: EventRecord[];
  tokens: Array<[string, TokenGrant]>;
  attendees: AttendeeRecord[];
  matches: MatchRecord[];
  met: Array<[string, string[]]>;
  blocked: Array<[string, string[]]>;
  cooldowns: Array<[string, Array<[string, number]>]>;
}

/**
 * The embedded store for a single process. Each method runs to completion without awaiting,
 * which is what makes it atomic. Records are copied in and out so nobody can change the
 * store's truth by holding on to a returned object.
 */
export class MemoryStore implements Store {
  /** Called after every change, e.g. to schedule a snapshot. */
  onChange: () => void = () => {};
  private events = new Map<string, EventRecord>();
  private codes = new Map<string, string>();
  private tokens = new Map<string, TokenGrant>();
  private attendees = new Map<string, AttendeeRecord>();
  private attendeesByEvent = new Map<string, Set<string>>();
  private lookingByEvent = new Map<string, Set<string>>();
  private matches = new Map<string, MatchRecord>();
  private activeByEvent = new Map<string, Set<string>>();
  private met = new Map<string, Set<string>>();
  private blocked = new Map<string, Set<string>>();
  private cooldowns = new Map<string, Map<string, number>>();

  async createEvent(event: EventRecord, organiserTokenHash: string): Promise<boolean> {
    if (this.codes.has(event.code) || this.events.has(event.id)) return false;
    this.events.set(event.id, copy(event));
    this.codes.set(event.code, event.id);
    this.tokens.set(organiserTokenHash, { kind: 'organiser', eventId: event.id });
    this.onChange();
    return true;
  }

  async getEvent(eventId: string) {
    return copyOrNull(this.events.get(eventId));
  }

  async getEventByCode(code: string) {
    const id = this.codes.get(code);
    return id ? copyOrNull(this.events.get(id)) : null;
  }

  async updateEvent(eventId: string, patch: Partial<EventRecord>) {
    const event = this.events.get(eventId);
    if (!event) return null;
    Object.assign(event, copy(patch), { id: event.id, code: event.code, createdAt: event.createdAt });
    this.onChange();
    return copy(event);
  }

  async createAttendee(attendee: AttendeeRecord, tokenHash: string) {
    this.attendees.set(attendee.id, copy(attendee));
    setOf(this.attendeesByEvent, attendee.eventId).add(attendee.id);
    this.indexLooking(attendee);
    this.tokens.set(tokenHash, { kind: 'attendee', eventId: attendee.eventId, attendeeId: attendee.id });
    this.onChange();
  }

  async getAttendee(eventId: string, attendeeId: string) {
    return copyOrNull(this.attendeeOf(eventId, attendeeId));
  }

  async getAttendees(eventId: string, attendeeIds: string[]) {
    return attendeeIds.flatMap((id) => {
      const a = this.attendeeOf(eventId, id);
      return a ? [copy(a)] : [];
    });
  }

  async listAttendees(eventId: string) {
    return this.getAttendees(eventId, [...(this.attendeesByEvent.get(eventId) ?? [])]);
  }

  async countLooking(eventId: string) {
    return this.lookingByEvent.get(eventId)?.size ?? 0;
  }

  async listLooking(eventId: string) {
    return this.getAttendees(eventId, [...(this.lookingByEvent.get(eventId) ?? [])]);
  }

  async listBusyEvents() {
    const ids = new Set<string>();
    for (const [id, set] of this.lookingByEvent) if (set.size > 0) ids.add(id);
    for (const [id, set] of this.activeByEvent) if (set.size > 0) ids.add(id);
    return [...ids];
  }

  async resolveToken(tokenHash: string) {
    return copyOrNull(this.tokens.get(tokenHash));
  }

  async transitionAttendee(
    eventId: string,
    attendeeId: string,
    from: AttendeeStatus[],
    patch: AttendeePatch,
    matchId?: string | null,
  ) {
    const a = this.attendeeOf(eventId, attendeeId);
    if (!a || !from.includes(a.status)) return null;
    if (matchId !== undefined && a.matchId !== matchId) return null;
    Object.assign(a, copy(patch));
    this.indexLooking(a);
    this.onChange();
    return copy(a);
  }

  async addOnline(eventId: string, attendeeId: string, delta: number, now: number) {
    const a = this.attendeeOf(eventId, attendeeId);
    if (!a) return null;
    a.online = Math.max(0, a.online + delta);
    a.seenAt = now;
    return copy(a);
  }

  async touchOnline(eventId: string, attendeeIds: string[], now: number) {
    for (const id of attendeeIds) {
      const a = this.attendeeOf(eventId, id);
      if (a) a.seenAt = now;
    }
  }

  /** One process runs every tick itself: the lease is always its own. */
  async acquireLease() {
    return true;
  }

  async claimMatch(match: MatchRecord) {
    const members = match.memberIds.map((id) => this.attendees.get(id));
    const ok = members.every((m) => m && m.status === 'looking' && m.eventId === match.eventId);
    if (!ok || this.matches.has(match.id)) return false;
    this.matches.set(match.id, copy(match));
    setOf(this.activeByEvent, match.eventId).add(match.id);
    for (const m of members as AttendeeRecord[]) {
      m.status = 'matched';
      m.matchId = match.id;
      this.indexLooking(m);
    }
    this.recordMet(match.eventId, match.memberIds);
    this.onChange();
    return true;
  }

  async joinMatch(eventId: string, matchId: string, attendeeId: string, maxSize: number, reasons: string[], waitMs: number) {
    const match = this.matchOf(eventId, matchId);
    const a = this.attendeeOf(eventId, attendeeId);
    if (!match || !a || !ACTIVE.includes(match.status) || a.status !== 'looking') return null;
    if (a.eventId !== match.eventId || match.memberIds.length >= maxSize) return null;
    match.memberIds.push(attendeeId);
    match.reasons[attendeeId] = [...reasons];
    match.waits[attendeeId] = waitMs;
    a.status = match.status as 'matched' | 'chatting';
    a.matchId = matchId;
    this.indexLooking(a);
    this.recordMet(match.eventId, match.memberIds);
    this.onChange();
    return copy(match);
  }

  async getMatch(eventId: string, matchId: string) {
    return copyOrNull(this.matchOf(eventId, matchId));
  }

  async listMatches(eventId: string) {
    const out: MatchRecord[] = [];
    for (const m of this.matches.values()) if (m.eventId === eventId) out.push(copy(m));
    return out.sort((a, b) => a.createdAt - b.createdAt);
  }

  async listActiveMatches(eventId: string) {
    return [...(this.activeByEvent.get(eventId) ?? [])].map((id) => copy(this.matches.get(id)!));
  }

  async updateMatch(
    eventId: string,
    matchId: string,
    from: Array<MatchRecord['status']>,
    patch: Partial<Pick<MatchRecord, 'status' | 'metAt' | 'open'>>,
  ) {
    const match = this.matchOf(eventId, matchId);
    if (!match || !from.includes(match.status) || !ACTIVE.includes(match.status)) return null;
    Object.assign(match, patch);
    if (patch.status && patch.status !== 'ended') {
      for (const id of match.memberIds) {
        const a = this.attendees.get(id);
        if (a && a.matchId === matchId) a.status = patch.status;
      }
    }
    this.onChange();
    return copy(match);
  }

  async endMatch(
    eventId: string,
    matchId: string,
    reason: NonNullable<MatchRecord['endReason']>,
    endedAt: number,
    next: Record<string, { status: AttendeeStatus; lookingSince: number | null }>,
  ) {
    const match = this.matchOf(eventId, matchId);
    if (!match || !ACTIVE.includes(match.status)) return null;
    match.status = 'ended';
    match.endReason = reason;
    match.endedAt = endedAt;
    this.activeByEvent.get(match.eventId)?.delete(matchId);
    for (const id of match.memberIds) {
      const a = this.attendees.get(id);
      const to = next[id];
      if (!a || a.matchId !== matchId || !to) continue;
      a.status = to.status;
      a.lookingSince = to.lookingSince;
      a.matchId = null;
      this.indexLooking(a);
    }
    this.onChange();
    return copy(match);
  }

  async removeFromMatch(
    eventId: string,
    matchId: string,
    attendeeId: string,
    next: { status: AttendeeStatus; lookingSince: number | null },
  ) {
    const match = this.matchOf(eventId, matchId);
    const a = this.attendeeOf(eventId, attendeeId);
    if (!match || !a || !ACTIVE.includes(match.status) || a.matchId !== matchId) return null;
    if (match.memberIds.length <= 2) return null;
    match.memberIds = match.memberIds.filter((id) => id !== attendeeId);
    a.status = next.status;
    a.lookingSince = next.lookingSince;
    a.matchId = null;
    this.indexLooking(a);
    this.onChange();
    return copy(match);
  }

  async deleteAttendee(eventId: string, attendeeId: string) {
    const a = this.attendeeOf(eventId, attendeeId);
    if (!a) return null;
    this.attendees.delete(attendeeId);
    this.attendeesByEvent.get(eventId)?.delete(attendeeId);
    this.lookingByEvent.get(eventId)?.delete(attendeeId);
    for (const [hash, grant] of this.tokens) {
      if (grant.kind === 'attendee' && grant.attendeeId === attendeeId) this.tokens.delete(hash);
    }
    this.onChange();
    return copy(a);
  }

  async getHistory(eventId: string, now: number): Promise<MatchHistory> {
    const cooldown = this.cooldowns.get(eventId) ?? new Map<string, number>();
    for (const [key, until] of cooldown) if (until <= now) cooldown.delete(key);
    return {
      met: unpair(this.met.get(eventId)),
      blocked: unpair(this.blocked.get(eventId)),
      cooldown: unpair(cooldown.keys()),
    };
  }

  async addCooldown(eventId: string, a: string, b: string, until: number) {
    mapOf(this.cooldowns, eventId).set(pairKey(a, b), until);
    this.onChange();
  }

  /** Everything the store knows, as plain JSON. Connection counts are left out: they die with the process. */
  toSnapshot(): MemorySnapshot {
    const entries = <V>(m: Map<string, Set<V> | Map<string, V>>) =>
      [...m].map(([k, v]) => [k, [...v]] as [string, unknown[]]);
    return {
      version: 1,
      events: [...this.events.values()],
      tokens: [...this.tokens],
      attendees: [...this.attendees.values()].map((a) => ({ ...a, online: 0 })),
      matches: [...this.matches.values()],
      met: entries(this.met) as Array<[string, string[]]>,
      blocked: entries(this.blocked) as Array<[string, string[]]>,
      cooldowns: entries(this.cooldowns) as Array<[string, Array<[string, number]>]>,
    };
  }

  /** A store holding a snapshot's contents, with its indexes rebuilt. */
  static fromSnapshot(snapshot: MemorySnapshot): MemoryStore {
    const store = new MemoryStore();
    for (const e of snapshot.events) {
      store.events.set(e.id, e);
      store.codes.set(e.code, e.id);
    }
    for (const [hash, grant] of snapshot.tokens) store.tokens.set(hash, grant);
    for (const a of snapshot.attendees) {
      store.attendees.set(a.id, { ...a, online: 0 });
      setOf(store.attendeesByEvent, a.eventId).add(a.id);
      store.indexLooking(a);
    }
    for (const m of snapshot.matches) {
      store.matches.set(m.id, m);
      if (ACTIVE.includes(m.status)) setOf(store.activeByEvent, m.eventId).add(m.id);
    }
    for (const [e, keys] of snapshot.met) store.met.set(e, new Set(keys));
    for (const [e, keys] of snapshot.blocked) store.blocked.set(e, new Set(keys));
    for (const [e, pairs] of snapshot.cooldowns) store.cooldowns.set(e, new Map(pairs));
    return store;
  }

  async ping() {
    return true;
  }

  async close() {}

  private attendeeOf(eventId: string, attendeeId: string): AttendeeRecord | undefined {
    const a = this.attendees.get(attendeeId);
    return a && a.eventId === eventId ? a : undefined;
  }

  private matchOf(eventId: string, matchId: string): MatchRecord | undefined {
    const m = this.matches.get(matchId);
    return m && m.eventId === eventId ? m : undefined;
  }

  private indexLooking(a: AttendeeRecord) {
    const set = setOf(this.lookingByEvent, a.eventId);
    if (a.status === 'looking') set.add(a.id);
    else set.delete(a.id);
  }

  private recordMet(eventId: string, memberIds: string[]) {
    const met = setOf(this.met, eventId);
    for (let i = 0; i < memberIds.length; i++)
      for (let j = i + 1; j < memberIds.length; j++) met.add(pairKey(memberIds[i]!, memberIds[j]!));
  }
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

function copyOrNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : copy(value);
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

function mapOf<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function unpair(keys: Iterable<string> | undefined): Array<[string, string]> {
  return [...(keys ?? [])].map((k) => k.split('|') as [string, string]);
}
