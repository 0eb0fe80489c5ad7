import { dictionary } from '../../dictionary';
import type { AttendeeRecord, EventDetailsPatch, EventRecord, FormerMember, MatchFormed, MatchRecord, StatsAttendee, StatsMatch } from '../records';

/**
 * Records <-> Redis hash fields. Scalars the Lua scripts test or change (status, matchId…) are
 * plain fields; lists are JSON strings the scripts never decode, so no script has to re-encode
 * an empty JSON array (Redis's cjson would turn `[]` into `{}`).
 */
type Hash = Record<string, string>;

const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
const str = (v: number | string | null): string => (v === null ? '' : String(v));

export function encodeEvent(e: EventRecord, expiresAt: number): Hash {
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    topics: JSON.stringify(e.topics),
    spots: JSON.stringify(e.spots),
    status: e.status,
    endsAt: str(e.endsAt),
    createdAt: String(e.createdAt),
    ann: JSON.stringify(e.announcement),
    pausedAt: str(e.pausedAt),
    exp: String(expiresAt),
  };
}

export function encodeEventPatch(patch: EventDetailsPatch): Hash {
  const h: Hash = {};
  if (patch.name !== undefined) h.name = patch.name;
  if (patch.topics !== undefined) h.topics = JSON.stringify(patch.topics);
  if (patch.spots !== undefined) h.spots = JSON.stringify(patch.spots);
  if (patch.endsAt !== undefined) h.endsAt = str(patch.endsAt);
  if (patch.announcement !== undefined) h.ann = JSON.stringify(patch.announcement);
  return h;
}

export function decodeEvent(h: Hash): EventRecord | null {
  if (!h.id) return null;
  return {
    id: h.id,
    code: h.code!,
    name: h.name!,
    topics: JSON.parse(h.topics!) as string[],
    spots: JSON.parse(h.spots!) as string[],
    status: h.status as EventRecord['status'],
    endsAt: num(h.endsAt),
    createdAt: Number(h.createdAt),
    announcement: h.ann ? (JSON.parse(h.ann) as EventRecord['announcement']) : null,
    pausedAt: num(h.pausedAt),
  };
}

export function encodeAttendeePatch(patch: Partial<AttendeeRecord>): Hash {
  const h: Hash = {};
  if (patch.id !== undefined) h.id = patch.id;
  if (patch.eventId !== undefined) h.ev = patch.eventId;
  if (patch.name !== undefined) h.name = patch.name;
  if (patch.interests !== undefined) h.int = JSON.stringify(patch.interests);
  if (patch.solo !== undefined) h.solo = patch.solo ? '1' : '0';
  if (patch.lookFor !== undefined) h.lf = patch.lookFor;
  if (patch.offers !== undefined) h.off = JSON.stringify(patch.offers);
  if (patch.asks !== undefined) h.ask = JSON.stringify(patch.asks);
  if (patch.status !== undefined) h.st = patch.status;
  if (patch.matchId !== undefined) h.m = str(patch.matchId);
  if (patch.lookingSince !== undefined) h.ls = str(patch.lookingSince);
  if (patch.joinedAt !== undefined) h.joined = String(patch.joinedAt);
  if (patch.online !== undefined) h.on = String(patch.online);
  if (patch.seenAt !== undefined) h.seen = String(patch.seenAt);
  if (patch.arrivalTimedOut !== undefined) h.ato = patch.arrivalTimedOut;
  if (patch.matchTimedOut !== undefined) h.mto = patch.matchTimedOut;
  return h;
}

/** The attendee hash fields `decodeStatsAttendee` reads, `id` first (see redis/stats.ts). */
export const STATS_ATTENDEE_FIELDS = ['id', 'name', 'int', 'solo', 'lf', 'st', 'ls', 'on', 'seen'];

/** The part of an attendee the organiser's figures read; the hash may hold only STATS_ATTENDEE_FIELDS. */
export function decodeStatsAttendee(h: Hash): StatsAttendee | null {
  if (!h.id) return null;
  return {
    id: h.id,
    name: h.name!,
    interests: JSON.parse(h.int!) as string[],
    solo: h.solo === '1',
    lookFor: h.lf ?? '',
    status: h.st as AttendeeRecord['status'],
    lookingSince: num(h.ls),
    online: Number(h.on ?? 0),
    seenAt: Number(h.seen ?? 0),
  };
}

export function decodeAttendee(h: Hash): AttendeeRecord | null {
  if (!h.id) return null;
  // Written out in full rather than as decodeStatsAttendee's result spread into more fields:
  // a tick decodes thousands, and the spread made this ten times slower.
  const a: AttendeeRecord = {
    id: h.id,
    eventId: h.ev!,
    name: h.name!,
    interests: JSON.parse(h.int!) as string[],
    solo: h.solo === '1',
    lookFor: h.lf ?? '',
    offers: JSON.parse(h.off ?? '[]') as string[],
    asks: JSON.parse(h.ask ?? '[]') as string[],
    status: h.st as AttendeeRecord['status'],
    matchId: h.m ? h.m : null,
    lookingSince: num(h.ls),
    joinedAt: Number(h.joined),
    online: Number(h.on ?? 0),
    seenAt: Number(h.seen ?? 0),
  };
  // Set after, not spread in: see above.
  if (h.ato) a.arrivalTimedOut = h.ato;
  if (h.mto) a.matchTimedOut = h.mto;
  return a;
}

export function encodeMatch(m: MatchRecord): Hash {
  const h: Hash = {
    id: m.id,
    ev: m.eventId,
    mem: JSON.stringify(m.memberIds),
    st: m.status,
    created: String(m.createdAt),
    met: str(m.metAt),
    end: str(m.endedAt),
    why: m.endReason ?? '',
    shared: JSON.stringify(m.sharedTopics),
    ice: m.icebreaker,
    spot: m.spot ?? '',
    hasSpot: m.spot === null ? '0' : '1',
    beacon: JSON.stringify(m.beacon),
    open: m.open ? '1' : '0',
  };
  if (m.arriving?.length) h.arr = JSON.stringify(m.arriving);
  if (m.formerMembers?.length) h.former = JSON.stringify(m.formerMembers.map((f) => f.id));
  for (const f of m.formerMembers ?? []) if (f.with.length > 0) h[`fw:${f.id}`] = JSON.stringify(f.with);
  for (const [id, reasons] of Object.entries(m.reasons)) h[`r:${id}`] = JSON.stringify(reasons);
  for (const [id, wait] of Object.entries(m.waits)) h[`w:${id}`] = String(wait);
  for (const [id, at] of Object.entries(m.sentAt ?? {})) h[`sent:${id}`] = String(at);
  if (m.formed) h.formed = JSON.stringify(m.formed);
  return h;
}

/** The match hash fields `decodeStatsMatch` reads besides every `w:` (wait) field, `id` first. */
export const STATS_MATCH_FIELDS = ['id', 'mem', 'former', 'arr', 'created', 'met', 'why'];

/** The part of a match the organiser's figures read; the hash may hold only those fields. */
export function decodeStatsMatch(h: Hash): StatsMatch | null {
  if (!h.id) return null;
  const formerMembers = decodeFormer(h);
  return {
    memberIds: JSON.parse(h.mem!) as string[],
    ...(formerMembers.length > 0 ? { formerMembers } : {}),
    ...(h.arr ? { arriving: JSON.parse(h.arr) as string[] } : {}),
    createdAt: Number(h.created),
    metAt: num(h.met),
    endReason: (h.why || null) as MatchRecord['endReason'],
    waits: byPrefix(h, 'w:', Number),
  };
}

export function decodeMatch(h: Hash): MatchRecord | null {
  if (!h.id) return null;
  const formerMembers = decodeFormer(h);
  return {
    id: h.id,
    eventId: h.ev!,
    memberIds: JSON.parse(h.mem!) as string[],
    ...(formerMembers.length > 0 ? { formerMembers } : {}),
    ...(h.arr ? { arriving: JSON.parse(h.arr) as string[] } : {}),
    status: h.st as MatchRecord['status'],
    createdAt: Number(h.created),
    metAt: num(h.met),
    endedAt: num(h.end),
    endReason: (h.why || null) as MatchRecord['endReason'],
    sharedTopics: JSON.parse(h.shared!) as string[],
    icebreaker: h.ice!,
    spot: h.hasSpot === '1' ? h.spot! : null,
    beacon: JSON.parse(h.beacon!) as MatchRecord['beacon'],
    reasons: byPrefix(h, 'r:', (v) => JSON.parse(v) as string[]),
    waits: byPrefix(h, 'w:', Number),
    ...sentAtOf(h),
    ...(h.formed ? { formed: JSON.parse(h.formed) as MatchFormed } : {}),
    open: h.open === '1',
  };
}

/** When each member who joined after the match formed was sent (`sent:<id>`); nothing when nobody was. */
function sentAtOf(h: Hash): Pick<MatchRecord, 'sentAt'> {
  const sentAt = byPrefix(h, 'sent:', Number);
  return Object.keys(sentAt).length > 0 ? { sentAt } : {};
}

/** The per-member fields `<prefix><attendee id>`, by attendee id. */
function byPrefix<T>(h: Hash, prefix: string, parse: (value: string) => T): Record<string, T> {
  const out = dictionary<T>();
  for (const k in h) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = parse(h[k]!);
  return out;
}

/**
 * Former members: their ids in `former`, in the order they left, and who each was with in
 * `fw:<id>`. Scripts delete a list rather than leave it empty (cjson would write `[]` as `{}`),
 * so a missing `fw:` is nobody; so is it for a match written before `fw:` was kept.
 */
function decodeFormer(h: Hash): FormerMember[] {
  const list = (raw: string | undefined): string[] => {
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    return Array.isArray(v) ? (v as string[]) : [];
  };
  return list(h.former).map((id) => ({ id, with: list(h[`fw:${id}`]) }));
}

/**
 * HGETALL as a Lua script returns it: a flat [field, value, …] array, into `h`. Pass a
 * `dictionary()` for many hashes with fields named after ids (a match's `w:<id>`).
 */
export function pairsToHash(flat: unknown, h: Hash = {}): Hash {
  if (!Array.isArray(flat)) return h;
  for (let i = 0; i + 1 < flat.length; i += 2) h[String(flat[i])] = String(flat[i + 1]);
  return h;
}

export function hashToArgs(h: Hash): string[] {
  return Object.entries(h).flat();
}
