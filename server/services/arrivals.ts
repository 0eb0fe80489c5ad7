import type { MatchRecord } from '../store/records';

/**
 * When a match nobody has confirmed (`matched`) times out: MATCH_TIMEOUT_MS after it formed or
 * after the latest third was sent to it (`sentAt`), whichever is later. A third sent to a pair
 * partway through its time gets a whole timeout to find them too, and the match ends for all of
 * them at once. A third who gives up still counts: the pair's reminder was put off for them, and
 * must still come a minute before the end.
 */
export function unconfirmedEndsAt(m: Pick<MatchRecord, 'createdAt' | 'sentAt'>, matchTimeoutMs: number): number {
  let from = m.createdAt;
  for (const at of Object.values(m.sentAt ?? {})) from = Math.max(from, at);
  return from + matchTimeoutMs;
}

/**
 * Someone sent over to a circle that has already met walks there and taps "I found them"
 * (`match:met`). One who never does would keep a seat in it for ever: so, like a match nobody
 * confirms, an arrival times out MATCH_TIMEOUT_MS after they were sent (see MatchService
 * `arrivalTimeout`), and is reminded before (MatchReminders).
 */
export class ArrivalClock {
  /**
   * When this instance first saw an arrival with no send time (`matchId|attendeeId`): one sent
   * by a server from before send times were kept (a snapshot, or an older instance on Redis).
   */
  private readonly firstSeen = new Map<string, number>();

  constructor(private readonly matchTimeoutMs: number) {}

  /**
   * When `attendeeId`'s arrival at `m` runs out (ms since epoch): MATCH_TIMEOUT_MS after they
   * were sent. With no send time on record, after this instance first saw them on their way:
   * never sooner than a full timeout from now, so nobody times out unreminded on an upgrade.
   */
  endsAt(m: Pick<MatchRecord, 'id' | 'sentAt'>, attendeeId: string, now: number): number {
    const sent = m.sentAt?.[attendeeId];
    if (sent !== undefined) return sent + this.matchTimeoutMs;
    const key = `${m.id}|${attendeeId}`;
    let seen = this.firstSeen.get(key);
    if (seen === undefined) this.firstSeen.set(key, (seen = now));
    return seen + this.matchTimeoutMs;
  }

  /** The members of an active match still on their way to it whose time has run out by `now`. */
  overdue(m: Pick<MatchRecord, 'id' | 'status' | 'arriving' | 'sentAt'>, now: number): string[] {
    if (m.status !== 'chatting' || !m.arriving) return [];
    return m.arriving.filter((id) => now >= this.endsAt(m, id, now));
  }

  /** Forgets first sightings long past any timeout (called once a tick). */
  prune(now: number): void {
    for (const [key, seen] of this.firstSeen) if (seen + 2 * this.matchTimeoutMs <= now) this.firstSeen.delete(key);
  }
}
