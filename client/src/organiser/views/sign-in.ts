import { h, icon } from '../../shared/dom';
import { say } from '../../shared/live-region';
import type { Actions, SignIn } from '../model';

/** What the form explains: why it is asking, and for a refused token, the server's code. */
type Why = Exclude<SignIn['reason'], 'refused' | 'deleted'> | Extract<SignIn, { reason: 'refused' }>['code'];

const WHY: Record<Why, string> = {
  missing: 'This dashboard needs your organiser link: the one you got when you created the event, ending in #token=…',
  incomplete:
    'The organiser link you opened looks incomplete: its #token=… part is cut short, so it was not tried. ' +
    'Copy the whole link again (it ends in a long run of letters and digits) and paste it here.',
  UNAUTHORIZED:
    "That organiser link didn't work: Mingle doesn't recognise it. " +
    "Check that you copied the whole link; an event that has expired can't be opened either.",
  FORBIDDEN:
    "That link can't open this dashboard: it's for another event, or it's an attendee's link. Paste this event's organiser link.",
};

/** The form's heading, by why it is asking. */
const TITLE: Record<Exclude<SignIn['reason'], 'deleted'>, string> = {
  missing: 'Open your dashboard',
  incomplete: 'That link looks incomplete',
  refused: "That link didn't work",
};

/** Asks for the organiser link (or bare token), saying why. */
export function signInView(signIn: SignIn, actions: Actions): HTMLElement {
  if (signIn.reason === 'deleted') return deletedView(signIn.name);
  const why: Why = signIn.reason === 'refused' ? signIn.code : signIn.reason;
  const input = h('input', {
    id: 'organiser-link',
    attrs: { type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://…/organiser/…#token=…' },
  });
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (actions.signIn(input.value)) return;
    say(error, "That doesn't look like an organiser link. It looks like …/organiser/…#token=…");
    input.focus();
  };
  return h(
    'section',
    { class: 'card signin', data: { signin: why }, attrs: { 'aria-labelledby': 'signin-title' } },
    h(
      'h2',
      { id: 'signin-title', class: 'signin-title', attrs: { tabindex: -1 } },
      TITLE[signIn.reason],
    ),
    h('p', { class: signIn.reason === 'missing' ? 'lede' : 'banner banner-warn', data: { signinMessage: '' } }, WHY[why]),
    h(
      'form',
      { class: 'form', attrs: { novalidate: true }, on: { submit: onSubmit } },
      h(
        'div',
        { class: 'field' },
        h('label', { class: 'field-label', attrs: { for: 'organiser-link' } }, 'Organiser link or token'),
        input,
        h('p', { class: 'field-hint' }, icon('🔒 '), 'Anyone with this link can run your event, so keep it private. It stays on this laptop.'),
      ),
      error,
      h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, 'Open dashboard'),
    ),
  );
}

/** The event's data was deleted while the dashboard was open: nothing to sign in to. */
function deletedView(name: string): HTMLElement {
  return h(
    'section',
    { class: 'card signin', data: { signin: 'deleted' }, attrs: { 'aria-labelledby': 'signin-title' } },
    h('h2', { id: 'signin-title', class: 'signin-title', attrs: { tabindex: -1 } }, 'This event has been deleted'),
    h(
      'p',
      { class: 'lede', data: { signinMessage: '' } },
      `Everything about ${name} has now been deleted, as planned: Mingle keeps an event only for a while after it ends. ` +
        'Its figures and exports are gone, and its organiser link no longer opens anything.',
    ),
    h('p', null, h('a', { attrs: { href: '/' } }, 'Start a new event')),
  );
}
