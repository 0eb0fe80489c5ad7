import type { Event } from '../../../../shared/schemas';
import { chipPicker } from '../../shared/chips';
import { fill, h, tidy } from '../../shared/dom';
import { LIMITS } from '../../shared/limits';
import type { Actions } from '../model';
import { card, type Part } from './part';

/** What the form edits; a change to any of these from elsewhere redraws an untouched form. */
const editable = (e: Event) => JSON.stringify([e.name, e.topics, e.spots]);

/**
 * The event's name, topics and meeting spots. New topics reach phones at once (they are offered
 * on the join form); new spots are used for the next matches.
 */
export function eventEditor(actions: Actions): Part {
  const body = h('div', { class: 'edit-body' });
  const el = card('edit', 'Topics and spots', body);
  let shown: string | null = null;
  // Once someone starts editing, news from the server must not wipe what they typed.
  let touched = false;

  /** Draws the form for `event`; returns its status line. */
  function build(event: Event): HTMLElement {
    shown = editable(event);
    touched = false;
    const name = h('input', {
      id: 'edit-name',
      attrs: { type: 'text', required: true, maxlength: LIMITS.eventName, value: event.name, autocomplete: 'off' },
    });
    const topics = chipPicker({
      name: 'edit-topics',
      legend: 'Topics',
      hint: 'Offered on the join form. Tap one to drop it; type to add more.',
      suggestions: event.topics,
      initial: event.topics,
      max: LIMITS.eventTopics,
      maxLength: LIMITS.topic,
      placeholder: 'Add a topic',
      inputLabel: 'Add a topic',
    });
    const spots = chipPicker({
      name: 'edit-spots',
      legend: 'Meeting spots',
      hint: 'Where matched people meet.',
      suggestions: event.spots,
      initial: event.spots,
      max: LIMITS.spots,
      maxLength: LIMITS.spot,
      placeholder: 'Add a meeting spot',
      inputLabel: 'Add a meeting spot',
    });
    const result = h('p', { class: 'edit-result', attrs: { role: 'status' } });
    const save = h('button', { class: 'btn btn-secondary', attrs: { type: 'submit' } }, 'Save changes');

    async function onSubmit(e: SubmitEvent) {
      e.preventDefault();
      topics.commit();
      spots.commit();
      const newName = tidy(name.value);
      if (!newName) {
        result.className = 'edit-result form-error';
        result.textContent = 'The event needs a name.';
        return;
      }
      save.disabled = true;
      const ack = await actions.update({ name: newName, topics: topics.values(), spots: spots.values() });
      save.disabled = false;
      if (ack.ok) {
        build(ack.event).textContent = '✓ Saved';
      } else {
        result.className = 'edit-result form-error';
        result.textContent = ack.error.message;
      }
    }

    const form = h(
      'form',
      {
        class: 'form edit-form',
        attrs: { novalidate: true },
        on: { submit: (e) => void onSubmit(e), input: () => (touched = true), click: () => (touched = true) },
      },
      h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: 'edit-name' } }, 'Event name'), name),
      topics.el,
      spots.el,
      h('div', { class: 'edit-actions' }, save, result),
    );
    fill(body, form);
    return result;
  }

  return {
    el,
    update(m) {
      if (!m.event || editable(m.event) === shown) return;
      if (shown !== null && touched) return;
      build(m.event);
    },
  };
}
