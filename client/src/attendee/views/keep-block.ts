import type { Match } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import { exchangeOf, peopleOf } from '../exchange';
import type { Actions, Model } from '../model';
import { exchangeLine } from './keep-sheet';

/** On the match card: Keep in touch, with where it stands. */
export function keepBlock(match: Match, actions: Actions): { el: HTMLElement; update(m: Model): void } {
  const status = h('p', { class: 'keep-status', attrs: { 'aria-live': 'polite' } });
  const el = h(
    'div',
    { class: 'keep-block', data: { keepBlock: '' } },
    h(
      'button',
      {
        class: 'btn btn-secondary btn-small',
        attrs: { type: 'button' },
        on: { click: () => actions.openSheet({ kind: 'keep', matchId: match.id, people: peopleOf(match.partners) }) },
      },
      '🤝 Keep in touch',
    ),
    status,
  );
  return {
    el,
    update(m) {
      const text = exchangeLine(exchangeOf(m, match.id), match.partners);
      if (status.textContent !== text) status.textContent = text;
    },
  };
}

/** Below the card, small: block or report, for when something is not right. */
export function safetyLink(match: Match, actions: Actions) {
  return h(
    'button',
    {
      class: 'link-button safety-link',
      attrs: { type: 'button' },
      data: { safetyLink: '' },
      on: { click: () => actions.openSheet({ kind: 'safety', people: peopleOf(match.partners) }) },
    },
    'Not comfortable?',
  );
}
