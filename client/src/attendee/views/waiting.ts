import type { State, Waiting } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import type { Actions, Model } from '../model';
import { editProfileButton } from './profile-sheet';
import { actionBar, actionButton, people, screen, type View } from './view';

/** In the queue: reassurance, who else is looking, and a way out. */
export function waitingView(state: State, actions: Actions): View {
  const others = h('p', { class: 'waiting-others', data: { slot: 'others' } });
  const estimate = h('p', { class: 'waiting-estimate' });
  const paused = state.event.status === 'paused';
  // Live for its first words only: the queue changes with every match made in the room and the
  // wait counts down, and a screen reader reading each change out would never stop. After that
  // the lines are still there to read, and a match arriving says itself (a new screen).
  const status = h('div', { class: 'waiting-status', attrs: { 'aria-live': 'polite' } }, others, estimate);
  const say = (othersText: string, estimateText: string) => {
    // Every render passes here: unchanged lines are left alone, as a rewrite would be read out.
    if (others.textContent === othersText && estimate.textContent === estimateText) return;
    if (status.textContent !== '') status.setAttribute('aria-live', 'off');
    if (others.textContent !== othersText) others.textContent = othersText;
    if (estimate.textContent !== estimateText) estimate.textContent = estimateText;
  };
  const el = screen(
    'waiting',
    'Looking for someone…',
    // Above the radar, under the heading: on a small phone the "Good chat?" card above pushed it
    // below the fold, under the pinned Cancel bar, and it is the news of this screen.
    paused
      ? h('p', { class: 'banner banner-warn', attrs: { role: 'status' } }, "Matching is paused, back soon. You'll keep your place.")
      : null,
    h(
      'div',
      { class: 'radar', attrs: { 'aria-hidden': 'true' } },
      h('span', { class: 'radar-ring' }),
      h('span', { class: 'radar-ring radar-ring-2' }),
      h('span', { class: 'radar-dot' }, '👀'),
    ),
    status,
    h('p', { class: 'hint' }, "Keep this page open — we'll show you here the moment we find someone."),
    h('div', { class: 'spacer' }),
    actionBar(actionButton('Cancel', actions.cancel, 'secondary')),
    // Say, the jacket came off while waiting: the match to come should look for the new one.
    // Below the pinned bar rather than in it, as on the idle screen: in it, the bar took a third
    // of a small phone's screen.
    h('div', { class: 'link-row after-bar' }, editProfileButton(actions)),
  );
  return {
    el,
    update(model: Model) {
      const waiting = model.waiting;
      // Only phones with a connection are matched: offline, a promise of a match would be one
      // that cannot come. The server keeps the place; say so, not the count from before.
      if (model.connection === 'offline') {
        say("You're offline, so we can't match you right now. You keep your place in the queue until you're back.", '');
        return;
      }
      if (!waiting) {
        say('', '');
        return;
      }
      // Not whoever I just couldn't find (a block is not taken off: it stays silent). None is
      // not "first in line", then; nor does a match wait for someone to tap
      // Find: after a while the matcher may add me to a pair (or to a circle open to one more).
      // An older server sends no `available`: the others looking is the best it can say.
      const n = (waiting as Omit<Waiting, 'available'> & Partial<Waiting>).available ?? Math.max(0, waiting.looking - 1);
      // While paused nobody is matched, whoever taps Find: the banner says so, and a promise of
      // a match or a wait would contradict it.
      say(
        n > 0 ? `${people(n, true)} looking too` : paused ? '' : NOBODY_FREE,
        paused ? '' : waiting.overdue ? OVERDUE : waiting.estimateMs === null ? '' : `Our best guess: about ${formatWait(waiting.estimateMs)}`,
      );
    },
  };
}

/** Nobody looking whom I could be paired with: true whoever else is in the queue. */
const NOBODY_FREE = "Nobody's free to pair with you just now. We'll match you as soon as someone is, or we may add you to a pair or group.";

/** Waited past the usual wait (`overdue`): a number would be a guess already proved wrong. */
const OVERDUE = "It's taking longer than usual. We'll match you as soon as someone new is free.";

function formatWait(ms: number): string {
  const seconds = Math.max(5, Math.round(ms / 5000) * 5);
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
