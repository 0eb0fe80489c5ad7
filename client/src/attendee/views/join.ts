import type { Event } from '../../../../shared/schemas';
import { ApiError } from '../../shared/api';
import { h, listOfNames } from '../../shared/dom';
import { say } from '../../shared/live-region';
import type { Actions, Model } from '../model';
import { profileFields } from './profile-fields';
import { screen, type View } from './view';

/** The join form: a first name, a few interests, and how to be spotted (see profile-fields.ts). */
export function joinView(event: Event, actions: Actions): View {
  const fields = profileFields({ prefix: 'join', topics: event.topics, interestsHint: interestsHint(event) });
  const { interests } = fields;
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const submit = h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' } }, 'Join');

  const form = h(
    'form',
    { class: 'form', attrs: { novalidate: true, 'aria-label': `Join ${event.name}` }, on: { submit: (e) => void onSubmit(e) } },
    ...fields.els,
    error,
    submit,
  );

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (submit.disabled) return;
    const profile = fields.read();
    if (!profile) return;
    error.textContent = '';
    submit.disabled = true;
    submit.textContent = 'Joining…';
    try {
      await actions.join(profile);
    } catch (err) {
      error.textContent = err instanceof ApiError || err instanceof Error ? err.message : String(err);
      submit.disabled = false;
      submit.textContent = 'Join';
      // Disabled, the button lost focus to the page: give it back, so trying again is one key away.
      submit.focus();
    }
  }

  const paused = h('p', { class: 'banner banner-warn', attrs: { hidden: event.status !== 'paused' } }, 'Matching is paused, back soon. You can join now.');
  const el = screen(
    'join',
    event.name,
    h('p', { class: 'lede' }, "Say who you are and what you're into. Then we'll find you someone to chat to."),
    paused,
    form,
  );
  // Said when the organiser takes off a topic this person had picked (see `update`).
  const topicsNote = h('p', { class: 'field-hint field-note', attrs: { role: 'status' }, data: { topicsNote: '' } });
  interests.el.append(topicsNote);

  let shown: Event | null = null;
  /** The event as it is now (join-refresh.ts): taken in place, so nothing typed or picked is lost. */
  function update(m: Model): void {
    if (m.screen.name !== 'join' || m.screen.event === shown) return;
    const now = m.screen.event;
    paused.hidden = now.status !== 'paused';
    if (shown) {
      el.querySelector('.view-title')!.textContent = now.name;
      form.setAttribute('aria-label', `Join ${now.name}`);
      const hint = interests.el.querySelector('#chip-hint-interests');
      if (hint) hint.textContent = interestsHint(now);
      const dropped = interests.setSuggestions(now.topics);
      if (dropped.length > 0) say(topicsNote, droppedNote(dropped));
    }
    shown = now;
  }
  return { el, update };
}

function interestsHint(event: Event): string {
  return event.topics.length > 0 ? 'Tap a few, or add your own.' : 'Add a few things you like talking about.';
}

/** What to say of picked topics the organiser took off: “Pyhton” is no longer one of them… */
function droppedNote(topics: string[]): string {
  const one = topics.length === 1;
  const [is, it] = one ? ['is no longer one of', 'it'] : ['are no longer among', 'them'];
  return `${listOfNames(topics.map((t) => `“${t}”`))} ${is} this event's topics, so we took ${it} off. You can add ${it} back as your own.`;
}
