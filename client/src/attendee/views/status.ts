import type { Event } from '../../../../shared/schemas';
import { h, listOfNames } from '../../shared/dom';
import { chipRow, people, screen, type View } from './view';

/** Before the first `state` arrives. */
export function connectingView(): View {
  return { el: screen('connecting', 'Connecting…', h('p', { class: 'lede' }, 'Just a moment.')) };
}

export function loadingView(): View {
  return { el: screen('loading', 'Loading…') };
}

/** No such event, or no way to reach the server. */
export function missingView(message: string): View {
  return {
    el: screen(
      'missing',
      'Hmm, that didn\u2019t work',
      h('p', { class: 'lede' }, message),
      h('div', { class: 'spacer' }),
      h(
        'div',
        { class: 'action-bar' },
        h('button', { class: 'btn btn-primary', attrs: { type: 'button' }, on: { click: () => location.reload() } }, 'Try again'),
        h('a', { class: 'link-button', attrs: { href: '/' } }, 'Go to Mingle'),
      ),
    ),
  };
}

/** The event is over: thanks, and the people this phone met there, if it remembers any. */
export function endedView(event: Event, met: readonly string[] = []): View {
  return {
    el: screen(
      'ended',
      'Thanks for coming! 🎉',
      h('p', { class: 'lede' }, `${event.name} has wrapped up.`, met.length ? '' : ' We hope you met someone great.'),
      met.length
        ? h(
            'section',
            { class: 'met', attrs: { 'aria-labelledby': 'met-title' }, data: { met: '' } },
            h('h2', { id: 'met-title', class: 'met-title' }, `You met ${people(met.length)} tonight`),
            chipRow(met),
            h('p', { class: 'hint' }, `Say goodbye to ${listOfNames(met)} on your way out.`),
          )
        : null,
      h('p', { class: 'hint' }, 'You can close this page now.'),
    ),
  };
}
