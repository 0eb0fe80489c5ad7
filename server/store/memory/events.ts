import type { EventStatus } from '../../../shared/schemas';
import type { EventDetailsPatch, EventRecord } from '../records';
import type { MemoryState } from './base';
import { copy } from './plain';
import { newTables, stale, type EventTables } from './tables';

/** An event's life in memory, from creation to its deletion after retention (see the Store interface). */

export function createEvent(s: MemoryState, event: EventRecord, organiserTokenHash: string): boolean {
  if (s.codes.has(event.code) || s.events.has(event.id)) return false;
  s.events.set(event.id, newTables(copy(event)));
  s.codes.set(event.code, event.id);
  s.tokens.set(organiserTokenHash, { kind: 'organiser', eventId: event.id });
  return s.changed(true);
}

export function updateEvent(s: MemoryState, eventId: string, patch: EventDetailsPatch): EventRecord | 'ended' | null {
  const t = s.events.get(eventId);
  if (!t) return null;
  // An ended event's details are its record; what the organisers say after the end is news.
  const details = patch.name !== undefined || patch.topics !== undefined || patch.spots !== undefined || patch.endsAt !== undefined;
  if (t.event.status === 'ended' && details) return 'ended';
  // Field by field, as the Redis store encodes it: nothing else the object carries is taken.
  const e = t.event;
  if (patch.name !== undefined) e.name = patch.name;
  if (patch.topics !== undefined) e.topics = [...patch.topics];
  if (patch.spots !== undefined) e.spots = [...patch.spots];
  // The sweep reads `deletesAt` from it, so the event now goes at the new time.
  if (patch.endsAt !== undefined) e.endsAt = patch.endsAt;
  if (patch.announcement !== undefined) e.announcement = copy(patch.announcement);
  return s.changed(copy(t.event));
}

export function setEventStatus(s: MemoryState, eventId: string, status: EventStatus, at: number) {
  const t = s.events.get(eventId);
  if (!t) return null;
  const e = t.event;
  if (e.status === status || e.status === 'ended') return { event: copy(e), changed: false };
  const pausedAt = e.pausedAt;
  e.status = status;
  e.pausedAt = status === 'paused' ? at : null;
  if (status === 'open' && pausedAt !== null) resumeWaits(t, at - pausedAt, at);
  if (status === 'ended') {
    e.endsAt = Math.min(e.endsAt ?? e.createdAt + s.lifetimeMs(), at);
    // What was said before the end goes with it: one still up is news sent since (see Store).
    e.announcement = null;
  }
  return s.changed({ event: copy(e), changed: true });
}

/**
 * Moves on by a pause of `gap` ms that ended at `at` every wait it held up (see Store): of those
 * looking, and of those in a match, who keep theirs for a "can't find" to put them back with.
 */
function resumeWaits(t: EventTables, gap: number, at: number): void {
  if (gap <= 0) return;
  for (const a of t.attendees.values()) {
    if (a.lookingSince === null) continue;
    a.lookingSince = Math.min(at, a.lookingSince + gap);
    stale(t, [a.id]);
  }
}

/** Deletes every event past its end plus retention, with its code, tokens and removal marks. */
export function sweep(s: MemoryState, now: number): number {
  let swept = 0;
  for (const [id, t] of s.events) {
    if (s.deletesAt(t.event) > now) continue;
    s.events.delete(id);
    s.codes.delete(t.event.code);
    s.tokens.dropEvent(id);
    s.removed.dropEvent(id);
    swept++;
  }
  if (swept > 0) s.changed(undefined);
  return swept;
}
