import { eachPair, pairKey } from '../../matching/pairs';
import { peopleOf } from '../match-people';
import type { AttendeeRecord, ContactExchange, EventRecord, MatchRecord, ReportRecord, TokenGrant } from '../records';
import type { RemovedMarks } from './removed';

/** Everything the memory store keeps about one event. Deleting an event is deleting this. */
export interface EventTables {
  event: EventRecord;
  attendees: Map<string, AttendeeRecord>;
  looking: Set<string>;
  matches: Map<string, MatchRecord>;
  active: Set<string>;
  /** Pair keys (see matching/pairs.ts). */
  met: Set<string>;
  /** The same pairs by person, so a tick reads only the looking people's history. */
  metBy: Map<string, Set<string>>;
  /**
   * Match ids by attendee: every match they were claimed or joined into, so one person's matches
   * are read without the whole event. It may still name a match they left before it met (they are
   * no longer on it): readers check `peopleOf`. Not in snapshots: rebuilt on load.
   */
  matchesOf: Map<string, Set<string>>;
  blocked: Set<string>;
  /** Attendee id -> who started over from them (see `Store.createAttendee`), in order. */
  successors: Map<string, string[]>;
  /** Pair key -> until (ms). */
  cooldowns: Map<string, number>;
  contacts: Map<string, ContactExchange>;
  /** `matchId|attendeeId` -> good. */
  feedback: Map<string, boolean>;
  reports: ReportRecord[];
  /**
   * Attendee and match records as snapshot JSON, by id: every change to a record drops its entry
   * (see `stale`), so a snapshot re-serialises only what changed since the last one.
   */
  json: Map<string, string>;
}

/** Records that two people met. */
export function addMet(t: EventTables, a: string, b: string): void {
  t.met.add(pairKey(a, b));
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const set = t.metBy.get(x);
    if (set) set.add(y);
    else t.metBy.set(x, new Set([y]));
  }
}

/** Records that `attendeeId` was put in match `matchId`. */
export function addMatchOf(t: EventTables, attendeeId: string, matchId: string): void {
  const set = t.matchesOf.get(attendeeId);
  if (set) set.add(matchId);
  else t.matchesOf.set(attendeeId, new Set([matchId]));
}

/** Records that everyone in `ids` met everyone else in it. */
export function meetAll(t: EventTables, ids: readonly string[]): void {
  eachPair(ids, (a, b) => addMet(t, a, b));
}

/** Keeps the looking index in step with an attendee's status. */
export function indexLooking(t: EventTables, a: AttendeeRecord): void {
  if (a.status === 'looking') t.looking.add(a.id);
  else t.looking.delete(a.id);
}

/**
 * Whether pair `key` is on cooldown at `now`: until it runs out (`until <= now`, as
 * `pruneCooldowns` has it). With no `now`, every cooldown not yet pruned counts.
 */
export function coolingDown(t: EventTables, key: string, now = -Infinity): boolean {
  const until = t.cooldowns.get(key);
  return until !== undefined && until > now;
}

/** Drops cooldowns that have run out. */
export function pruneCooldowns(t: EventTables, now: number): void {
  for (const [key, until] of t.cooldowns) if (until <= now) t.cooldowns.delete(key);
}

/** Every pair that met with at least one of `ids` in it, each once. */
export function metPairsOf(t: EventTables, ids: Iterable<string>): Array<[string, string]> {
  const mine = new Set(ids);
  const out: Array<[string, string]> = [];
  for (const a of mine) for (const b of t.metBy.get(a) ?? []) if (!mine.has(b) || a < b) out.push([a, b]);
  return out;
}

/** Forgets everyone `attendeeId` met. */
export function dropMet(t: EventTables, attendeeId: string): void {
  for (const other of t.metBy.get(attendeeId) ?? []) {
    t.met.delete(pairKey(attendeeId, other));
    t.metBy.get(other)?.delete(attendeeId);
  }
  t.metBy.delete(attendeeId);
}

export function newTables(event: EventRecord): EventTables {
  return {
    event,
    attendees: new Map(),
    looking: new Set(),
    matches: new Map(),
    active: new Set(),
    met: new Set(),
    metBy: new Map(),
    matchesOf: new Map(),
    blocked: new Set(),
    successors: new Map(),
    cooldowns: new Map(),
    contacts: new Map(),
    feedback: new Map(),
    reports: [],
    json: new Map(),
  };
}

/** The memory store on disk (see snapshot-file.ts). */
export interface MemorySnapshot {
  version: 2;
  tokens: Array<[string, TokenGrant]>;
  /** Token hashes of removed attendees, with their event (see `Store.markRemoved`); absent in older snapshots. */
  removed?: Array<[string, string]>;
  /** Each event's removed people, by the hash of their id (see `Store.wasRemoved`); absent in older snapshots. */
  removedPeople?: Array<[string, string[]]>;
  events: Array<{
    event: EventRecord;
    attendees: AttendeeRecord[];
    matches: MatchRecord[];
    met: string[];
    blocked: string[];
    /** Absent in older snapshots. */
    successors?: Array<[string, string[]]>;
    cooldowns: Array<[string, number]>;
    contacts: Array<[string, ContactExchange]>;
    feedback: Array<[string, boolean]>;
    reports: ReportRecord[];
  }>;
}

/** Connection counts are left out: they die with the process. */
export function toSnapshot(events: Iterable<EventTables>, tokens: ReadonlyMap<string, TokenGrant>, removed: RemovedMarks): MemorySnapshot {
  return {
    version: 2,
    tokens: [...tokens],
    removed: [...removed.marks],
    removedPeople: removed.people,
    events: [...events].map((t) => ({
      ...eventSnapshot(t),
      met: [...t.met],
      attendees: [...t.attendees.values()].map(offline),
      matches: [...t.matches.values()],
    })),
  };
}

/**
 * A piece of a snapshot's JSON: text as it is, or a list written with commas between its items
 * (in double quotes if `quote`: for ids and pair keys).
 */
export type SnapshotPart = string | { items: readonly string[]; quote: boolean };

/**
 * The same snapshot as JSON, in pieces (see chunksOf): each record's cached JSON where it has not
 * changed (at 10,000 people, re-serialising every record for every snapshot held the event loop
 * for tens of ms), and the event's pair keys as they are. Nothing here changes after this returns,
 * so a writer may write the pieces over many event-loop turns and still write one moment.
 */
export function snapshotParts(events: Iterable<EventTables>, tokens: ReadonlyMap<string, TokenGrant>, removed: RemovedMarks): SnapshotPart[] {
  const tokenList = Array.from(tokens, ([hash, grant]) => {
    let cached = grantJson.get(grant);
    if (cached?.hash !== hash) grantJson.set(grant, (cached = { hash, json: JSON.stringify([hash, grant]) }));
    return cached.json;
  });
  // Removals are few (an organiser's, one at a time): written whole.
  const removals = `],"removed":${JSON.stringify([...removed.marks])},"removedPeople":${JSON.stringify(removed.people)},"events":[`;
  const parts: SnapshotPart[] = ['{"version":2,"tokens":[', { items: tokenList, quote: false }, removals];
  let sep = '';
  for (const t of events) {
    parts.push(`${sep}${JSON.stringify(eventSnapshot(t)).slice(0, -1)},"met":[`, { items: [...t.met], quote: true }, '],"attendees":[');
    parts.push({ items: cachedJson(t, t.attendees.values(), offline), quote: false }, '],"matches":[');
    parts.push({ items: cachedJson(t, t.matches.values(), (m) => m), quote: false }, ']}');
    sep = ',';
  }
  parts.push(']}');
  return parts;
}

/** Pair keys and ids: characters JSON needs no escape for. */
const PLAIN = /^[\w\-|~]*$/;

/**
 * The pieces' text in strings of about `chunkChars` characters. Small chunks keep the strings in
 * V8's young generation (it puts strings over about 128 KB straight into the old one, where a
 * snapshot a second piled up as garbage).
 */
export function* chunksOf(parts: readonly SnapshotPart[], chunkChars: number): Generator<string> {
  let chunk: string[] = [];
  let size = 0;
  const add = (text: string) => {
    chunk.push(text);
    size += text.length;
  };
  const full = () => size >= chunkChars;
  const take = () => {
    const text = chunk.join('');
    chunk = [];
    size = 0;
    return text;
  };
  for (const part of parts) {
    if (typeof part === 'string') add(part);
    else {
      for (let i = 0; i < part.items.length; i++) {
        const item = part.items[i]!;
        if (i > 0) add(',');
        if (!part.quote) add(item);
        else if (PLAIN.test(item)) add('"'), add(item), add('"');
        else add(JSON.stringify(item));
        if (full()) yield take();
      }
    }
    if (full()) yield take();
  }
  if (chunk.length > 0) yield take();
}

/** Token grants never change: each one's `[hash, grant]` JSON, kept as long as the grant is. */
const grantJson = new WeakMap<TokenGrant, { hash: string; json: string }>();

function cachedJson<T extends { id: string }>(t: EventTables, records: Iterable<T>, shape: (r: T) => unknown): string[] {
  return Array.from(records, (r) => {
    let json = t.json.get(r.id);
    if (json === undefined) t.json.set(r.id, (json = JSON.stringify(shape(r))));
    return json;
  });
}

/** Drops the cached JSON of records that changed. */
export function stale(t: EventTables, ids: Iterable<string>): void {
  for (const id of ids) t.json.delete(id);
}

/** Presence dies with the process: a snapshot keeps nobody online. */
const offline = (a: AttendeeRecord): AttendeeRecord => ({ ...a, online: 0, seenAt: 0 });

/** An event's small tables: all but its people, matches and pairs that met. */
function eventSnapshot(t: EventTables): Omit<MemorySnapshot['events'][number], 'attendees' | 'matches' | 'met'> {
  return {
    event: t.event,
    blocked: [...t.blocked],
    successors: [...t.successors],
    cooldowns: [...t.cooldowns],
    contacts: [...t.contacts],
    feedback: [...t.feedback],
    reports: t.reports,
  };
}

export function fromSnapshot(snapshot: MemorySnapshot): EventTables[] {
  return snapshot.events.map((s) => {
    // Snapshots written before pauses were kept have no pausedAt: taken as not paused since.
    const t = newTables({ ...s.event, pausedAt: s.event.pausedAt ?? null });
    for (const a of s.attendees) {
      t.attendees.set(a.id, { ...a, online: 0 });
      if (a.status === 'looking') t.looking.add(a.id);
    }
    for (const m of s.matches.map(withFormerMembers)) {
      t.matches.set(m.id, m);
      if (m.status !== 'ended') t.active.add(m.id);
      for (const id of peopleOf(m)) addMatchOf(t, id, m.id);
    }
    s.met.forEach((k) => addMet(t, ...(k.split('|') as [string, string])));
    s.blocked.forEach((k) => t.blocked.add(k));
    s.successors?.forEach(([k, v]) => t.successors.set(k, v));
    s.cooldowns.forEach(([k, v]) => t.cooldowns.set(k, v));
    s.contacts.forEach(([k, v]) => t.contacts.set(k, v));
    s.feedback.forEach(([k, v]) => t.feedback.set(k, v));
    t.reports = s.reports;
    return t;
  });
}

/**
 * A match from a snapshot written before former members were kept with who they were with
 * (`formerMemberIds`, plain ids): not known, so they are taken to have been with nobody.
 */
function withFormerMembers(m: MatchRecord & { formerMemberIds?: string[] }): MatchRecord {
  const { formerMemberIds, ...rest } = m;
  if (!formerMemberIds?.length || rest.formerMembers) return rest;
  return { ...rest, formerMembers: formerMemberIds.map((id) => ({ id, with: [] })) };
}
