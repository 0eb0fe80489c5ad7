import type { State } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import type { Actions, Model } from '../model';
import { actionBar, actionButton, screen, type View } from './view';

/** Between matches: one big button, and the people met so far. */
export function idleView(state: State, actions: Actions): View {
  const paused = state.event.status === 'paused';
  const metCount = h('span', { class: 'met-count' });
  const el = screen(
    'idle',
    `Hi ${state.me.name} 👋`,
    paused
      ? h('p', { class: 'banner banner-warn', attrs: { role: 'status' } }, 'Matching is paused, back soon.')
      : h('p', { class: 'lede' }, "Ready when you are. We'll pair you with someone here and tell you where to meet."),
    h(
      'button',
      { class: 'btn btn-secondary btn-small people-button', attrs: { type: 'button' }, data: { openPeople: '' }, on: { click: () => actions.openSheet({ kind: 'people' }) } },
      '👥 People I met',
      metCount,
    ),
    h('div', { class: 'spacer' }),
    actionBar(
      actionButton('Find someone to chat to', actions.find, 'primary', paused),
      h(
        'div',
        { class: 'link-row' },
        h(
          'button',
          { class: 'link-button', attrs: { type: 'button' }, on: { click: () => actions.openSheet({ kind: 'startOver', name: state.me.name }) } },
          `Not ${state.me.name}? Start over`,
        ),
        h('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => actions.openSheet({ kind: 'privacy' }) } }, 'Your data'),
      ),
    ),
  );
  return {
    el,
    update(model: Model) {
      const met = model.connections?.length ?? 0;
      metCount.textContent = met > 0 ? ` · ${met}` : '';
    },
  };
}
