import type { MatchRecord } from '../records';

/**
 * Keeping a match's former members in memory, as the Redis scripts keep them. The list is
 * absent rather than empty, as the Redis store reads it back.
 */

/**
 * Someone leaves a match that met: they keep it, with who was still in it with them (not anyone
 * still on their way to it: they never met).
 */
export function addFormer(m: MatchRecord, attendeeId: string): void {
  const met = m.memberIds.filter((id) => id !== attendeeId && !m.arriving?.includes(id));
  (m.formerMembers ??= []).push({ id: attendeeId, with: met });
}

/**
 * A former member comes back (the caller makes them a member again). Those they were with who
 * have left since could not name them when they left: they are told now, so the two still met.
 */
export function rejoinFormer(m: MatchRecord, attendeeId: string): void {
  const mine = m.formerMembers?.find((f) => f.id === attendeeId);
  if (!mine) return;
  dropEntry(m, attendeeId);
  for (const f of m.formerMembers ?? []) {
    if (mine.with.includes(f.id) && !f.with.includes(attendeeId)) f.with.push(attendeeId);
  }
}

/** A forgotten attendee leaves no trace among the former members: no entry, on nobody's list. */
export function forgetFormer(m: MatchRecord, attendeeId: string): void {
  dropEntry(m, attendeeId);
  for (const f of m.formerMembers ?? []) f.with = f.with.filter((id) => id !== attendeeId);
}

/** Whether they left this match after it met (and have not come back). */
export function isFormer(m: MatchRecord, attendeeId: string): boolean {
  return m.formerMembers?.some((f) => f.id === attendeeId) ?? false;
}

function dropEntry(m: MatchRecord, attendeeId: string): void {
  const rest = m.formerMembers?.filter((f) => f.id !== attendeeId);
  if (rest?.length) m.formerMembers = rest;
  else delete m.formerMembers;
}
