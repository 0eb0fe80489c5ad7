import { peopleMetIn } from '../store/match-people';
import type { Store } from '../store/store';
import type { AttendeeRef } from './attendees';

/**
 * Everyone whose "People I met" lists this attendee (see `AftercareService.connections`): the
 * people they were in a match with at the same moment, in a match that met or swapped details.
 * Read before the attendee's data goes, since their id goes with it; the attendee is not among them.
 */
export async function formerPartnersOf(store: Store, { eventId, attendeeId }: AttendeeRef): Promise<string[]> {
  const out = new Set<string>();
  for (const m of await store.listMatchesOf(eventId, attendeeId)) {
    if (m.metAt === null && !(await store.getContacts(eventId, m.id)).revealed) continue;
    for (const id of peopleMetIn(m, attendeeId)) out.add(id);
  }
  out.delete(attendeeId);
  return [...out];
}
