import { pairKey } from '../../matching/pairs';
import { othersIn } from '../pair-others';
import type { EventTables } from './tables';

/**
 * Who started over from whom ("Not you? Start over" on a phone), in memory: see
 * `Store.createAttendee` and `Store.addBlock`. The Redis store keeps the same in Lua.
 */

/** `attendeeId` and everyone who started over from them, or from one of those, each once. */
export function startedOverFrom(t: EventTables, attendeeId: string): string[] {
  const out = [attendeeId];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const next of t.successors.get(out[i]!) ?? []) {
      if (!seen.has(next)) seen.add(next), out.push(next);
    }
  }
  return out;
}

/**
 * `attendeeId` starts over from `previousId`: every block of theirs, either way, is copied to
 * `attendeeId`, and the link is kept so that later blocks follow too. Nothing if there is no such
 * attendee (say, forgotten meanwhile).
 */
export function startOver(t: EventTables, previousId: string, attendeeId: string): void {
  if (previousId === attendeeId || !t.attendees.has(previousId)) return;
  for (const other of othersIn(t.blocked, previousId)) if (other !== attendeeId) t.blocked.add(pairKey(attendeeId, other));
  const next = t.successors.get(previousId) ?? [];
  if (!next.includes(attendeeId)) t.successors.set(previousId, [...next, attendeeId]);
}

/** Never match anyone of `a` or who started over from them with anyone of `b` or theirs. */
export function blockAll(t: EventTables, a: string, b: string): string[] {
  const theirs = startedOverFrom(t, b);
  for (const x of startedOverFrom(t, a)) for (const y of theirs) if (x !== y) t.blocked.add(pairKey(x, y));
  return theirs;
}

/**
 * Takes a forgotten attendee out of the links. Whoever they started over from is linked straight
 * to whoever started over from them, so a block still follows the phone past them.
 */
export function forgetSuccessor(t: EventTables, attendeeId: string): void {
  const after = t.successors.get(attendeeId) ?? [];
  t.successors.delete(attendeeId);
  for (const [previous, next] of t.successors) {
    if (!next.includes(attendeeId)) continue;
    const kept = [...new Set([...next.filter((id) => id !== attendeeId), ...after])].filter((id) => id !== previous);
    if (kept.length > 0) t.successors.set(previous, kept);
    else t.successors.delete(previous);
  }
}
