import type { MatchRecord } from '../store/records';

/**
 * Someone sent over to a circle that has already met walks there and taps "I found them"
 * (`match:met`). One who never does would keep a seat in it for ever: so, like a match nobody
 * confirms, an arrival times out MATCH_TIMEOUT_MS after they were sent (see MatchService
 * `arrivalTimeout`), and is reminded before (MatchReminders).
 */

/**
 * When an arriving member's time runs out (ms since epoch): MATCH_TIMEOUT_MS after they were
 * sent. A match saved before send times were kept counts from when it met, the earliest they
 * can have been sent.
 */
export function arrivalEndsAt(m: Pick<MatchRecord, 'sentAt' | 'metAt' | 'createdAt'>, attendeeId: string, matchTimeoutMs: number): number {
  return (m.sentAt?.[attendeeId] ?? m.metAt ?? m.createdAt) + matchTimeoutMs;
}

/** The members of an active match still on their way to it whose time has run out by `now`. */
export function overdueArrivals(m: Pick<MatchRecord, 'status' | 'arriving' | 'sentAt' | 'metAt' | 'createdAt'>, now: number, matchTimeoutMs: number): string[] {
  if (m.status !== 'chatting' || !m.arriving) return [];
  return m.arriving.filter((id) => now >= arrivalEndsAt(m, id, matchTimeoutMs));
}
