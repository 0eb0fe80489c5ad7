import type { State } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import type { Actions, Model } from '../model';
import { actionBar, actionButton, people, screen, type View } from './view';

/** In the queue: reassurance, who else is looking, and a way out. */
export function waitingView(state: State, actions: Actions): View {
  const others = h('p', { class: 'waiting-others', data: { slot: 'others' } });
  const estimate = h('p', { class: 'waiting-estimate' });
  const paused = state.event.status === 'paused';
  const el = screen(
    'waiting',
    'Looking for someone…',
    h(
      'div',
      { class: 'radar', attrs: { 'aria-hidden': 'true' } },
      h('span', { class: 'radar-ring' }),
      h('span', { class: 'radar-ring radar-ring-2' }),
      h('span', { class: 'radar-dot' }, '👀'),
    ),
    paused
      ? h('p', { class: 'banner banner-warn', attrs: { role: 'status' } }, "Matching is paused, back soon. You'll keep your place.")
      : null,
    h('div', { class: 'waiting-status', attrs: { 'aria-live': 'polite' } }, others, estimate),
    h('p', { class: 'hint' }, "Keep this page open — we'll show you here the moment we find someone."),
    h('div', { class: 'spacer' }),
    actionBar(actionButton('Cancel', actions.cancel, 'secondary')),
  );
  return {
    el,
    update(model: Model) {
      const waiting = model.waiting;
      // Only phones with a connection are matched: offline, "first in line" would promise a match
      // that cannot come. The server keeps the place; say so, not the count from before.
      if (model.connection === 'offline') {
        others.textContent = "You're offline, so we can't match you right now. You keep your place in the queue until you're back.";
        estimate.textContent = '';
        return;
      }
      if (!waiting) {
        others.textContent = '';
        estimate.textContent = '';
        return;
      }
      const n = Math.max(0, waiting.looking - 1);
      // While paused nobody is matched, whoever taps Find: the banner says so, and a promise of
      // a match or a usual wait would contradict it.
      if (n === 0) others.textContent = paused ? '' : "You're first in line. We'll match you as soon as someone else taps Find.";
      else others.textContent = `${people(n, true)} looking too`;
      estimate.textContent = paused || waiting.estimateMs === null ? '' : `Usually about ${formatWait(waiting.estimateMs)}`;
    },
  };
}

function formatWait(ms: number): string {
  const seconds = Math.max(5, Math.round(ms / 5000) * 5);
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
