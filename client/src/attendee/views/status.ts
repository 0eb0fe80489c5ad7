import type { Event } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import { whenItWas } from '../../shared/time';
import type { Actions } from '../model';
import { codeBox } from './code-box';
import { peopleList, peopleMet, swappedWithSomeone } from './people';
import { actionBar, actionButton, people, screen, type View } from './view';

/**
 * Before the first `state` arrives. `tooManyTabs`: refused because this person's other tabs hold
 * every connection they may have; it carries on by itself once one of them closes.
 */
export function connectingView(tooManyTabs = false): View {
  if (tooManyTabs) {
    return { el: screen('connecting', 'Open in too many tabs', h('p', { class: 'lede' }, 'Close Mingle in one of your other tabs, and this one carries on by itself.')) };
  }
  return { el: screen('connecting', 'Connecting…', h('p', { class: 'lede' }, 'Just a moment.')) };
}

export function loadingView(): View {
  return { el: screen('loading', 'Loading…') };
}

/**
 * No such event, or no way to reach the server. A box to type the code again (holding `code`,
 * the one that failed, to correct); "Try again" reloads, for when the server was out of reach.
 * `gone`: the event was there and its data is deleted, which no retry mends.
 */
export function missingView(message: string, code: string, gone = false): View {
  return {
    el: screen(
      'missing',
      gone ? 'This event is over' : "Hmm, that didn't work",
      h('p', { class: 'lede' }, message),
      codeBox(code),
      h('div', { class: 'spacer' }),
      h(
        'div',
        { class: 'action-bar' },
        h(
          'div',
          { class: 'link-row' },
          gone ? null : h('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => location.reload() } }, 'Try again'),
          h('a', { class: 'link-button', attrs: { href: '/' } }, 'Go to Mingle'),
        ),
      ),
    ),
  };
}

/**
 * The thank-you screen's line about details, under the people met: for someone who swapped,
 * to save them (Mingle deletes the event's data a while after it ends, as Your data says); for
 * someone who did not, that theirs stayed private.
 */
export function endedHint(swapped: boolean): string {
  return swapped
    ? 'Save the details you swapped before you go: Mingle deletes them a while after the event. Only people you swapped with saw yours.'
    : 'Your details stay private unless you both chose to share.';
}

/**
 * The event is over: thanks, and the people met there with their details where both shared.
 * Without a token (a newcomer after the end) there is nobody to list.
 */
export function endedView(event: Event, actions: Actions | null): View {
  // The heading thanks them already; after the event, "Nobody yet" would promise someone still.
  const list = actions ? peopleList(actions, "You didn't meet anyone through Mingle this time.") : null;
  const title = h('h2', { id: 'met-title', class: 'met-title' });
  const hint = h('p', { class: 'hint' }, list ? endedHint(false) : 'You can close this page now.');
  const el = screen(
    'ended',
    'Thanks for coming! 🎉',
    h('p', { class: 'lede' }, `${event.name} has wrapped up.`),
    list ? h('section', { class: 'met', attrs: { 'aria-labelledby': 'met-title' }, data: { met: '' } }, title, list.el) : null,
    hint,
    actions
      ? h('div', { class: 'link-row' }, h('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => actions.openSheet({ kind: 'privacy' }) } }, 'Your data'))
      : null,
  );
  return {
    el,
    update(m) {
      list?.update(m);
      const n = peopleMet(m);
      const when = whenItWas((m.state?.event ?? event).endsAt);
      title.textContent = n > 0 ? `You met ${people(n)}${when ? ` ${when}` : ''}` : '';
      title.hidden = n === 0;
      // About details shared with people met: nothing to say with nobody listed.
      if (list) {
        hint.hidden = n === 0;
        hint.textContent = endedHint(swappedWithSomeone(m));
      }
    },
  };
}

/** Forget me worked: nothing of this person is left, here or on the server. */
export function goodbyeView(eventName: string, actions: Actions): View {
  return {
    el: screen(
      'goodbye',
      'Your data is deleted 👋',
      h('p', { class: 'lede' }, `Everything about you${eventName ? ` at ${eventName}` : ''} is gone: your profile, who you met, and any details you shared. This phone has forgotten you too.`),
      h('p', { class: 'hint' }, 'Thanks for coming. You can close this page.'),
      h('div', { class: 'spacer' }),
      actionBar(actionButton('Join again', actions.startOver, 'secondary')),
    ),
  };
}

/**
 * The organiser took me out of the event. No "Join again": they may have had a reason, and a
 * host can say so face to face; the way back, if there is one, is to talk to them.
 */
export function removedView(eventName: string): View {
  return {
    el: screen(
      'removed',
      "You've been removed from this event",
      h('p', { class: 'lede' }, `The organisers${eventName ? ` of ${eventName}` : ''} have taken you out of the event, so this phone is signed out and won't be matched.`),
      h('p', { class: 'hint' }, 'If you think this is a mistake, please speak to one of them.'),
    ),
  };
}
