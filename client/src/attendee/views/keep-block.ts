import type { Match } from '../../../../shared/schemas';
import { fill, h, iconLabel } from '../../shared/dom';
import { exchangeOf, notInSwapLine, peopleOf, swappedWithoutMe, swappedWithoutMeLine } from '../exchange';
import type { Actions, Model, Person } from '../model';
import { exchangeLine } from './keep-sheet';

/**
 * On the match card: Keep in touch, with where it stands. A match swaps details once: after the
 * swap, it is with those I swapped with (someone who joined since is told apart), and someone who
 * joined after it is told why there is nothing to do, not offered a form the server must refuse.
 */
export function keepBlock(match: Match, actions: Actions): { el: HTMLElement; update(m: Model): void } {
  let people: Person[] = peopleOf(match.partners);
  const status = statusLineFor(match.id);
  const apart = h('div', { class: 'keep-apart' });
  const button = h(
    'button',
    {
      class: 'btn btn-secondary btn-small',
      attrs: { type: 'button' },
      on: { click: () => actions.openSheet({ kind: 'keep', matchId: match.id, people }) },
    },
    iconLabel('🤝', 'Keep in touch'),
  );
  const el = h('div', { class: 'keep-block', data: { keepBlock: '' } }, button, status, apart);
  let shown = '';
  return {
    el,
    update(m) {
      el.hidden = m.listAwaited === match.id;
      const exchange = exchangeOf(m, match.id);
      const without = exchange.status === 'revealed' ? [] : swappedWithoutMe(m, match.id);
      const contacts = exchange.status === 'revealed' ? exchange.contacts : [];
      // Found us, and not among those I swapped with: they joined after the swap.
      const later = match.partners.filter((p) => !p.arriving && contacts.length > 0 && !contacts.some((c) => c.attendeeId === p.id));
      const key = JSON.stringify([exchange, without, later.map((p) => p.id)]);
      if (key === shown) return;
      shown = key;
      people = contacts.length > 0 ? contacts.map((c) => ({ id: c.attendeeId, name: c.name })) : peopleOf(match.partners);
      button.hidden = without.length > 0;
      const line = without.length > 0 ? swappedWithoutMeLine(without, true) : exchangeLine(exchange, match.partners);
      if (status.textContent !== line) status.textContent = line;
      fill(apart, ...later.map((p) => h('p', { class: 'keep-status', data: { exchange: 'closed' } }, notInSwapLine(p, contacts, true))));
    },
  };
}

/** The live line of the match whose card was drawn last (see `statusLineFor`). */
let keptLine: { matchId: string; el: HTMLElement } | null = null;

/**
 * The card's live line on where keeping in touch stands: the one the card had before, for the
 * same match. The card is drawn again for each change to the match (a partner's new hint, "we
 * found each other"): a fresh line, filled again, would be read out again each time, though only
 * what changes on it (an offer, the swap) is news.
 */
function statusLineFor(matchId: string): HTMLElement {
  if (keptLine?.matchId !== matchId) keptLine = { matchId, el: h('p', { class: 'keep-status', attrs: { 'aria-live': 'polite' } }) };
  return keptLine.el;
}

/** Below the card, small: block or report, for when something is not right. */
export function safetyLink(match: Match, actions: Actions) {
  return h(
    'button',
    {
      class: 'link-button safety-link',
      attrs: { type: 'button' },
      data: { safetyLink: '' },
      on: { click: () => actions.openSheet({ kind: 'safety', people: peopleOf(match.partners), matchId: match.id }) },
    },
    'Not comfortable?',
  );
}
