import type { Waiting } from '../../shared/schemas';
import { pairKey } from '../matching/pairs';
import type { MatchHistory } from '../matching/types';
import type { WaitOutlook } from '../matching/wait';

/** One `match:waiting` for several phones: the same hint, sent as one broadcast. */
export interface WaitingNotice {
  attendeeIds: string[];
  waiting: Waiting;
}

/**
 * The wait hints as this instance last sent them, per event and per person looking. Each
 * person's count of others (`available`) leaves out whoever has no phone connected (the matcher
 * cannot place them) and whoever they are on a "can't find them" cooldown with (not whoever
 * blocked them: that stays silent), so hints differ between people; they are sent only when they
 * change for that person.
 */
export class WaitingBoard {
  /** Per event: the last tick's count and estimate, and the `available` it sent each person. */
  private readonly events = new Map<
    string,
    {
      looking: number;
      hint: WaitOutlook;
      available: Map<string, number>;
      away: ReadonlySet<string>;
      /** Those it saw looking with a phone connected. */
      here: ReadonlySet<string>;
      /** Its history: who of `here` someone new has met, blocked, or is on a cooldown with. */
      history: Pick<MatchHistory, 'met' | 'blocked' | 'cooldown'>;
      /** Read from `history` for the first to start looking after it (see `someoneNewHere`). */
      apartFromHere?: Map<string, Set<string>>;
      /** One tick, while the event is open; null while it is not (no match forms). */
      nextTickMs: number | null;
    }
  >();

  /**
   * The hints for everyone still looking after a tick, for the phones whose hint changed since
   * they were last sent one (`overdue` counts as a change), grouped so that phones with the same hint share a broadcast. Linear
   * in the people looking plus the cooldown pairs in `history`: no pair of people is compared
   * unless the history names them.
   */
  publish(
    eventId: string,
    lookerIds: readonly string[],
    hint: WaitOutlook,
    history: Pick<MatchHistory, 'met' | 'blocked' | 'cooldown'>,
    connected: (id: string) => boolean,
    nextTickMs: number | null,
  ): WaitingNotice[] {
    if (lookerIds.length === 0) {
      // Nobody to tell. A hint kept now would be stale for the next one to start looking (say, a
      // trio with a pair that has since run out of time), and the board would grow with every
      // event: the next tick works out a fresh one for them.
      this.forget(eventId);
      return [];
    }
    const looking = lookerIds.length;
    const here = new Set(lookerIds.filter(connected));
    const apart = apartCounts(here, history);
    const last = this.events.get(eventId);
    // Everyone's hint changed with the count or the estimate; else only where `available` did.
    const same = last?.looking === looking && last.hint.estimateMs === hint.estimateMs && last.hint.overdue === hint.overdue;
    const before = same ? last.available : null;
    const sent = new Map<string, number>();
    const groups = new Map<number, string[]>();
    for (const id of lookerIds) {
      const available = here.size - (here.has(id) ? 1 : 0) - (apart.get(id) ?? 0);
      sent.set(id, available);
      if (before?.get(id) === available) continue;
      const group = groups.get(available);
      if (group) group.push(id);
      else groups.set(available, [id]);
    }
    const away = new Set(lookerIds.filter((id) => !here.has(id)));
    this.events.set(eventId, { looking, hint, available: sent, away, here, history, nextTickMs });
    const { estimateMs, overdue } = hint;
    const told = (available: number): Waiting => (overdue ? { looking, available, estimateMs, overdue } : { looking, available, estimateMs });
    return [...groups].map(([available, attendeeIds]) => ({ attendeeIds, waiting: told(available) }));
  }

  /**
   * The hint for someone who just started looking (or came back while looking), with the counts
   * fresh from the store (see `Store.countLookingFor`). The store does not know who has a phone
   * connected: those the last tick here saw looking without one are taken off `available` (the
   * store counted them). Not remembered as sent: the next tick tells them what it worked out, as
   * it does everyone new.
   *
   * The estimate: the next tick, when it is to pair them (see `someoneNewHere`); else the last
   * tick's. That one was worked out for those it left waiting, kept apart from each other (say,
   * "about 20 s" to a trio, or the match rate's guess), which says nothing of someone who can be
   * paired with one of them now: it is the first hint a screen reader reads out, and the only one.
   */
  forNewcomer(eventId: string, attendeeId: string, counts: { looking: number; available: number }): Waiting {
    const last = this.events.get(eventId);
    // Worked out apart from the last tick's count: the next tick sends them its own, whatever
    // this instance sent them before (say, before their phone went and came back).
    last?.available.delete(attendeeId);
    let away = 0;
    for (const id of last?.away ?? []) if (id !== attendeeId) away++;
    const available = Math.max(0, counts.available - away);
    const paired = last && last.nextTickMs !== null && available > 0 && someoneNewHere(last, attendeeId);
    // Never `overdue`: they have only just started. The next tick works out their own.
    return { ...counts, available, estimateMs: paired ? last.nextTickMs : (last?.hint.estimateMs ?? null) };
  }

  forget(eventId: string) {
    this.events.delete(eventId);
  }
}

/**
 * Whether someone the last tick saw looking with a phone connected has never met `attendeeId`,
 * blocked them or been blocked, and is on no cooldown with them: the next tick pairs the two (or
 * one such), as it pairs everyone it can. Its history holds every pair with someone looking in
 * it, so all of those. Read through once a tick, when someone first starts looking after it.
 * Those it saw are as of that tick: one who has been matched or left since may be the one counted
 * here, so the promise can be a tick early. The next tick's own hint follows within that tick.
 */
function someoneNewHere(
  last: { here: ReadonlySet<string>; history: Pick<MatchHistory, 'met' | 'blocked' | 'cooldown'>; apartFromHere?: Map<string, Set<string>> },
  attendeeId: string,
): boolean {
  const others = last.here.size - (last.here.has(attendeeId) ? 1 : 0);
  if (others === 0) return false;
  last.apartFromHere ??= apartFrom(last.here, last.history);
  return others > (last.apartFromHere.get(attendeeId)?.size ?? 0);
}

/** For anyone in a pair of `history` with someone in `here`, those of `here` they are in one with. */
function apartFrom(here: ReadonlySet<string>, history: Pick<MatchHistory, 'met' | 'blocked' | 'cooldown'>): Map<string, Set<string>> {
  const apart = new Map<string, Set<string>>();
  const note = (someone: string, other: string) => {
    if (someone === other || !here.has(other)) return;
    const set = apart.get(someone);
    if (set) set.add(other);
    else apart.set(someone, new Set([other]));
  };
  for (const pairs of [history.met, history.blocked, history.cooldown]) {
    for (const [a, b] of pairs) {
      note(a, b);
      note(b, a);
    }
  }
  return apart;
}

/**
 * For each of the people in `here` (looking, with a phone connected), how many of the others in
 * it they are on cooldown with (the history's cooldowns are those still running), each pair once.
 * Blocks are not counted: a block is silent, and a count one short would tell the blocked person
 * (the matcher keeps them apart all the same). Someone looking with no phone connected is in no
 * one's count, so needs no count of their own taken off.
 */
function apartCounts(here: ReadonlySet<string>, history: Pick<MatchHistory, 'cooldown'>): Map<string, number> {
  const counted = new Set<string>();
  const apart = new Map<string, number>();
  for (const [a, b] of history.cooldown) {
    if (a === b || !here.has(a) || !here.has(b)) continue;
    const key = pairKey(a, b);
    if (counted.has(key)) continue;
    counted.add(key);
    apart.set(a, (apart.get(a) ?? 0) + 1);
    apart.set(b, (apart.get(b) ?? 0) + 1);
  }
  return apart;
}
