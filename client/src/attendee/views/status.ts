import type { Event } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import { screen, type View } from './view';

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

/** The event is over. */
export function endedView(event: Event): View {
  return {
    el: screen(
      'ended',
      'Thanks for mingling! 🎉',
      h('p', { class: 'lede' }, `${event.name} has wrapped up. We hope you met someone great.`),
      h('p', { class: 'hint' }, 'You can close this page now.'),
    ),
  };
}
