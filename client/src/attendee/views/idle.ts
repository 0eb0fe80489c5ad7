import type { State } from '../../../../shared/schemas';
import { h, iconLabel } from '../../shared/dom';
import type { Actions, Model } from '../model';
import { peopleMet } from './people';
import { editProfileButton } from './profile-sheet';
import { actionBar, actionButton, screen, type View } from './view';

/**
 * Between matches: one big button, and the people met so far. The event's name is said in full
 * here, which the top bar may cut short on a small phone. While matching is paused the
 * button still works: the server keeps a find made then, in its place in the queue.
 */
export function idleView(state: State, actions: Actions): View {
  const paused = state.event.status === 'paused';
  const find = actionButton('Find someone to chat to', actions.find, 'primary');
  const pausedHint = paused ? h('p', { id: 'find-paused-hint', class: 'field-hint action-hint' }, "Tap to get in the queue; you'll be matched when it resumes.") : null;
  if (pausedHint) find.setAttribute('aria-describedby', pausedHint.id);
  const metCount = h('span', { class: 'met-count' });
  // In full: the top bar may have to shorten a long name on a small phone.
  const eventName = h('span', { class: 'idle-event', data: { idleEvent: '' } }, state.event.name);
  const el = screen(
    'idle',
    `Hi ${state.me.name} 👋`,
    paused
      ? h('p', { class: 'banner banner-warn', attrs: { role: 'status' } }, 'Matching is paused, back soon.')
      : h('p', { class: 'lede' }, "Ready when you are. We'll pair you with someone at ", eventName, ' and tell you where to meet.'),
    h(
      'button',
      { class: 'btn btn-secondary btn-small people-button', attrs: { type: 'button' }, data: { openPeople: '' }, on: { click: () => actions.openSheet({ kind: 'people' }) } },
      iconLabel('👥', 'People I met'),
      metCount,
    ),
    h('div', { class: 'spacer' }),
    actionBar(pausedHint, find),
    // Below the pinned bar rather than in it: seldom needed, they would make the bar a third of a
    // small phone's screen, and the "Good chat?" card and a notice above push the heading under it.
    h(
      'div',
      { class: 'link-row after-bar' },
      editProfileButton(actions),
      h(
        'button',
        { class: 'link-button', attrs: { type: 'button' }, on: { click: () => actions.openSheet({ kind: 'startOver', name: state.me.name }) } },
        `Not ${state.me.name}? Start over`,
      ),
      h('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => actions.openSheet({ kind: 'privacy' }) } }, 'Your data'),
    ),
  );
  return {
    el,
    update(model: Model) {
      const met = peopleMet(model);
      metCount.textContent = met > 0 ? ` · ${met}` : '';
      // Renamed by the organisers while this screen is up.
      const name = model.state?.event.name;
      if (name && eventName.textContent !== name) eventName.textContent = name;
    },
  };
}
