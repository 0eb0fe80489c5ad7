import { createHash } from 'node:crypto';

/**
 * What a store keeps of the id of an attendee the organiser removed (see `Store.wasRemoved`): a
 * hash, so that once they are deleted the store still names no one (their token is kept only as
 * a hash too), while a second removal of them can be told from an id that never was in the event.
 */
export function removedPersonHash(eventId: string, attendeeId: string): string {
  return createHash('sha256').update(`removed:${eventId}:${attendeeId}`).digest('base64url');
}
