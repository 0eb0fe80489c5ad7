import type { CreateEventBody, CreateEventResponse } from '../../../shared/schemas';
import { ApiError } from '../shared/api';
import { chipPicker } from '../shared/chips';
import { h, tidy } from '../shared/dom';
import { codeOutcome } from '../shared/join-code';
import { limitLength, LIMITS } from '../shared/limits';
import { say } from '../shared/live-region';
import { boundPlannedEnd, clockOffWords, plannedEndProblem } from '../shared/planned-end';
import { createEvent } from './api';
import { organiserKeyField } from './organiser-key';

/** The organiser's form: a name, topics, meeting spots, and an optional end time. */
export function eventForm(onCreated: (created: CreateEventResponse) => void): HTMLElement {
  const name = h('input', {
    id: 'event-name-input',
    attrs: { type: 'text', required: true, placeholder: 'Friday tech social', autocomplete: 'off' },
  });
  limitLength(name, LIMITS.eventName);
  const topics = chipPicker({
    name: 'topics',
    legend: 'Topics',
    hint: "Attendees tap these to say what they're into. Press Enter or type a comma after each.",
    max: LIMITS.eventTopics,
    maxLength: LIMITS.topic,
    placeholder: 'e.g. AI, climbing, startups',
    inputLabel: 'Add a topic',
  });
  const spots = chipPicker({
    name: 'spots',
    legend: 'Meeting spots',
    hint: "Easy-to-find places where matched people meet. Without any, they find each other by their phones' beacons alone.",
    max: LIMITS.spots,
    maxLength: LIMITS.spot,
    placeholder: 'e.g. By the bar, Under the big clock',
    inputLabel: 'Add a meeting spot',
  });
  const endsAt = h('input', { id: 'event-ends-at', attrs: { type: 'datetime-local', 'aria-describedby': 'event-ends-at-hint' } });
  boundPlannedEnd(endsAt);
  const error = h('p', { id: 'create-error', class: 'form-error', attrs: { role: 'alert' } });
  const key = organiserKeyField(error.id);
  /**
   * Marks the field the error is about (none for the server's errors): a screen reader then says
   * it is invalid, and why, when the focus lands on it.
   */
  const blame = (field: HTMLInputElement | null) => {
    key.unflag();
    name.setAttribute('aria-invalid', String(field === name));
    if (field === name) name.setAttribute('aria-describedby', 'create-error');
    else name.removeAttribute('aria-describedby');
    endsAt.setAttribute('aria-invalid', String(field === endsAt));
    endsAt.setAttribute('aria-describedby', field === endsAt ? 'create-error event-ends-at-hint' : 'event-ends-at-hint');
  };
  // Typing in the field an error is about takes the error away, as in the join-code box.
  for (const field of [name, endsAt]) {
    field.addEventListener('input', () => {
      if (field.getAttribute('aria-invalid') !== 'true') return;
      say(error, '');
      blame(null);
    });
  }
  const submit = h('button', { class: 'btn btn-primary btn-block', attrs: { type: 'submit' } }, 'Create event');

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (submit.disabled) return;
    topics.commit();
    spots.commit();
    const body: CreateEventBody = { name: tidy(name.value) };
    if (!body.name) {
      say(error, 'Give your event a name.');
      blame(name);
      name.focus();
      return;
    }
    if (topics.values().length) body.topics = topics.values();
    if (spots.values().length) body.spots = spots.values();
    const endProblem = plannedEndProblem(endsAt);
    blame(endProblem ? endsAt : null);
    if (endProblem) {
      say(error, endProblem);
      endsAt.focus();
      return;
    }
    if (endsAt.value) body.endsAt = new Date(endsAt.value).toISOString();
    say(error, '');
    submit.disabled = true;
    submit.textContent = 'Creating…';
    const sentKey = key.value();
    try {
      const created = await createEvent(body, sentKey);
      key.accepted(sentKey);
      onCreated(created);
    } catch (err) {
      // The server's words say which: no key given, or a wrong one.
      if (err instanceof ApiError && err.code === 'UNAUTHORIZED') key.refused(sentKey);
      if (err instanceof ApiError && body.endsAt !== undefined && err.issues.some((issue) => issue.path === 'endsAt')) {
        // Passed the check above, refused by the server: this laptop's clock and Mingle's differ.
        say(error, clockOffWords(`within the next ${LIMITS.endsAtDays} days`));
        blame(endsAt);
        endsAt.focus();
      } else {
        error.textContent = err instanceof Error ? err.message : String(err);
      }
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
        h('label', { class: 'field-label', attrs: { for: 'event-ends-at' } }, 'Planned end ', h('span', { class: 'field-count' }, '(optional)')),
        endsAt,
        h(
          'p',
          { id: 'event-ends-at-hint', class: 'field-hint' },
          `Any time in the next ${LIMITS.endsAtDays} days. Mingle deletes the evening's data a while after this (a day, unless your server is set otherwise), or after you end it from the dashboard if that is sooner. Matching stops only when you end it, so an evening that runs late is not cut short.`,
        ),
      ),
      key.el,
      error,
      submit,
    ),
  );
}

/** "Have a code?" for attendees who landed here instead of scanning. */
export function joinByCode(): HTMLElement {
  const code = h('input', {
    id: 'join-code',
    attrs: {
      type: 'text',
      autocomplete: 'off',
      autocapitalize: 'characters',
      spellcheck: 'false',
      placeholder: 'K7QX3M',
      'aria-describedby': 'join-code-error',
    },
    on: {
      input: () => {
        say(hint, '');
        code.removeAttribute('aria-invalid');
      },
    },
  });
  const hint = h('p', { id: 'join-code-error', class: 'form-error', attrs: { role: 'alert' } });
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
            const outcome = codeOutcome(code.value);
            if (!outcome) return;
            if ('go' in outcome) return location.assign(outcome.go);
            say(hint, outcome.problem);
            code.setAttribute('aria-invalid', 'true');
            code.focus();
          },
        },
      },
      h('label', { class: 'sr-only', attrs: { for: 'join-code' } }, 'Event code'),
      code,
      h('button', { class: 'btn btn-secondary', attrs: { type: 'submit' } }, 'Join'),
    ),
    hint,
  );
}
