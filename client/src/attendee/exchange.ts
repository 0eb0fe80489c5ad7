import type { Model, Person, Revealed } from './model';

/** Where keeping in touch stands for one match, from this phone's point of view. */
export type Exchange =
  | { status: 'none' }
  /** I have shared; nobody sees anything until everyone else has too. */
  | { status: 'shared' }
  | { status: 'revealed'; contacts: Revealed[] };

/** The exchange of a match: revealed (live or from the server's list), shared by me, or neither. */
export function exchangeOf(m: Model, matchId: string): Exchange {
  const live = m.revealed[matchId];
  if (live && live.length > 0) return { status: 'revealed', contacts: live };
  const listed = (m.connections ?? [])
    .filter((c) => c.matchId === matchId && c.contact)
    .map((c) => ({ attendeeId: c.attendeeId, name: c.name, contact: c.contact! }));
  if (listed.length > 0) return { status: 'revealed', contacts: listed };
  return m.shared.includes(matchId) ? { status: 'shared' } : { status: 'none' };
}

/** A key that changes only when the exchange does, for views that redraw on change. */
export function exchangeKey(m: Model, matchId: string): string {
  return JSON.stringify(exchangeOf(m, matchId));
}

/** The people of a match, for the sheets. */
export function peopleOf(partners: readonly { id: string; name: string }[]): Person[] {
  return partners.map((p) => ({ id: p.id, name: p.name }));
}
