import type { MatchReminder } from '../../shared/schemas';
import type { MatchRecord } from '../store/records';
import { unconfirmedEndsAt, type ArrivalClock } from './arrivals';
import type { Notifier } from './notifier';

/**
 * How long before a match nobody has confirmed times out its people are reminded: a minute, or
 * a third of MATCH_TIMEOUT_MS when that is shorter.
 */
export function remindBeforeMs(matchTimeoutMs: number): number {
  return Math.min(60_000, Math.floor(matchTimeoutMs / 3));
}

/**
 * "Found each other? Tap it, or this match ends": sent once to everyone in a match that is still
 * `matched` when it has `remindBeforeMs` left. People who found each other and started talking
 * often forget the tap; without it the match times out under them, and they lose keeping in
 * touch. The ticker calls `check` for each unconfirmed match it reads.
 *
 * Which matches were reminded is this instance's memory: if another instance takes over the
 * event's ticks, a match may be reminded twice (phones show it once per match).
 */
export class MatchReminders {
  /** Reminded matches (and arrivals, `matchId|attendeeId`), each with when it times out (to forget it after). */
  private readonly reminded = new Map<string, number>();
  private readonly beforeMs: number;

  constructor(
    private readonly matchTimeoutMs: number,
    private readonly notifier: Pick<Notifier, 'toAttendee'>,
    private readonly arrivals: ArrivalClock,
  ) {
    this.beforeMs = remindBeforeMs(matchTimeoutMs);
  }

  /**
   * Reminds everyone in an unconfirmed match, or, in a circle that met, each one still on their
   * way to it whose own time is running out (see arrivals.ts): only them, as the rest have met.
   */
  check(m: MatchRecord, now: number): void {
    if (m.status === 'matched') this.remind(m.id, m.memberIds, m.id, unconfirmedEndsAt(m, this.matchTimeoutMs), now);
    else for (const id of m.arriving ?? []) this.remind(`${m.id}|${id}`, [id], m.id, this.arrivals.endsAt(m, id, now), now);
  }

  /**
   * The reminder `attendeeId` is due in `m` now, or null: for a phone that connects (a reload, a
   * lost signal back) while it is, and so may have missed the one sent.
   */
  dueTo(m: MatchRecord, attendeeId: string, now: number): MatchReminder | null {
    const arriving = m.status === 'chatting' && m.arriving?.includes(attendeeId);
    const endsAt = m.status === 'matched' ? unconfirmedEndsAt(m, this.matchTimeoutMs) : arriving ? this.arrivals.endsAt(m, attendeeId, now) : null;
    return endsAt !== null && this.due(endsAt, now) ? { matchId: m.id, endsInMs: endsAt - now } : null;
  }

  /** Sends the reminder keyed `key` once, while it is due. */
  private remind(key: string, to: string[], matchId: string, endsAt: number, now: number): void {
    if (!this.due(endsAt, now) || this.reminded.has(key)) return;
    this.reminded.set(key, endsAt);
    for (const id of to) this.notifier.toAttendee(id, 'match:reminder', { matchId, endsInMs: endsAt - now });
  }

  /** From `beforeMs` before `endsAt` until it. */
  private due(endsAt: number, now: number): boolean {
    return now >= endsAt - this.beforeMs && now < endsAt;
  }

  /** Forgets matches that have timed out by now (called once a tick). */
  prune(now: number): void {
    for (const [id, endsAt] of this.reminded) if (endsAt <= now) this.reminded.delete(id);
  }
}
