import { listOfNames } from '../shared/dom';
import type { Model, Person, Revealed } from './model';

/** Where keeping in touch stands for one match, from this phone's point of view. */
export type Exchange =
  | { status: 'none' }
  /** I have shared; nobody sees anything until everyone else has too. */
  | { status: 'shared' }
  | { status: 'revealed'; contacts: Revealed[] };

/**
 * The exchange of a match: revealed (live or from the server's list), shared by me, or neither.
 * Details revealed while the page was open go once a list asked for since they were revealed no
 * longer names their owner (it names everyone I met there, the match over or not): they left the
 * event (deleted their data, or were removed), or I keep apart from them. Once all of them have,
 * there is nothing to show and no offer left waiting.
 */
export function exchangeOf(m: Model, matchId: string): Exchange {
  const listed = (m.connections ?? []).filter((c) => c.matchId === matchId);
  const judged = m.connections !== null && !m.revealedSinceList.includes(matchId);
  const live = m.revealed[matchId] ?? [];
  const here = live.filter((r) => !judged || listed.some((c) => c.attendeeId === r.attendeeId));
  if (here.length > 0) return { status: 'revealed', contacts: here };
  const kept = listed.flatMap((c) => (c.contact ? [{ attendeeId: c.attendeeId, name: c.name, contact: c.contact }] : []));
  if (kept.length > 0) return { status: 'revealed', contacts: kept };
  if (live.length > 0) return { status: 'none' };
  return m.shared.includes(matchId) ? { status: 'shared' } : { status: 'none' };
}

/**
 * I swapped details in a match, but not with `person` (they left before, or joined after): the
 * server refuses a swap with them there. On their entry in People I met, the after-chat card, and
 * (`here`: the chat is still on) the match card. `contacts`: those I swapped with who are still
 * listed (none named once they have all left the event).
 */
export function notInSwapLine(person: Person, contacts: readonly Revealed[], here = false): string {
  const names = listOfNames(contacts.map((c) => c.name));
  const swapped = names ? `swapped details with ${names}` : 'swapped details';
  return `${person.name} wasn't there when you ${swapped}, so you can't swap details with ${person.name} from ${here ? 'this' : 'that'} chat.`;
}

/**
 * Whether I swapped details in a match: live, or by the server's list, which says so even once
 * everyone I swapped with has left the event.
 */
export function swappedIn(m: Model, matchId: string): boolean {
  if ((m.revealed[matchId]?.length ?? 0) > 0 || m.swapped.includes(matchId)) return true;
  return (m.connections ?? []).some((c) => c.matchId === matchId && c.contact !== null);
}

/**
 * Those of a match who swapped details there without me (`notInSwap`, while I swapped nowhere in
 * it): the match swaps once, so I never can there. Empty while the server's list has not said.
 */
export function swappedWithoutMe(m: Model, matchId: string): Person[] {
  if (swappedIn(m, matchId)) return [];
  return (m.connections ?? []).filter((c) => c.matchId === matchId && c.notInSwap === true).map((c) => ({ id: c.attendeeId, name: c.name }));
}

/**
 * Why I cannot swap details with {@link swappedWithoutMe}: in the chat I am in (`here`), I joined
 * after they swapped; once it is over, I may also have left before they did.
 */
export function swappedWithoutMeLine(people: readonly Person[], here: boolean): string {
  const names = listOfNames(people.map((p) => p.name));
  return here
    ? `${names} swapped details before you joined, so details can't be swapped in this chat.`
    : `${names} swapped details when you weren't there, so details can't be swapped from that chat.`;
}

/**
 * Why details cannot be swapped in a match that has ended, by the server's list: `gone`, those of
 * `people` who have left the event (removed, or deleted their data: the list no longer names them,
 * and the server refuses to share where they were); `refused`, the list says it would be refused
 * with each of them for another reason (`canShare`); `not-yet`, refused with each of them for now,
 * and with `people` (the one left waiting there) only because they are waiting for someone on their
 * way (`pending`): if that one never comes, we may swap after all; `carried-on`, refused, and
 * `people` (of those listed) carried on there without me (`carriedOn`); `not-in-swap`, refused,
 * and `people` swapped details there without me (`notInSwap`). Null while it still may be,
 * once swapped, and in the match I am in (whoever leaves the event leaves it too). Someone missing
 * from a list asked for before the match ended says nothing: they may have arrived, or met us, since.
 */
export type Closed =
  | { why: 'gone'; people: Person[] }
  | { why: 'not-in-swap'; people: Person[] }
  | { why: 'refused' }
  | { why: 'not-yet'; people: Person[] }
  | { why: 'carried-on'; people: Person[] };

export function closedOf(m: Model, matchId: string, people: readonly Person[]): Closed | null {
  if (m.state?.match?.id === matchId || exchangeOf(m, matchId).status === 'revealed') return null;
  const listed = (m.connections ?? []).filter((c) => c.matchId === matchId);
  const covered = m.connectionsCover.includes(matchId);
  const gone = covered ? people.filter((p) => !listed.some((c) => c.attendeeId === p.id)) : [];
  if (gone.length > 0) return { why: 'gone', people: gone };
  // By pair: someone who carried on without me, or whom I met before they left, may be refused
  // while the others are not; closed only when it is refused with each of them.
  const theirs = listed.filter((c) => people.some((p) => p.id === c.attendeeId));
  if (theirs.length === 0 || theirs.some((c) => c.canShare)) return null;
  const swapped = swappedWithoutMe(m, matchId).filter((p) => theirs.some((c) => c.attendeeId === p.id));
  if (swapped.length > 0) return { why: 'not-in-swap', people: swapped };
  // An older server sends no `pending` nor `carriedOn`: as before, refused.
  const waiting = theirs.filter((c) => c.pending === true).map((c) => ({ id: c.attendeeId, name: c.name }));
  if (waiting.length > 0) return { why: 'not-yet', people: waiting };
  // Those who carried on, when others left too: the line names who carried on.
  const carried = theirs.filter((c) => c.carriedOn === true).map((c) => ({ id: c.attendeeId, name: c.name }));
  return carried.length > 0 ? { why: 'carried-on', people: carried } : { why: 'refused' };
}

/**
 * Why I can no longer swap details with people who carried on without me; what to do next time,
 * or, if I had offered mine (`shared`: dropped when the group changed), that nobody saw them.
 */
export function carriedOnLine(names: string, shared = false): string {
  // Not "tap Keep in touch": an offer is dropped with whoever leaves, so only a swap made in time counts.
  const then = shared ? 'Nobody saw your details.' : 'Next time, swap details before you go.';
  return `${names} carried on without you, so it's too late to swap details with them. ${then}`;
}

/** How a view marks a {@link Closed} exchange (`data-exchange`): not yet is not closed. */
export function closedMark(closed: Closed): 'closed' | 'not-yet' {
  return closed.why === 'not-yet' ? 'not-yet' : 'closed';
}

/**
 * Of `people` I met in a match, those I may keep in touch with by the server's list (`canShare`)
 * and who are still in the event (a list that covers the match names them), or all of them while
 * it has not said, or once nobody is left (`closedOf` then says why).
 */
export function keepersOf(m: Model, matchId: string, people: readonly Person[]): Person[] {
  const listed = (m.connections ?? []).filter((c) => c.matchId === matchId);
  const covered = m.connectionsCover.includes(matchId);
  const kept = (p: Person) => {
    const c = listed.find((x) => x.attendeeId === p.id);
    return c ? c.canShare || !!c.contact : !covered;
  };
  const keepers = people.filter(kept);
  return keepers.length > 0 ? keepers : [...people];
}

/**
 * The words for a {@link Closed} exchange, with everyone I met in that match; `shared`: I had
 * offered mine, which nobody will now see; `swapped`: I had swapped details there
 * ({@link swappedIn}), so those gone took their details with them, and nothing was missed.
 */
export function closedLine(closed: Closed, people: readonly Person[], shared = false, swapped = false): string {
  const unseen = shared ? ' Nobody saw your details.' : '';
  if (closed.why === 'refused') return `Too late to swap details from that chat.${unseen}`;
  if (closed.why === 'not-in-swap') return swappedWithoutMeLine(closed.people, false);
  if (closed.why === 'carried-on') return carriedOnLine(listOfNames(closed.people.map((p) => p.name)), shared);
  if (closed.why === 'not-yet') {
    const waiting = listOfNames(closed.people.map((p) => p.name));
    const who = closed.people.length > 1 ? `${waiting} are` : `${waiting} is`;
    return `${who} waiting for someone who's on their way. If they don't make it, you can still swap details here.${unseen}`;
  }
  const names = listOfNames(closed.people.map((p) => p.name));
  const left = `${names} ${closed.people.length > 1 ? 'have' : 'has'} left the event`;
  if (swapped) return `${left}, so their details are no longer shown here.`;
  // Others are still listed: the swap was for everyone in the match, so it is off with them too.
  const rest = closed.people.length < people.length ? ' from that chat' : '';
  return `${left}, so details can no longer be swapped${rest}.${unseen}`;
}

/**
 * The words for a {@link Closed} exchange on one person's entry in People I met: as
 * {@link closedLine}, but for someone who left too, not one of those who carried on, about them.
 */
export function closedLineFor(closed: Closed, person: Person, people: readonly Person[], shared = false): string {
  if (closed.why !== 'carried-on' || closed.people.some((p) => p.id === person.id)) return closedLine(closed, people, shared);
  return `${person.name} left too, and the others carried on, so it's too late to swap details from that chat.`;
}

/** A key that changes only when the exchange does, for views that redraw on change. */
export function exchangeKey(m: Model, matchId: string): string {
  return JSON.stringify(exchangeOf(m, matchId));
}

/** The people of a match, for the sheets. */
export function peopleOf(partners: readonly { id: string; name: string }[]): Person[] {
  return partners.map((p) => ({ id: p.id, name: p.name }));
}
