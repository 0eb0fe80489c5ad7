import type { MemoryState } from './base';

/**
 * Token hashes of attendees the organiser removed, each to its event's id (see
 * `Store.markRemoved`), with each event's hashes beside them, so that deleting an event forgets
 * its marks without reading every mark of every event.
 */
export class RemovedMarks {
  private readonly byHash = new Map<string, string>();
  private readonly byEvent = new Map<string, Set<string>>();

  /** Every mark, hash to event id, in the order marked (for snapshots). */
  get marks(): ReadonlyMap<string, string> {
    return this.byHash;
  }

  /** The event whose organiser removed the holder of this token hash, or null. */
  eventOf(hash: string): string | null {
    return this.byHash.get(hash) ?? null;
  }

  mark(hash: string, eventId: string): void {
    if (this.byHash.get(hash) === eventId) return;
    this.unmark(hash);
    this.byHash.set(hash, eventId);
    const hashes = this.byEvent.get(eventId);
    if (hashes) hashes.add(hash);
    else this.byEvent.set(eventId, new Set([hash]));
  }

  /** How many marks one event has: one token, and so one mark, per attendee. */
  countOf(eventId: string): number {
    return this.byEvent.get(eventId)?.size ?? 0;
  }

  /** Forgets one mark; true if there was one. */
  unmark(hash: string): boolean {
    const eventId = this.byHash.get(hash);
    if (eventId === undefined) return false;
    this.byHash.delete(hash);
    const hashes = this.byEvent.get(eventId);
    hashes?.delete(hash);
    if (hashes?.size === 0) this.byEvent.delete(eventId);
    return true;
  }

  /** Forgets every mark of one event. */
  dropEvent(eventId: string): void {
    for (const hash of this.byEvent.get(eventId) ?? []) this.byHash.delete(hash);
    this.byEvent.delete(eventId);
  }
}

/** Store.markRemoved: marks every token of an attendee still in the event. */
export function markRemoved(s: MemoryState, eventId: string, attendeeId: string): boolean {
  const hashes = tokenHashesOf(s, eventId, attendeeId);
  if (!hashes) return false;
  for (const hash of hashes) s.removed.mark(hash, eventId);
  return s.changed(true);
}

/** Store.unmarkRemoved. */
export function unmarkRemoved(s: MemoryState, eventId: string, attendeeId: string): void {
  let changed = false;
  for (const hash of tokenHashesOf(s, eventId, attendeeId) ?? []) changed = s.removed.unmark(hash) || changed;
  if (changed) s.changed(undefined);
}

/**
 * The hashes of an attendee's tokens, or null if the event has no such attendee: read from the
 * token table's index, in proportion to their own tokens, not every token of the store.
 */
function tokenHashesOf(s: MemoryState, eventId: string, attendeeId: string): string[] | null {
  if (!s.events.get(eventId)?.attendees.has(attendeeId)) return null;
  return s.tokens.ofAttendee(eventId, attendeeId);
}
