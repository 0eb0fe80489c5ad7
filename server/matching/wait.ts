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

/** A wait hint: the estimate, and whether the asker has already waited past the usual wait. */
export interface WaitOutlook {
  /** A rough wait in ms, or null when there is nothing honest to say. */
  estimateMs: number | null;
  /**
   * Present when the asker has already waited longer than someone new usually takes to come
   * (from the recent match rate) and nobody else could be placed with them sooner: no number
   * is honest then, and "about 5 seconds" after minutes would be a lie.
   */
  overdue?: true;
}

/**
 * A rough "you'll probably be matched in…" for the asker, or null when there is nothing to go
 * on. Pure; the service supplies the counts.
 *
 * - Someone else is looking: the next tick will most likely pair them (one interval).
 * - Alone, but an open circle has room: the next tick.
 * - Alone, but a recent pair could take them as a third: when the trio wait runs out.
 * - Alone otherwise: the time until the next person is likely to start looking, taken from
 *   the recent match rate (people placed per ms; in a steady event as many start looking as
 *   are placed), plus one tick; null once they have waited longer than that gap.
 * - No recent matches at all, or an estimate over ten minutes: null.
 *
 * Once the asker has waited past the time someone new usually takes to come, the estimate is
 * null and `overdue` is set: a wait that has run past its guess says so, rather than counting
 * down to one tick and staying there however long it lasts.
 */
export function waitOutlook(input: WaitHintInput): WaitOutlook {
  const tick = Math.max(0, input.tickIntervalMs);
  const waited = Math.max(0, input.waitedMs ?? 0);
  if (input.looking >= 2) return { estimateMs: tick };
  const trios = input.trios ?? defaultMatchOptions.trios;
  const trioAfter = input.trioAfterMs ?? defaultMatchOptions.trioAfterMs;
  if ((input.openCircles ?? 0) > 0) return { estimateMs: tick };
  if ((input.recentPairs ?? 0) > 0 && trios) return { estimateMs: Math.max(0, trioAfter - waited) + tick };
  if (input.recentlyPlaced <= 0 || input.windowMs <= 0) return { estimateMs: null };
  const msPerArrival = input.windowMs / input.recentlyPlaced;
  // Past the usual gap between arrivals nothing says the next one is near: no countdown to
  // one tick, which would then promise "any moment now" for as long as the wait lasts.
  if (waited >= msPerArrival) return { estimateMs: null, overdue: true };
  const estimate = msPerArrival - waited + tick;
  return { estimateMs: estimate > MAX_HINT_MS ? null : Math.round(estimate) };
}
