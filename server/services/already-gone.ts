import { AppError } from '../errors';
import type { Store } from '../store/store';
import type { AttendeeRef } from './attendees';

/**
 * Whether `err`, from deleting an attendee, says only that they are gone already: a NOT_FOUND, and
 * no such attendee in the store. Another NOT_FOUND (a match that went missing while they are still
 * in the event) is a failure. Deleting someone is idempotent on this test: a retry, or another
 * deletion that won the race ("forget me", an organiser's removal), did the work.
 */
export async function alreadyGone(store: Store, ref: AttendeeRef, err: unknown): Promise<boolean> {
  if (!(err instanceof AppError && err.code === 'NOT_FOUND')) return false;
  return !(await store.getAttendee(ref.eventId, ref.attendeeId));
}
