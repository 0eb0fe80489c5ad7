import type { Event } from '../../../../shared/schemas';
import { ApiError } from '../../shared/api';
import { chipPicker } from '../../shared/chips';
import { h, listOfNames, tidy } from '../../shared/dom';
import { say } from '../../shared/live-region';
import { lengthGuide } from '../../shared/length-guide';
import { LIMITS } from '../../shared/limits';
import type { Actions, Model } from '../model';
import { screen, type View } from './view';

/** The join form: a first name, a few interests, and how to be spotted. */
export function joinView(event: Event, actions: Actions): View {
  const name = h('input', {
    id: 'join-name',
    attrs: {
      type: 'text',
      name: 'name',
      required: true,
      autocomplete: 'given-name',
      autocapitalize: 'words',
      enterkeyhint: 'next',
      spellcheck: 'false',
      'aria-describedby': 'join-name-error',
    },
    on: {
      input: () => {
        if (nameError.textContent && tidy(name.value)) showNameError('');
      },
      // The phone's "next" key: on to the interests, not off to join without them.
      keydown: (e) => {
        if (e.key !== 'Enter' || e.isComposing) return;
        e.preventDefault();
        nextField(name)?.focus();
      },
    },
  });
  const nameLimit = lengthGuide(name, LIMITS.name, { id: 'join-name-limit', what: 'A name' });
  // Next to the field it is about, so it is on screen when the field takes focus, and read with it.
  const nameError = h('p', { id: 'join-name-error', class: 'form-error', attrs: { role: 'alert' } });
  const showNameError = (message: string) => {
    say(nameError, message);
    if (message) name.setAttribute('aria-invalid', 'true');
    else name.removeAttribute('aria-invalid');
  };
  const interests = chipPicker({
    name: 'interests',
    legend: 'What are you into?',
    hint: interestsHint(event),
    suggestions: event.topics,
    max: LIMITS.interests,
    maxLength: LIMITS.topic,
    what: 'An interest',
    placeholder: 'Add your own',
    inputLabel: 'Add your own interest',
  });
  // Each hint is read with its control (aria-describedby), not left for a screen reader to find.
  const solo = h('input', { id: 'join-solo', attrs: { type: 'checkbox', role: 'switch', checked: true, 'aria-describedby': 'join-solo-hint' } });
  const lookFor = h('input', {
    id: 'join-look-for',
    attrs: { type: 'text', placeholder: 'green jumper, by the bar', autocomplete: 'off', 'aria-describedby': 'join-look-for-hint' },
  });
  const lookForLimit = lengthGuide(lookFor, LIMITS.lookFor, { id: 'join-look-for-limit', what: '“How to spot me”' });
  const offers = chipPicker({
    name: 'offers',
    legend: 'I can help with…',
    max: LIMITS.offers,
    maxLength: LIMITS.topic,
    placeholder: 'e.g. hiring, Rust, pottery',
    inputLabel: 'Something you can help with',
  });
  const asks = chipPicker({
    name: 'asks',
    legend: "I'd like advice on…",
    max: LIMITS.asks,
    maxLength: LIMITS.topic,
    placeholder: 'e.g. public speaking',
    inputLabel: "Something you'd like advice on",
  });
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const submit = h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' } }, 'Join');

  const form = h(
    'form',
    { class: 'form', attrs: { novalidate: true, 'aria-label': `Join ${event.name}` }, on: { submit: (e) => void onSubmit(e) } },
    h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: 'join-name' } }, 'Your first name'), name, nameLimit.el, nameError),
    interests.el,
    h(
      'div',
      { class: 'field field-switch' },
      h(
        'label',
        { class: 'switch', attrs: { for: 'join-solo' } },
        solo,
        h('span', { class: 'switch-track', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'switch-text' }, "I'm here on my own"),
      ),
      h('p', { id: 'join-solo-hint', class: 'field-hint' }, "We'll pair you with someone else who's on their own first."),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field-label', attrs: { for: 'join-look-for' } }, 'How to spot me'),
      lookFor,
      lookForLimit.el,
      h(
        'p',
        { id: 'join-look-for-hint', class: 'field-hint' },
        'So your match can find you in the room. While you wait, the organisers see it too, with your name, so a host can come over.',
      ),
    ),
    h('details', { class: 'more' }, h('summary', null, 'More about you (optional)'), offers.el, asks.el),
    error,
    submit,
  );

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (submit.disabled) return;
    [interests, offers, asks].forEach((p) => p.commit());
    const first = tidy(name.value);
    if (!first) {
      showNameError('Please add your first name.');
      name.focus();
      return;
    }
    showNameError('');
    error.textContent = '';
    submit.disabled = true;
    submit.textContent = 'Joining…';
    try {
      await actions.join({
        name: first,
        interests: interests.values(),
        solo: solo.checked,
        lookFor: tidy(lookFor.value),
        offers: offers.values(),
        asks: asks.values(),
      });
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
  return `${listOfNames(topics.map((t) => `“${t}”`))} ${is} this event’s topics, so we took ${it} off. You can add ${it} back as your own.`;
}

/** The control after `el` in its form, as Tab would reach it. */
function nextField(el: HTMLInputElement): HTMLElement | undefined {
  const controls = Array.from(el.form?.elements ?? []) as HTMLElement[];
  return controls.slice(controls.indexOf(el) + 1).find((c) => !(c as HTMLButtonElement).disabled && c.tabIndex >= 0 && c.getClientRects().length > 0);
}
