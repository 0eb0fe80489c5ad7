import type { Me } from '../../../../shared/schemas';
import { chipPicker, type ChipPicker } from '../../shared/chips';
import { h, tidy } from '../../shared/dom';
import { lengthGuide } from '../../shared/length-guide';
import { LIMITS } from '../../shared/limits';
import { say } from '../../shared/live-region';

/** A profile as the join form and "Edit my profile" send it. */
export type ProfileValues = Omit<Me, 'id'>;

/** Options for {@link profileFields}. */
export interface ProfileFieldsOptions {
  /** Starts every id, so each form's are its own: `join` gives `join-name`, `join-look-for`… */
  prefix: string;
  /** The event's topics, offered as chips to tap. */
  topics: readonly string[];
  /** What the interests say under their legend. */
  interestsHint: string;
  /** What the fields hold to begin with (editing); a newcomer's defaults otherwise. */
  initial?: ProfileValues;
}

/** The fields of a profile, and what a form does with them. */
export interface ProfileFields {
  /** Name and interests, the switch and how to spot me, then the optional "More about you". */
  els: HTMLElement[];
  name: HTMLInputElement;
  interests: ChipPicker;
  /** Says `message` under a field (or `''` to clear it), tied to its box and marking it invalid. */
  showError(field: 'name' | 'lookFor', message: string): void;
  /** What the form holds, tidied as the server will; null, with the name's error said and focused, when there is no name. */
  read(): ProfileValues | null;
}

/**
 * The profile's fields, shared by the join form and the profile sheet so both cap, count, hint
 * and check the same way: a first name, a few interests, being on one's own, how to be spotted,
 * and what one can help with or would like advice on.
 */
export function profileFields(o: ProfileFieldsOptions): ProfileFields {
  const id = (part: string) => `${o.prefix}-${part}`;
  const start = o.initial;
  const name = h('input', {
    id: id('name'),
    attrs: {
      type: 'text',
      name: 'name',
      required: true,
      autocomplete: 'given-name',
      autocapitalize: 'words',
      enterkeyhint: 'next',
      spellcheck: 'false',
      'aria-describedby': id('name-error'),
    },
    on: {
      input: () => {
        if (nameError.textContent && tidy(name.value)) showError('name', '');
      },
      // The phone's "next" key: on to the interests, not off to send the form without them.
      keydown: (e) => {
        if (e.key !== 'Enter' || e.isComposing) return;
        e.preventDefault();
        nextField(name)?.focus();
      },
    },
  });
  name.value = start?.name ?? '';
  const nameLimit = lengthGuide(name, LIMITS.name, { id: id('name-limit'), what: 'A name' });
  // Next to the field it is about, so it is on screen when the field takes focus, and read with it.
  const nameError = h('p', { id: id('name-error'), class: 'form-error', attrs: { role: 'alert' } });
  const interests = chipPicker({
    name: 'interests',
    idPrefix: o.prefix === 'join' ? undefined : `${o.prefix}-`,
    legend: 'What are you into?',
    hint: o.interestsHint,
    suggestions: o.topics,
    initial: start?.interests,
    max: LIMITS.interests,
    maxLength: LIMITS.topic,
    what: 'An interest',
    placeholder: 'Add your own',
    inputLabel: 'Add your own interest',
  });
  // Each hint is read with its control (aria-describedby), not left for a screen reader to find.
  const solo = h('input', { id: id('solo'), attrs: { type: 'checkbox', role: 'switch', checked: start?.solo ?? true, 'aria-describedby': id('solo-hint') } });
  const lookFor = h('input', {
    id: id('look-for'),
    attrs: { type: 'text', placeholder: 'green jumper, by the bar', autocomplete: 'off', 'aria-describedby': `${id('look-for-hint')} ${id('look-for-error')}` },
  });
  lookFor.value = start?.lookFor ?? '';
  const lookForLimit = lengthGuide(lookFor, LIMITS.lookFor, { id: id('look-for-limit'), what: '“How to spot me”' });
  const lookForError = h('p', { id: id('look-for-error'), class: 'form-error', attrs: { role: 'alert' } });
  const topicPicker = (field: 'offers' | 'asks', legend: string, placeholder: string, inputLabel: string) =>
    chipPicker({
      name: field,
      idPrefix: o.prefix === 'join' ? undefined : `${o.prefix}-`,
      legend,
      initial: start?.[field],
      max: LIMITS[field],
      maxLength: LIMITS.topic,
      placeholder,
      inputLabel,
    });
  const offers = topicPicker('offers', 'I can help with…', 'e.g. hiring, Rust, pottery', 'Something you can help with');
  const asks = topicPicker('asks', "I'd like advice on…", 'e.g. public speaking', "Something you'd like advice on");
  // Open when it holds something: what is there to change should be in view.
  const more = h('details', { class: 'more', attrs: { open: offers.values().length + asks.values().length > 0 } }, h('summary', null, 'More about you (optional)'), offers.el, asks.el);

  const els = [
    h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: id('name') } }, 'Your first name'), name, nameLimit.el, nameError),
    interests.el,
    h(
      'div',
      { class: 'field field-switch' },
      h(
        'label',
        { class: 'switch', attrs: { for: id('solo') } },
        solo,
        h('span', { class: 'switch-track', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'switch-text' }, "I'm here on my own"),
      ),
      h('p', { id: id('solo-hint'), class: 'field-hint' }, "We'll pair you with someone else who's on their own first."),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field-label', attrs: { for: id('look-for') } }, 'How to spot me'),
      lookFor,
      lookForLimit.el,
      h(
        'p',
        { id: id('look-for-hint'), class: 'field-hint' },
        'So your match can find you in the room. While you wait, the organisers see it too, with your name, so a host can come over.',
      ),
      lookForError,
    ),
    more,
  ];

  function showError(field: 'name' | 'lookFor', message: string): void {
    const [box, line] = field === 'name' ? [name, nameError] : [lookFor, lookForError];
    say(line, message);
    if (message) box.setAttribute('aria-invalid', 'true');
    else box.removeAttribute('aria-invalid');
  }

  function read(): ProfileValues | null {
    [interests, offers, asks].forEach((p) => p.commit());
    const first = tidy(name.value);
    if (!first) {
      showError('name', 'Please add your first name.');
      name.focus();
      return null;
    }
    showError('name', '');
    showError('lookFor', '');
    return { name: first, interests: interests.values(), solo: solo.checked, lookFor: tidy(lookFor.value), offers: offers.values(), asks: asks.values() };
  }

  return { els, name, interests, showError, read };
}

/** The control after `el` in its form, as Tab would reach it. */
function nextField(el: HTMLInputElement): HTMLElement | undefined {
  const controls = Array.from(el.form?.elements ?? []) as HTMLElement[];
  return controls.slice(controls.indexOf(el) + 1).find((c) => !(c as HTMLButtonElement).disabled && c.tabIndex >= 0 && c.getClientRects().length > 0);
}
