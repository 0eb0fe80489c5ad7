import type { Contact } from '../../../shared/schemas';
import { sharersOf } from '../match-people';
import type { ContactExchange, MatchRecord } from '../records';
import { copy } from './plain';
import type { EventTables } from './tables';

/**
 * Keeping in touch in memory, as the Redis scripts do it: a match's offers are revealed once
 * everyone who keeps in touch in it (`sharersOf`) has made one, and a revealed exchange is for good.
 */

/** Records a member's offer; returns the exchange after. */
export function offerContact(t: EventTables, match: MatchRecord, attendeeId: string, contact: Contact): ContactExchange {
  let exchange = t.contacts.get(match.id);
  if (!exchange) t.contacts.set(match.id, (exchange = { contacts: {}, revealed: false }));
  if (!exchange.revealed) {
    exchange.contacts[attendeeId] = copy(contact);
    exchange.revealed = everyoneOffered(exchange, match);
  }
  return exchange;
}

/**
 * Someone left the match: their offer, not yet revealed, goes with them, and the one still
 * missing may have been theirs. Returns whether that revealed the rest to each other.
 */
export function dropOffer(t: EventTables, match: MatchRecord, leaverId: string): boolean {
  const exchange = t.contacts.get(match.id);
  if (!exchange || exchange.revealed) return false;
  delete exchange.contacts[leaverId];
  return (exchange.revealed = everyoneOffered(exchange, match));
}

function everyoneOffered(exchange: ContactExchange, match: MatchRecord): boolean {
  return sharersOf(match).every((id) => id in exchange.contacts);
}
