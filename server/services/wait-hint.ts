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
 *
 * A match that everyone left waiting is on a "can't find them" cooldown with (the group a
 * newcomer was sent to and could not find) takes none of them before it runs out: it is no
 * trio on offer then, and what it does promise is counted down to in `rejoinIn`.
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
  // Read once for both checks below, and only if one needs it: an event's blocks can be many.
  let blockedSet: ReadonlySet<string> | undefined;
  const blocked = () => (blockedSet ??= pairSet(past.history.blocked));
  const cooled = stuck ? cooledOff(here, active, past, blocked, now) : [];
  const keptFromAll = keptFromEveryone(cooled, here.length);
  // A pair the matcher had on offer and that did not take someone who had waited long enough
  // will not take them later either; one formed this tick was not on offer yet. One they are all
  // on a cooldown with takes none of them before it runs out (see `rejoinIn`).
  const mayTakeThem = (m: MatchRecord) => !keptFromAll.has(m.id) && (!stuck || waited < options.trioAfterMs || m.createdAt === now);
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
  const due = stuck ? [repeatPairIn(ctx, here, past, blocked, now), rejoinIn(ctx, cooled, now)].filter((ms) => ms !== null) : [];
  if (due.length === 0) return outlook;
  // A repeat pair, or a place back in the group, is due by the matcher's own rule: a number to
  // give, overdue or not.
  return { estimateMs: Math.min(outlook.estimateMs ?? Infinity, ...due) };
}

/** Someone looking, kept out of an active match by a "can't find them" cooldown with its members. */
interface CooledOff {
  looker: AttendeeRecord;
  match: MatchRecord;
  /** When the last of their cooldowns with its members runs out (ms since epoch); null if one has no known end. */
  until: number | null;
  /** Whether they also blocked one of its members, or were blocked: it never takes them. */
  blocked: boolean;
}

/**
 * Each looker here and each active match they are on a cooldown with one of the members of.
 * Linear in the cooldown pairs: only pairs the history names are looked at.
 */
function cooledOff(
  here: AttendeeRecord[],
  active: MatchRecord[],
  { history, cooldownEnds }: Pick<TickSnapshot, 'history' | 'cooldownEnds'>,
  blockedPairs: () => ReadonlySet<string>,
  now: number,
): CooledOff[] {
  if (history.cooldown.length === 0) return [];
  const lookers = new Map(here.map((a) => [a.id, a]));
  const matchOf = new Map<string, MatchRecord>();
  for (const m of active) for (const id of m.memberIds) matchOf.set(id, m);
  const found = new Map<string, CooledOff>();
  for (const [x, y] of history.cooldown) {
    for (const [lookerId, memberId] of [[x, y], [y, x]] as const) {
      const looker = lookers.get(lookerId);
      const match = matchOf.get(memberId);
      if (!looker || !match) continue;
      const end = cooldownEnds.get(pairKey(lookerId, memberId)) ?? null;
      const key = `${lookerId} ${match.id}`;
      const seen = found.get(key);
      if (!seen) found.set(key, { looker, match, until: end, blocked: false });
      else seen.until = seen.until === null || end === null ? null : Math.max(seen.until, end);
    }
  }
  const out = [...found.values()].filter((c) => c.until === null || c.until > now);
  if (out.length === 0) return out;
  const blocked = blockedPairs();
  for (const c of out) c.blocked = c.match.memberIds.some((id) => blocked.has(pairKey(c.looker.id, id)));
  return out;
}

/** The matches that every one of the `lookers` looking here is on a cooldown with. */
function keptFromEveryone(cooled: CooledOff[], lookers: number): Set<string> {
  const byMatch = new Map<string, number>();
  for (const c of cooled) byMatch.set(c.match.id, (byMatch.get(c.match.id) ?? 0) + 1);
  return new Set([...byMatch].filter(([, n]) => n === lookers).map(([id]) => id));
}

/**
 * When someone kept out of a group by a "can't find them" cooldown (sent to join it, they could
 * not find it) is placed in it again: once the cooldown with all its members has run out, and
 * they have waited `trioAfterMs`, as for anyone joining people they met (a cooldown is only ever
 * between people who were matched), if it could still take someone then; plus a tick. The
 * soonest such, or null.
 */
function rejoinIn(ctx: WaitHintContext, cooled: CooledOff[], now: number): number | null {
  let soonest = Infinity;
  for (const { looker, match, until, blocked } of cooled) {
    if (until === null || blocked) continue;
    const at = Math.max(until, (looker.lookingSince ?? now) + ctx.options.trioAfterMs);
    if (joinKind(shapeOf(match), { ...ctx.options, now: at })) soonest = Math.min(soonest, at - now);
  }
  return Number.isFinite(soonest) ? soonest + ctx.intervalMs : null;
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
  blockedPairs: () => ReadonlySet<string>,
  now: number,
): number | null {
  if (here.length > REPEAT_SCAN) return null;
  const blocked = blockedPairs();
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
