import { forgetFormer, isFormer } from './former';
import { forgetSuccessor } from './successors';
import { dropMet, type EventTables } from './tables';

/** What a forgotten attendee's id becomes in records that must still add up (group sizes, waits). */
export const FORGOTTEN = '~';

/**
 * Removes every trace of one attendee from an event's tables: their record, their contacts and
 * feedback, reports by or about them, their pairs in the histories, and their id in matches.
 */
export function scrubAttendee(t: EventTables, attendeeId: string): void {
  t.attendees.delete(attendeeId);
  t.json.delete(attendeeId);
  t.looking.delete(attendeeId);
  t.matchesOf.delete(attendeeId);
  for (const m of t.matches.values()) {
    // Only a member or former member can be on a `with` list (see addFormer, rejoinFormer); someone
    // taken off a match before it met is neither, but its reasons and waits still name them.
    const named = attendeeId in m.reasons || attendeeId in m.waits || attendeeId in (m.sentAt ?? {});
    if (!m.memberIds.includes(attendeeId) && !isFormer(m, attendeeId) && !named) continue;
    t.json.delete(m.id);
    // Someone who never arrived at a match that ended was never one of those who keep in touch in it.
    const member = m.memberIds.includes(attendeeId) && !(m.status === 'ended' && m.arriving?.includes(attendeeId));
    m.memberIds = m.memberIds.map((id) => (id === attendeeId ? FORGOTTEN : id));
    // Still on their way when it ended (the list is kept with ended matches, see MatchRecord): they
    // stay on it as FORGOTTEN, so that they still count as never having arrived (sharersOf).
    if (m.arriving) m.arriving = m.arriving.map((id) => (id === attendeeId ? FORGOTTEN : id));
    forgetFormer(m, attendeeId);
    delete m.reasons[attendeeId];
    relabel(m.waits, attendeeId);
    // A pair's deadline put off for a third stays put off (unconfirmedEndsAt in arrivals.ts).
    if (m.sentAt) relabel(m.sentAt, attendeeId);
    const exchange = t.contacts.get(m.id);
    // A member gone for good can never share: the others' offers, unrevealed, would wait for ever.
    if (exchange && member && !exchange.revealed) t.contacts.delete(m.id);
    else if (exchange) delete exchange.contacts[attendeeId];
  }
  for (const key of [...t.feedback.keys()]) if (key.endsWith(`|${attendeeId}`)) t.feedback.delete(key);
  t.reports = t.reports.filter((r) => r.reporterId !== attendeeId && r.reportedId !== attendeeId);
  dropMet(t, attendeeId);
  for (const key of [...t.blocked]) if (key.split('|').includes(attendeeId)) t.blocked.delete(key);
  forgetSuccessor(t, attendeeId);
  for (const key of [...t.cooldowns.keys()]) if (key.split('|').includes(attendeeId)) t.cooldowns.delete(key);
}

/** Moves `attendeeId`'s entry to a label no earlier forget of this match took (`~0`, `~1`…), so no figure is lost. */
function relabel(byId: Record<string, number>, attendeeId: string): void {
  if (!(attendeeId in byId)) return;
  let n = 0;
  while (`${FORGOTTEN}${n}` in byId) n++;
  byId[`${FORGOTTEN}${n}`] = byId[attendeeId]!;
  delete byId[attendeeId];
}
