import { dictionary } from '../../dictionary';
import type { StatsAttendee, StatsMatch, StatsRecords } from '../records';
import type { RedisConnection } from './base';
import { decodeStatsAttendee, decodeStatsMatch, pairsToHash, STATS_ATTENDEE_FIELDS, STATS_MATCH_FIELDS } from './codec';

/** Ids an SSCAN step asks for: a step holds Redis for a few milliseconds at most. */
const STEP = 250;

/**
 * Store.loadStats on Redis: the event's attendee and match sets walked with SSCAN, a step at a
 * time, each hash cut down inside Redis to the fields the figures read. Reading whole records
 * (listAttendees, listMatches) took about 500 ms of this process's event loop at 5,000
 * attendees and 7,500 matches, 200 ms of it in one block; this takes under 100 ms, in blocks of
 * under 25 ms (`npm run bench:stats`, docs/BENCHMARKS.md).
 */
export async function loadStats(r: RedisConnection, eventId: string): Promise<StatsRecords> {
  const k = r.keys;
  const [attendees, matches] = await Promise.all([
    scan(r, k.attendees(eventId), k.attendeePrefix(eventId), '', STATS_ATTENDEE_FIELDS, decodeStatsAttendee),
    scan(r, k.matches(eventId), k.matchPrefix(eventId), 'w:*', STATS_MATCH_FIELDS, decodeStatsMatch),
  ]);
  return { attendees, matches };
}

async function scan<T extends StatsAttendee | StatsMatch>(
  r: RedisConnection,
  set: string,
  hashPrefix: string,
  like: string,
  /** Hash fields by name, `id` first (a hash without one is gone). */
  fields: string[],
  decode: (h: Record<string, string>) => T | null,
): Promise<T[]> {
  // SSCAN may return an id twice (when the set is resized under it): keyed by the hash's id.
  const byId = new Map<string, T>();
  let cursor = '0';
  do {
    const [next, json] = (await r.script('scanProjected', [set], [cursor, STEP, hashPrefix, like, ...fields])) as [string, string];
    const rows = JSON.parse(json) as Array<Array<string | false>> | Record<string, never>;
    for (const row of Array.isArray(rows) ? rows : []) {
      // The named fields by position (their id first: present, or the row would be left out),
      // then any matching the pattern as field/value pairs.
      const h: Record<string, string> = like ? dictionary<string>() : {};
      for (let i = 0; i < fields.length; i++) if (row[i] !== false) h[fields[i]!] = row[i] as string;
      pairsToHash(row.slice(fields.length), h);
      const record = decode(h);
      if (record) byId.set(h.id!, record);
    }
    cursor = next;
  } while (cursor !== '0');
  return [...byId.values()];
}
