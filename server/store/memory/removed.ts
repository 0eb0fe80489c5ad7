import { removedPersonHash } from '../removed-person';
import type { MemoryState } from './base';

/**
 * Token hashes of attendees the organiser removed, each to its event's id (see
 * `Store.markRemoved`), with each event's hashes beside them, so that deleting an event forgets
 * its marks without reading every mark of every event.
 */
export class RemovedMarks {
  private readonly byHash = new Map<string, string>();
  private readonly byEvent = new Map<string, Set<string>>();
  /** Each event's removed people, by the hash of their id (removedPersonHash). */
  private readonly peopleByEvent = new Map<string, Set<string>>();

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

  /** Every event's removed people, event id to the hashes of their ids (for snapshots). */
  get people(): Array<[string, string[]]> {
    return [...this.peopleByEvent].map(([eventId, people]) => [eventId, [...people]]);
  }

  markPerson(eventId: string, person: string): void {
    const people = this.peopleByEvent.get(eventId);
    if (people) people.add(person);
    else this.peopleByEvent.set(eventId, new Set([person]));
  }

  unmarkPerson(eventId: string, person: string): boolean {
    const people = this.peopleByEvent.get(eventId);
    if (!people?.delete(person)) return false;
    if (people.size === 0) this.peopleByEvent.delete(eventId);
    return true;
  }

  hasPerson(eventId: string, person: string): boolean {
    return this.peopleByEvent.get(eventId)?.has(person) ?? false;
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
    this.peopleByEvent.delete(eventId);
  }
}

/** Store.markRemoved: marks every token of an attendee still in the event. */
export function markRemoved(s: MemoryState, eventId: string, attendeeId: string): boolean {
  const hashes = tokenHashesOf(s, eventId, attendeeId);
  if (!hashes) return false;
  for (const hash of hashes) s.removed.mark(hash, eventId);
  s.removed.markPerson(eventId, removedPersonHash(eventId, attendeeId));
  return s.changed(true);
}

/** Store.wasRemoved. */
export function wasRemoved(s: MemoryState, eventId: string, attendeeId: string): boolean {
  return s.removed.hasPerson(eventId, removedPersonHash(eventId, attendeeId));
}

/** Store.unmarkRemoved. */
export function unmarkRemoved(s: MemoryState, eventId: string, attendeeId: string): void {
  let changed = false;
  const hashes = tokenHashesOf(s, eventId, attendeeId);
  if (!hashes) return;
  for (const hash of hashes) changed = s.removed.unmark(hash) || changed;
  changed = s.removed.unmarkPerson(eventId, removedPersonHash(eventId, attendeeId)) || changed;
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
