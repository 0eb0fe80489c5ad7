import type { MatchHistory } from '../../matching/types';
import type { TickSnapshot } from '../records';
import { copy, unpair } from './plain';
import { metPairsOf, pruneCooldowns, type EventTables } from './tables';

/** An event's history as the matcher reads it: `met` as given, cooldowns still running at `now`. */
export function historyOf(t: EventTables, now: number, met: Array<[string, string]>): MatchHistory {
  pruneCooldowns(t, now);
  return { met, blocked: unpair(t.blocked), cooldown: unpair(t.cooldowns.keys()) };
}

/** One matching tick's inputs, read in one go (see Store.loadTick). */
export function tickSnapshotOf(t: EventTables, now: number): TickSnapshot {
  const active = [...t.active].map((id) => t.matches.get(id)!);
  const members = active.flatMap((m) => m.memberIds.flatMap((id) => t.attendees.get(id) ?? []));
  const looking = [...t.looking].flatMap((id) => t.attendees.get(id) ?? []);
  // The matcher only weighs pairs with someone looking in them: their history is enough.
  const history = historyOf(t, now, metPairsOf(t, t.looking));
  // The tick only reads the active matches and their members. At 10,000 people copying them
  // every second made most of the garbage, so they are handed out as they are (see TickSnapshot).
  return { event: copy(t.event), looking: looking.map(copy), active, members, history, cooldownEnds: new Map(t.cooldowns) };
}

/**
 * An ended event with no match waiting to meet, nor anyone on their way to a group (either may
 * still time out): no tick has anything to do for it.
 */
export function settled(t: EventTables): boolean {
  if (t.event.status !== 'ended') return false;
  for (const id of t.active) {
    const m = t.matches.get(id);
    if (m?.status === 'matched' || m?.arriving?.length) return false;
  }
  return true;
}
