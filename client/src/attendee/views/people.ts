import type { Connection } from '../../../../shared/schemas';
import { fill, h, iconLabel } from '../../shared/dom';
import { ago } from '../../shared/time';
import { closedLine, closedLineFor, closedMark, closedOf, exchangeOf, keepersOf, notInSwapLine, swappedIn } from '../exchange';
import type { Actions, Model, Person } from '../model';
import { contactCard } from './contact-card';
import { exchangeLine } from './keep-sheet';
import { inlineError, run, type SheetView } from './sheet';
import { chipRow } from './view';

/** One person I met: who, when, what we share, and where keeping in touch stands. */
function personItem(c: Connection, m: Model, actions: Actions) {
  const person: Person = { id: c.attendeeId, name: c.name };
  const exchange = exchangeOf(m, c.matchId);
  const theirs = exchange.status === 'revealed' ? exchange.contacts.find((r) => r.attendeeId === c.attendeeId) : undefined;
  const everyone = (m.connections ?? []).filter((o) => o.matchId === c.matchId).map((o) => ({ id: o.attendeeId, name: o.name }));
  let keep: Node;
  // Someone gone closes it for all; otherwise it may be refused with this person alone (say, a
  // group carried on without one of us), and the sheet is with those it is not refused with.
  const closed = theirs ? null : (closedOf(m, c.matchId, everyone) ?? closedOf(m, c.matchId, [person]));
  // The row's head names them already.
  if (theirs) keep = contactCard(person, theirs.contact, actions, true, false);
  // I swapped there, not with them; once those I swapped with have left, it names nobody.
  else if (exchange.status === 'revealed' || swappedIn(m, c.matchId)) {
    keep = h('p', { class: 'exchange-status', data: { exchange: 'closed' } }, notInSwapLine(person, exchange.status === 'revealed' ? exchange.contacts : []));
  }
  // Before "waiting for them to share": an offer the server would no longer reveal waits for nothing.
  else if (closed) keep = h('p', { class: 'exchange-status', data: { exchange: closedMark(closed) } }, closedLineFor(closed, person, everyone, exchange.status === 'shared'));
  else if (exchange.status === 'shared') keep = h('p', { class: 'exchange-status', data: { exchange: 'shared' } }, exchangeLine(exchange, [person]));
  else {
    keep = h(
      'button',
      {
        class: 'btn btn-secondary btn-small',
        attrs: { type: 'button' },
        on: { click: () => actions.openSheet({ kind: 'keep', matchId: c.matchId, people: keepersOf(m, c.matchId, everyone) }) },
      },
      iconLabel('🤝', 'Keep in touch'),
    );
  }
  return h(
    'li',
    { class: 'person', data: { person: c.attendeeId } },
    h(
      'div',
      { class: 'person-head' },
      h('span', { class: 'person-name', data: { personName: '' } }, c.name),
      h('time', { class: 'person-when', attrs: { datetime: c.at } }, ago(c.at)),
    ),
    c.sharedTopics.length > 0 ? chipRow(c.sharedTopics) : null,
    keep,
    h(
      'button',
      { class: 'link-button person-safety', attrs: { type: 'button' }, on: { click: () => actions.openSheet({ kind: 'safety', people: [person] }) } },
      'Not comfortable?',
    ),
  );
}

/**
 * How many people I met: a row is one person in one match, so someone met twice (paired again
 * once nobody new was free) has two rows, but is one person.
 */
export function peopleMet(m: Model): number {
  return new Set((m.connections ?? []).map((c) => c.attendeeId)).size;
}

/** Whether I swapped details with anyone listed among the people I met. */
export function swappedWithSomeone(m: Model): boolean {
  return (m.connections ?? []).some((c) => exchangeOf(m, c.matchId).status === 'revealed');
}

/** While the event is on: someone may yet be met. */
const NOBODY_YET = "Nobody yet. Once you and a match find each other, they'll be listed here.";

/**
 * The people I had a conversation with, as the server lists them (so another phone, or a cleared
 * one, shows the same), with their details where we both chose to share. `empty` is what an
 * empty list says: the thank-you screen, with nobody left to meet, says it its own way.
 */
export function peopleList(actions: Actions, empty = NOBODY_YET): { el: HTMLElement; update(m: Model): void } {
  const list = h('ul', { class: 'people' });
  const error = inlineError();
  const saveAll = h(
    'button',
    { class: 'btn btn-secondary btn-small', attrs: { type: 'button' }, data: { saveAll: '' }, on: { click: () => void run(saveAll, error, () => actions.saveContact()) } },
    iconLabel('⬇', 'Save all (.vcf)'),
  );
  const status = h('p', { class: 'hint' });
  const el = h('div', { class: 'people-list', data: { people: '' } }, status, h('div', { class: 'people-tools' }, saveAll, error), list);
  let shown = '';
  return {
    el,
    update(m) {
      const minute = Math.floor(Date.now() / 60_000);
      const key = JSON.stringify([m.connections, m.revealed, m.revealedSinceList, m.shared, m.swapped, m.afterChat, m.connectionsCover, minute]);
      if (key === shown) return;
      shown = key;
      const people = m.connections;
      status.textContent = people === null ? 'Loading…' : people.length === 0 ? (goneLine(m) ?? empty) : '';
      status.hidden = status.textContent === '';
      const swapped = swappedWithSomeone(m);
      saveAll.hidden = !swapped;
      if (!swapped) error.textContent = '';
      // Most recent first: the person just met is the one to act on.
      fill(list, ...[...(people ?? [])].sort((a, b) => b.at.localeCompare(a.at)).map((c) => personItem(c, m, actions)));
    },
  };
}

/**
 * An empty list after a chat whose people have all left the event since (removed, or deleted
 * their data): "Nobody yet" would say I met nobody. Null otherwise.
 */
function goneLine(m: Model): string | null {
  const after = m.afterChat;
  const closed = after ? closedOf(m, after.matchId, after.people) : null;
  if (!after || closed?.why !== 'gone' || closed.people.length < after.people.length) return null;
  // After a swap, the line says their details went with them: "no longer listed" would repeat it.
  if (swappedIn(m, after.matchId)) return closedLine(closed, after.people, false, true);
  return `${closedLine(closed, after.people)} They're no longer listed here.`;
}

export function peopleSheet(actions: Actions): SheetView {
  const list = peopleList(actions);
  return { title: 'People I met', el: h('div', { class: 'sheet-body' }, list.el), update: list.update };
}
