import { peopleMetIn } from '../store/match-people';
import type { ContactExchange, MatchRecord } from '../store/records';
import type { Store } from '../store/store';
import type { AttendeeRef } from './attendees';

/**
 * The matches of an attendee whose people their "People I met" lists: those that met, or where
 * details were swapped. Each with its exchange, as read with it.
 */
export async function listedMatchesOf(
  store: Store,
  { eventId, attendeeId }: AttendeeRef,
): Promise<Array<{ match: MatchRecord; exchange: ContactExchange }>> {
  const out: Array<{ match: MatchRecord; exchange: ContactExchange }> = [];
  for (const match of await store.listMatchesOf(eventId, attendeeId)) {
    const exchange = await store.getContacts(eventId, match.id);
    if (match.metAt !== null || exchange.revealed) out.push({ match, exchange });
  }
  return out;
}

/**
 * Everyone whose "People I met" lists this attendee (see `AftercareService.connections`): the
 * people they were in a match with at the same moment, in a match that met or swapped details.
 * Read before the attendee's data goes, since their id goes with it; the attendee is not among them.
 */
export async function formerPartnersOf(store: Store, ref: AttendeeRef): Promise<string[]> {
  const out = new Set<string>();
  for (const { match } of await listedMatchesOf(store, ref)) for (const id of peopleMetIn(match, ref.attendeeId)) out.add(id);
  out.delete(ref.attendeeId);
  return [...out];
}
