import { defaultMatchOptions } from './types';

/** What the service knows about an event when a seeker asks "how long?". */
export interface WaitHintInput {
  /** Connected seekers looking right now, including the one asking. */
  looking: number;
  /** People placed in a match (paired or joined) during the last `windowMs`: the match rate. */
  recentlyPlaced: number;
  /** Length of that window, ms. */
  windowMs: number;
  /** Time between matching ticks, ms. */
  tickIntervalMs: number;
  /** How long the asker has been looking already, ms. @default 0 */
  waitedMs?: number;
  /** Open circles with room (status chatting, open, below maxGroupSize). @default 0 */
  openCircles?: number;
  /** Matches that could take the asker as a third now (see `joinKind`): possible trios. @default 0 */
  recentPairs?: number;
  /** @default defaultMatchOptions.trioAfterMs */
  trioAfterMs?: number;
  /** @default defaultMatchOptions.trios */
  trios?: boolean;
}

/** Longest estimate worth showing; beyond it "we don't know" is more honest. */
const MAX_HINT_MS = 10 * 60_000;

/**
 * A rough "you'll probably be matched in…" for the asker, or null when there is nothing to go
 * on. Pure; the service supplies the counts.
 *
 * - Someone else is looking: the next tick will most likely pair them (one interval).
 * - Alone, but an open circle has room: the next tick.
 * - Alone, but a recent pair could take them as a third: when the trio wait runs out.
 * - Alone otherwise: the time until the next person is likely to start looking, taken from
 *   the recent match rate (people placed per ms; in a steady event as many start looking as
 *   are placed), plus one tick.
 * - No recent matches at all, or an estimate over ten minutes: null.
 */
export function estimateWaitMs(input: WaitHintInput): number | null {
  const tick = Math.max(0, input.tickIntervalMs);
  const waited = Math.max(0, input.waitedMs ?? 0);
  if (input.looking >= 2) return tick;
  const trios = input.trios ?? defaultMatchOptions.trios;
  const trioAfter = input.trioAfterMs ?? defaultMatchOptions.trioAfterMs;
  if ((input.openCircles ?? 0) > 0) return tick;
  if ((input.recentPairs ?? 0) > 0 && trios) return Math.max(0, trioAfter - waited) + tick;
  if (input.recentlyPlaced <= 0 || input.windowMs <= 0) return null;
  const msPerArrival = input.windowMs / input.recentlyPlaced;
  const estimate = Math.max(0, msPerArrival - waited) + tick;
  return estimate > MAX_HINT_MS ? null : Math.round(estimate);
}
