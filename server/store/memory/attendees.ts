import { notFound } from '../../errors';
import type { AttendeeStatus } from '../../../shared/schemas';
import type { AttendeePatch, AttendeeRecord } from '../records';
import { DEFAULT_MAX_ATTENDEES_PER_EVENT } from '../store';
import type { MemoryState } from './base';
import { copy } from './plain';
import { scrubAttendee } from './scrub';
import { startOver } from './successors';
import { indexLooking, stale } from './tables';

/** One attendee's record in memory, from joining to being forgotten (see the Store interface). */

export function createAttendee(
  s: MemoryState,
  attendee: AttendeeRecord,
  tokenHash: string,
  maxAttendees = DEFAULT_MAX_ATTENDEES_PER_EVENT,
  startsOverFrom?: string,
): boolean {
  const t = s.events.get(attendee.eventId);
  if (!t) throw notFound('Event');
  if (!t.attendees.has(attendee.id) && t.attendees.size >= maxAttendees) return false;
  const a = copy(attendee);
  t.attendees.set(a.id, a);
  stale(t, [a.id]);
  indexLooking(t, a);
  s.tokens.set(tokenHash, { kind: 'attendee', eventId: a.eventId, attendeeId: a.id });
  if (startsOverFrom !== undefined) startOver(t, startsOverFrom, a.id);
  return s.changed(true);
}

export function transitionAttendee(
  s: MemoryState,
  eventId: string,
  attendeeId: string,
  from: AttendeeStatus[],
  patch: AttendeePatch,
  matchId?: string | null,
): AttendeeRecord | null {
  const t = s.events.get(eventId);
  const a = t?.attendees.get(attendeeId);
  if (!t || !a || !from.includes(a.status)) return null;
  if (matchId !== undefined && a.matchId !== matchId) return null;
  Object.assign(a, copy(patch));
  stale(t, [a.id]);
  indexLooking(t, a);
  return s.changed(copy(a));
}

export function addOnline(s: MemoryState, eventId: string, attendeeId: string, delta: number, now: number): AttendeeRecord | null {
  const a = s.events.get(eventId)?.attendees.get(attendeeId);
  if (!a) return null;
  a.online = Math.max(0, a.online + delta); // presence: not in snapshots, so nothing goes stale
  a.seenAt = now;
  return copy(a);
}

export function touchOnline(s: MemoryState, eventId: string, attendeeIds: string[], now: number): boolean {
  const t = s.events.get(eventId);
  if (!t) return false;
  for (const id of attendeeIds) {
    const a = t.attendees.get(id);
    if (a) a.seenAt = now;
  }
  return true;
}

/** Forgets an attendee who is in no match: every trace of them, and their tokens. */
export function deleteAttendee(s: MemoryState, eventId: string, attendeeId: string): AttendeeRecord | null {
  const t = s.events.get(eventId);
  const a = t?.attendees.get(attendeeId);
  if (!t || !a || a.matchId) return null;
  scrubAttendee(t, attendeeId);
  s.tokens.dropAttendee(eventId, attendeeId);
  return s.changed(a);
}
