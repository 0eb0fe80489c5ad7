import type { CreateEventBody, CreateEventResponse } from '../../../shared/schemas';
import { ApiError } from '../shared/api';
import { chipPicker } from '../shared/chips';
import { h, tidy } from '../shared/dom';
import { LIMITS } from '../shared/limits';
import { createEvent } from './api';

/** The organiser's form: a name, topics, meeting spots, and an optional end time. */
export function eventForm(onCreated: (created: CreateEventResponse) => void): HTMLElement {
  const name = h('input', {
    id: 'event-name-input',
    attrs: { type: 'text', required: true, maxlength: LIMITS.eventName, placeholder: 'Friday tech social', autocomplete: 'off' },
  });
  const topics = chipPicker({
    name: 'topics',
    legend: 'Topics',
    hint: 'Attendees tap these to say what they’re into. Press Enter or type a comma after each.',
    max: LIMITS.eventTopics,
    maxLength: LIMITS.topic,
    placeholder: 'e.g. AI, climbing, startups',
    inputLabel: 'Add a topic',
  });
  const spots = chipPicker({
    name: 'spots',
    legend: 'Meeting spots',
    hint: 'Easy-to-find places where matched people meet.',
    max: LIMITS.spots,
    maxLength: LIMITS.spot,
    placeholder: 'e.g. By the bar, Under the big clock',
    inputLabel: 'Add a meeting spot',
  });
  const endsAt = h('input', { id: 'event-ends-at', attrs: { type: 'datetime-local' } });
  const key = h('input', { id: 'organiser-key', attrs: { type: 'password', autocomplete: 'off' } });
  const keyField = h(
    'div',
    { class: 'field', attrs: { hidden: true } },
    h('label', { class: 'field-label', attrs: { for: 'organiser-key' } }, 'Organiser key'),
    key,
    h('p', { class: 'field-hint' }, 'This Mingle asks for a key before creating events.'),
  );
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const submit = h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' } }, 'Create event');

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (submit.disabled) return;
    topics.commit();
    spots.commit();
    const body: CreateEventBody = { name: tidy(name.value) };
    if (!body.name) {
      error.textContent = 'Give your event a name.';
      name.focus();
      return;
    }
    if (topics.values().length) body.topics = topics.values();
    if (spots.values().length) body.spots = spots.values();
    if (endsAt.value) body.endsAt = new Date(endsAt.value).toISOString();
    error.textContent = '';
    submit.disabled = true;
    submit.textContent = 'Creating…';
    try {
      onCreated(await createEvent(body, key.value.trim() || undefined));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHORIZED') {
        keyField.hidden = false;
        key.focus();
      }
      error.textContent = err instanceof Error ? err.message : String(err);
      submit.disabled = false;
      submit.textContent = 'Create event';
    }
  }

  return h(
    'section',
    { class: 'panel panel-create', attrs: { 'aria-labelledby': 'create-title' } },
    h('h2', { id: 'create-title', class: 'panel-title' }, 'Start an event'),
    h(
      'form',
      { class: 'form', attrs: { novalidate: true }, on: { submit: (e) => void onSubmit(e) } },
      h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: 'event-name-input' } }, 'Event name'), name),
      topics.el,
      spots.el,
      h(
        'div',
        { class: 'field' },
        h('label', { class: 'field-label', attrs: { for: 'event-ends-at' } }, 'Ends at ', h('span', { class: 'field-count' }, '(optional)')),
        endsAt,
      ),
      keyField,
      error,
      submit,
    ),
  );
}

/** "Have a code?" for attendees who landed here instead of scanning. */
export function joinByCode(): HTMLElement {
  const code = h('input', {
    id: 'join-code',
    attrs: { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', placeholder: 'K7QX3M', maxlength: 16 },
  });
  return h(
    'section',
    { class: 'panel panel-join', attrs: { 'aria-labelledby': 'join-title' } },
    h('h2', { id: 'join-title', class: 'panel-title' }, 'Join as attendee'),
    h('p', { class: 'field-hint' }, 'Got a code from the poster? Enter it here.'),
    h(
      'form',
      {
        class: 'join-code',
        on: {
          submit: (e) => {
            e.preventDefault();
            const value = code.value.replace(/[^0-9a-z]/gi, '').toUpperCase();
            if (value) location.assign(`/e/${value}`);
          },
        },
      },
      h('label', { class: 'sr-only', attrs: { for: 'join-code' } }, 'Event code'),
      code,
      h('button', { class: 'btn btn-secondary', attrs: { type: 'submit' } }, 'Join'),
    ),
  );
}
