import { fill, h, icon, listOfNames } from '../../shared/dom';
import { keepingFocus } from '../../shared/keep-focus';
import { closedLine, closedMark, closedOf, exchangeKey, exchangeOf, peopleOf, swappedIn, swappedWithoutMe, swappedWithoutMeLine, type Closed, type Exchange } from '../exchange';
import type { Actions, Model, Person } from '../model';
import { contactCard } from './contact-card';
import { contactForm, contactFormHint } from './contact-form';
import { inlineError, run, sheetHint, type SheetView } from './sheet';

/**
 * The words for where keeping in touch stands, for buttons and status lines, with the people
 * of the match (two or more make it "you all").
 */
export function exchangeLine(exchange: Exchange, people: readonly { name: string }[]): string {
  const names = listOfNames(people.map((p) => p.name));
  switch (exchange.status) {
    case 'none':
      return `Swap details with ${names}, only if you ${people.length > 1 ? 'all' : 'both'} want to.`;
    case 'shared':
      return `Shared — waiting for ${names} to share too`;
    case 'revealed':
      // Those who swapped, not everyone in the match now: someone who joined later did not.
      return `You swapped details with ${listOfNames(exchange.contacts.map((c) => c.name))}`;
  }
}

/**
 * Keep in touch with the people of one match: pick what to share; then wait, with a way to take
 * it back; then, once everyone has shared, their details.
 */
export function keepSheet(matchId: string, opened: Person[], actions: Actions): SheetView {
  /**
   * Those the swap is with: as the sheet was opened, or, for the match I am in now, until its
   * details are swapped, everyone in it as it is now: someone who joins the circle while the
   * sheet is open must share too, and someone who leaves no longer has to (the card says so).
   */
  let people = opened;
  const peopleNow = (m: Model): Person[] => {
    const match = m.state?.match;
    if (match?.id !== matchId || match.partners.length === 0 || exchangeOf(m, matchId).status === 'revealed') return people;
    return peopleOf(match.partners);
  };
  const titleOf = () => `Keep in touch with ${listOfNames(people.map((p) => p.name))}`;
  const body = h('div', { class: 'sheet-body', data: { keep: matchId } });
  let shown = '';

  function waiting() {
    const names = listOfNames(people.map((p) => p.name));
    const many = people.length > 1;
    const error = inlineError();
    const back = h(
      'button',
      { class: 'btn btn-secondary btn-block', attrs: { type: 'button' }, on: { click: () => void run(back, error, () => actions.withdrawContact(matchId)) } },
      'Take it back',
    );
    return [
      h('p', { class: 'exchange-status', data: { exchange: 'shared' } }, icon('✓ '), exchangeLine({ status: 'shared' }, people)),
      sheetHint(
        many
          ? `Nobody sees anything until ${names} ${people.length === 2 ? 'both' : 'all'} share too. Changed your mind? Take it back; they're never told.`
          : `Nobody sees anything until ${names} shares too. Changed your mind? Take it back; ${names} is never told.`,
      ),
      back,
      error,
    ];
  }

  /** Whether the server lists them among the people I met, and so has a vCard to give. */
  const listed = (m: Model, attendeeId: string) => (m.connections ?? []).some((c) => c.matchId === matchId && c.attendeeId === attendeeId);

  function revealed(m: Model, exchange: Extract<Exchange, { status: 'revealed' }>) {
    return [
      h('p', { class: 'exchange-status exchange-done', data: { exchange: 'revealed' } }, icon('🎉 '), exchangeLine(exchange, people)),
      ...exchange.contacts.map((c) => contactCard({ id: c.attendeeId, name: c.name }, c.contact, actions, listed(m, c.attendeeId))),
      sheetHint("They're in People I met too, for as long as the event's data is kept."),
    ];
  }

  /** In place of the form (or the wait): why, and that an offer I made went no further. */
  const closedView = (m: Model, closed: Closed, exchange: Exchange) =>
    h('p', { class: 'exchange-status', data: { exchange: closedMark(closed) } }, closedLine(closed, people, exchange.status === 'shared', swappedIn(m, matchId)));

  /** They swapped details before I joined (the list may say so only once the sheet is open). */
  const withoutMeView = (m: Model, without: Person[]) =>
    h('p', { class: 'exchange-status', data: { exchange: 'closed' } }, swappedWithoutMeLine(without, m.state?.match?.id === matchId));

  /**
   * What the sheet shows for the model, keyed by only what that view depends on: redrawn for
   * anything else, the form would lose what was typed in it when, say, the list of people I met
   * comes in just after the sheet opened.
   */
  function viewOf(m: Model): { key: unknown[]; draw: () => Node[] } {
    const closed = closedOf(m, matchId, people);
    const exchange = exchangeOf(m, matchId);
    if (closed) return { key: ['closed', closed, exchange.status, swappedIn(m, matchId)], draw: () => [closedView(m, closed, exchange)] };
    const without = swappedWithoutMe(m, matchId);
    if (without.length > 0 && exchange.status !== 'revealed') {
      return { key: ['without', without, m.state?.match?.id === matchId], draw: () => [withoutMeView(m, without)] };
    }
    if (exchange.status === 'none') return { key: ['form'], draw: () => [contactForm(matchId, people, actions)] };
    if (exchange.status === 'shared') return { key: ['shared'], draw: waiting };
    return { key: [exchangeKey(m, matchId), people.filter((p) => listed(m, p.id)).length], draw: () => revealed(m, exchange) };
  }

  return {
    title: titleOf(),
    el: body,
    titleOf,
    update(m) {
      people = peopleNow(m);
      const view = viewOf(m);
      // The form is kept as it is (with what was typed), its first line following who it is with.
      const form = view.key[0] === 'form';
      const key = JSON.stringify([view.key, form ? null : people]);
      if (key !== shown) {
        shown = key;
        // Redrawn for someone who left ("waiting for Bob" where it was "Bob and Dee"), the focus stays put.
        keepingFocus(body, () => fill(body, ...view.draw()));
      }
      const hint = form ? body.querySelector<HTMLElement>('[data-keep-hint]') : null;
      if (hint && hint.textContent !== contactFormHint(people)) hint.textContent = contactFormHint(people);
    },
  };
}
