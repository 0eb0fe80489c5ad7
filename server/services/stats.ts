import type { Stats } from '../../shared/schemas';
import { keyOf } from '../matching/topics';
import { peopleOf } from '../store/match-people';
import type { AttendeeRecord, EventRecord, ReportRecord, StatsAttendee, StatsMatch } from '../store/records';

/** Upper bounds of the wait histogram's buckets (ms); a last bucket holds the rest. */
const WAIT_BUCKETS_MS = [10_000, 30_000, 60_000, 120_000, 300_000];

type Attendee = Readonly<StatsAttendee>;

export interface StatsInput {
  event: EventRecord;
  attendees: ReadonlyArray<Attendee>;
  matches: ReadonlyArray<Readonly<StatsMatch>>;
  now: number;
  /** Whether a connection still counts (see the ticker's presence window). */
  isOnline: (a: Pick<AttendeeRecord, 'online' | 'seenAt'>) => boolean;
  feedback: { good: number; bad: number };
  reports: ReportRecord[];
  /** How many people the organiser removed (Store.countRemoved). */
  removed: number;
  /** When the store deletes the event (Store.deletesAt), ms. */
  deletesAt: number;
}

/**
 * The organiser's figures, worked out from the store's records alone. Pure, and it changes none
 * of the records it reads (the embedded store hands out its own). One pass over the people and
 * one over the matches: this runs every second per watched event.
 */
export function computeStats({ event, attendees, matches, now, isOnline, feedback, reports, removed, deletesAt }: StatsInput): Stats {
  const byStatus = { idle: 0, looking: 0, matched: 0, chatting: 0 };
  let online = 0;
  let solo = 0;
  const waitingHere: Attendee[] = [];
  const byId = new Map<string, Attendee>();
  const walking = onTheirWay(matches);
  for (const a of attendees) {
    byId.set(a.id, a);
    // Someone sent over to a circle that met is still finding it: not talking yet.
    byStatus[a.status === 'chatting' && walking.has(a.id) ? 'matched' : a.status]++;
    if (!isOnline(a)) continue;
    online++;
    if (a.solo) solo++;
    if (a.status === 'looking' && a.lookingSince !== null) waitingHere.push(a);
  }

  const waitList: number[] = [];
  // Someone who left a trio or circle after it met had a conversation too.
  const conversed = new Set<string>();
  let met = 0;
  let cantFind = 0;
  let timedOut = 0;
  for (const m of matches) {
    for (const id in m.waits) waitList.push(m.waits[id]!);
    if (m.metAt !== null) {
      met++;
      // Not anyone still on their way to it: they never met it.
      for (const id of peopleOf(m)) if (!m.arriving?.includes(id)) conversed.add(id);
    }
    if (m.endReason === 'cant_find') cantFind++;
    else if (m.endReason === 'timeout') timedOut++;
  }
  const waits = Float64Array.from(waitList).sort();
  // While matching is paused nobody's wait grows (Store.setEventStatus moves them on at the
  // resume). A pause older than pausedAt has no time to stop at: its waits run on, as they did.
  const waitsPaused = event.status === 'paused' && event.pausedAt !== null;
  const waitsUntil = event.pausedAt !== null && waitsPaused ? Math.min(now, event.pausedAt) : now;
  let conversedHere = 0;
  for (const id of conversed) if (byId.has(id)) conversedHere++;

  return {
    eventId: event.id,
    at: new Date(now).toISOString(),
    attendees: attendees.length,
    online,
    ...byStatus,
    solo,
    matchesTotal: matches.length,
    metTotal: met,
    cantFindTotal: cantFind,
    timedOutTotal: timedOut,
    medianWaitMs: percentile(waits, 0.5),
    p90WaitMs: percentile(waits, 0.9),
    waitHistogram: histogram(waits),
    conversedShare: attendees.length === 0 ? 0 : conversedHere / attendees.length,
    topics: topics(attendees),
    // An ended event's chart stops at its end, not at now: its last half hour stays on show.
    perMinute: perMinute(matches, event.status === 'ended' && event.endsAt !== null ? Math.min(now, event.endsAt) : now),
    // Only people with a phone here: the matcher places nobody else, and a host walking over to
    // someone whose phone has gone would find an empty spot.
    longestWaiting: waitingHere
      .sort((a, b) => a.lookingSince! - b.lookingSince!)
      .slice(0, 5)
      .map((a) => ({ id: a.id, name: a.name, lookFor: a.lookFor, waitingMs: Math.max(0, waitsUntil - a.lookingSince!) })),
    waitsPaused,
    feedback,
    reports: newestReports(reports, byId, 50),
    reportsTotal: countReports(reports, byId),
    removedTotal: removed,
    deletesAt: new Date(deletesAt).toISOString(),
  };
}

/** Who is on their way to a circle that met (`arriving`) in a match still going. */
function onTheirWay(matches: ReadonlyArray<Readonly<StatsMatch>>): Set<string> {
  const ids = new Set<string>();
  for (const m of matches) if (m.endReason === null && m.arriving) for (const id of m.arriving) ids.add(id);
  return ids;
}

/**
 * The newest `limit` reports about people still here, newest first. Walks back from the end and
 * stops at the limit, looking each person up in a map: this runs every second per dashboard.
 */
function newestReports(reports: ReportRecord[], byId: ReadonlyMap<string, Attendee>, limit: number): Stats['reports'] {
  const out: Stats['reports'] = [];
  for (let i = reports.length - 1; i >= 0 && out.length < limit; i--) {
    const r = reports[i]!;
    const reported = byId.get(r.reportedId);
    if (!reported) continue; // already removed
    out.push({ id: r.id, attendeeId: r.reportedId, name: reported.name.split(' ')[0]!, reason: r.reason, text: r.text, at: new Date(r.at).toISOString() });
  }
  return out;
}

/** How many reports are about people still here (the panel lists the newest of them). */
function countReports(reports: ReadonlyArray<ReportRecord>, byId: ReadonlyMap<string, Attendee>): number {
  let n = 0;
  for (const r of reports) if (byId.has(r.reportedId)) n++;
  return n;
}

/** Nearest-rank percentile of sorted values, or null for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round(sorted[rank]!);
}

function histogram(waits: ArrayLike<number>): Stats['waitHistogram'] {
  const buckets = [...WAIT_BUCKETS_MS, null].map((upToMs) => ({ upToMs, count: 0 }));
  for (let k = 0; k < waits.length; k++) {
    const w = waits[k]!;
    const i = WAIT_BUCKETS_MS.findIndex((limit) => w <= limit);
    buckets[i === -1 ? buckets.length - 1 : i]!.count++;
  }
  return buckets;
}

/** Interest popularity, counted once per attendee, shown as the first person typed it. */
function topics(attendees: ReadonlyArray<Attendee>): Stats['topics'] {
  const byKey = new Map<string, { topic: string; count: number }>();
  for (const a of attendees) {
    for (const t of a.interests) {
      const key = keyOf(t);
      const entry = byKey.get(key);
      if (entry) entry.count++;
      else byKey.set(key, { topic: t, count: 1 });
    }
  }
  return [...byKey.values()].sort((x, y) => y.count - x.count || x.topic.localeCompare(y.topic)).slice(0, 40);
}

/** Matches formed in each minute from the first match to `now` (or the last match), gaps included. */
function perMinute(matches: ReadonlyArray<Readonly<StatsMatch>>, now: number): Stats['perMinute'] {
  if (matches.length === 0) return [];
  const minute = (t: number) => Math.floor(t / 60_000) * 60_000;
  const counts = new Map<number, number>();
  for (const m of matches) counts.set(minute(m.createdAt), (counts.get(minute(m.createdAt)) ?? 0) + 1);
  const first = Math.min(...counts.keys());
  const last = Math.max(minute(now), ...counts.keys());
  const out: Stats['perMinute'] = [];
  // At most the last 12 hours, so a long-running event cannot grow this without bound.
  for (let t = Math.max(first, last - 12 * 3_600_000); t <= last; t += 60_000) {
    out.push({ minute: new Date(t).toISOString(), matches: counts.get(t) ?? 0 });
  }
  return out;
}
