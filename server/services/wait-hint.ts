import { joinKind } from '../matching/joinable';
import { pairKey, pairSet } from '../matching/pairs';
import type { MatchOptions } from '../matching/types';
import { waitOutlook, type WaitOutlook } from '../matching/wait';
import type { AttendeeRecord, MatchRecord, TickSnapshot } from '../store/records';
import { shapeOf } from './tick-parts';

/** What the wait hint needs to know besides the tick's records. */
export interface WaitHintContext {
  /** The matcher's options, without the clock and seed. */
  options: Omit<MatchOptions, 'now' | 'seed'>;
  /** How often the ticker runs, ms. */
  intervalMs: number;
  /** Whether a phone is here (see MatchTicker.isConnected). */
  isConnected: (a: AttendeeRecord, now: number) => boolean;
}

/**
 * The wait hint for those still looking after a tick's plan, one for the whole event. The
 * matcher has placed everyone it could, so whoever it left waiting cannot be put with anyone
 * looking now (blocked, on cooldown, met before and not waited long enough), nor in any circle
 * with room: only the others (a claim that lost a race) count as someone to pair with next
 * tick. Worked out for the one who has waited least, so it holds for everyone (`overdue` too:
 * if the last to start looking has waited past the usual wait, all of them have).
 */
export function waitHint(
  ctx: WaitHintContext,
  lookers: AttendeeRecord[],
  leftWaiting: ReadonlySet<string>,
  active: MatchRecord[],
  past: Pick<TickSnapshot, 'history' | 'cooldownEnds'>,
  now: number,
): WaitOutlook {
  const { options } = ctx;
  const here = lookers.filter((a) => ctx.isConnected(a, now));
  const pairable = here.filter((a) => !leftWaiting.has(a.id)).length;
  // Nobody here to place is not stuck: a circle would take the next phone to come.
  const stuck = here.length > 0 && pairable === 0;
  const waitedMs = here.reduce((least, a) => Math.min(least, now - (a.lookingSince ?? now)), Infinity);
  const waited = Number.isFinite(waitedMs) ? waitedMs : 0;
  const windowMs = 5 * 60_000;
  const recent = active.filter((m) => now - m.createdAt < windowMs);
  // The matcher's own rule for what may take someone now (an unconfirmed pair near its
  // timeout may not), so the hint never promises a trio or circle that cannot form.
  // Asked for when the one who has waited least may join as a third (after `trioAfterMs`): an
  // unconfirmed pair offered now may be past its window by then, and never take them.
  const eligibleAt = now + Math.max(0, options.trioAfterMs - waited);
  const takes = active.map((m) => joinKind(shapeOf(m), { ...options, now: eligibleAt })?.kind);
  // A pair the matcher had on offer and that did not take someone who had waited long enough
  // will not take them later either; one formed this tick was not on offer yet.
  const mayTakeThem = (m: MatchRecord) => !stuck || waited < options.trioAfterMs || m.createdAt === now;
  const outlook = waitOutlook({
    looking: Math.max(pairable, Math.min(here.length, 1)),
    recentlyPlaced: recent.reduce((n, m) => n + m.memberIds.length, 0),
    windowMs,
    tickIntervalMs: ctx.intervalMs,
    waitedMs: waited,
    openCircles: stuck ? 0 : takes.filter((k) => k === 'circle').length,
    recentPairs: takes.filter((k, i) => k === 'trio' && mayTakeThem(active[i]!)).length,
    trioAfterMs: options.trioAfterMs,
    trios: options.trios,
  });
  const repeat = stuck ? repeatPairIn(ctx, here, past, now) : null;
  if (repeat === null) return outlook;
  // A repeat pair is due by the matcher's own rule: a number to give, overdue or not.
  return { estimateMs: Math.min(outlook.estimateMs ?? Infinity, repeat) };
}

/** Up to this many stuck people are compared each with each for a repeat pair (see repeatPairIn). */
const REPEAT_SCAN = 64;

/**
 * When two of those left waiting were kept apart only by having met before, or by a "can't find
 * them" cooldown (not by a block), the matcher pairs them again once both have waited
 * `trioAfterMs` and the cooldown has run out: how long until the first such pair is due, plus a
 * tick; null if there is none. Only for a handful of people, as it compares each with each.
 */
function repeatPairIn(
  ctx: WaitHintContext,
  here: AttendeeRecord[],
  { history, cooldownEnds }: Pick<TickSnapshot, 'history' | 'cooldownEnds'>,
  now: number,
): number | null {
  if (here.length > REPEAT_SCAN) return null;
  const blocked = pairSet(history.blocked);
  const cooling = pairSet(history.cooldown);
  const dueIn = (a: AttendeeRecord) => Math.max(0, ctx.options.trioAfterMs - (now - (a.lookingSince ?? now)));
  let soonest = Infinity;
  for (let i = 0; i < here.length; i++) {
    for (let j = i + 1; j < here.length; j++) {
      const key = pairKey(here[i]!.id, here[j]!.id);
      if (blocked.has(key)) continue;
      const until = cooling.has(key) ? cooldownEnds.get(key) : now;
      if (until === undefined) continue; // a cooldown with no known end: nothing to promise
      soonest = Math.min(soonest, Math.max(until - now, dueIn(here[i]!), dueIn(here[j]!)));
    }
  }
  return Number.isFinite(soonest) ? soonest + ctx.intervalMs : null;
}
