import type { Contact } from '../../../shared/schemas';
import { sharersOf } from '../match-people';
import type { ContactExchange, MatchRecord } from '../records';
import { copy, pairsOf } from './plain';
import type { EventTables } from './tables';

/**
 * Keeping in touch in memory, as the Redis scripts do it: a match's offers are revealed once
 * everyone who keeps in touch in it (`sharersOf`) has made one, and none of them blocked or
 * reported another; a revealed exchange is for good. Offers are taken all the same while two of
 * them are blocked, and simply stay unrevealed: a block is silent, and a refusal would tell.
 */

/** Records a member's offer; returns the exchange after. */
export function offerContact(t: EventTables, match: MatchRecord, attendeeId: string, contact: Contact): ContactExchange {
  let exchange = t.contacts.get(match.id);
  if (!exchange) t.contacts.set(match.id, (exchange = { contacts: {}, revealed: false }));
  if (!exchange.revealed) {
    exchange.contacts[attendeeId] = copy(contact);
    exchange.revealed = everyoneOffered(t, exchange, match);
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
  return (exchange.revealed = everyoneOffered(t, exchange, match));
}

/**
 * A match ended with someone still on their way to it: those who keep in touch in it are now
 * `sharersOf` the ended match, not its members, so offers made for the members (the newcomer
 * included) are dropped unless already revealed, as when someone joins.
 */
export function dropOffersOnEnd(t: EventTables, match: MatchRecord): void {
  if (!match.arriving?.length) return;
  if (t.contacts.get(match.id)?.revealed === false) t.contacts.delete(match.id);
}

/** Everyone who keeps in touch in it has offered, and no two of them are a blocked pair. */
function everyoneOffered(t: EventTables, exchange: ContactExchange, match: MatchRecord): boolean {
  const sharers = sharersOf(match);
  return sharers.every((id) => id in exchange.contacts) && !pairsOf(sharers).some((key) => t.blocked.has(key));
}
