import type { Event, EventUpdatePayload } from '../../../../shared/schemas';
import { CHANGES_AFTER_END } from '../../../../shared/errors';
import { chipPicker, type ChipPicker } from '../../shared/chips';
import { fill, h, icon, tidy } from '../../shared/dom';
import { LIMITS, limitLength } from '../../shared/limits';
import { say } from '../../shared/live-region';
import { boundPlannedEnd, clockOffWords, localInput, plannedEndProblem } from '../../shared/planned-end';
import type { Actions } from '../model';
import { backOnline, unreachable } from './ack-error';
import { holdFocus } from './focus';
import { endsAtHint, latestEndWords, soonerAgreed } from './planned-end';
import { card, setText, type Part } from './part';

/** The fields the form edits, each sent only when the organiser changed it. */
type Field = 'name' | 'topics' | 'spots' | 'endsAt';
const FIELDS: readonly Field[] = ['name', 'topics', 'spots', 'endsAt'];
const FIELD_NOUNS: Record<Field, string> = { name: 'name', topics: 'topics', spots: 'meeting spots', endsAt: 'planned end' };

/** A planned end as the form shows it: local, to the minute ('' for none). */
const shownEnd = (endsAt: string | null) => (endsAt === null ? '' : localInput(Date.parse(endsAt)));

/** What the form edits; a change to any of these from elsewhere is news for the form. */
const editable = (e: Event) => JSON.stringify([e.name, e.topics, e.spots, shownEnd(e.endsAt)]);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** "name", "name and topics", "name, topics and meeting spots". */
function fieldNouns(fields: readonly Field[]): string {
  const words = fields.map((f) => FIELD_NOUNS[f]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

type Values = Pick<Event, Field>;

/** Whether `f` is the same in both; a planned end to the minute, as the form holds it. */
function same(a: Values, b: Values, f: Field): boolean {
  if (f === 'name') return a.name === b.name;
  if (f === 'endsAt') return shownEnd(a.endsAt) === shownEnd(b.endsAt);
  return sameList(a[f], b[f]);
}

/**
 * The fields someone else changed under the form: the server's version moved on from the one the
 * form was drawn from, to something other than what the form holds now. The echo of our own
 * save, or another organiser making the same change, is no news.
 */
function changedElsewhere(base: Values, latest: Values, form: Values): Field[] {
  return FIELDS.filter((f) => !same(base, latest, f) && !same(latest, form, f));
}

/** One drawing of the form, for the version of the event it started from. */
interface Drawn {
  /** The event as the form was drawn from it: what "changed" is measured against. */
  base: Event;
  /** What the form holds now, tidied as a save would send it. */
  values(): Values;
  /** Only what the organiser changed, so another organiser's edits to the rest survive a save. */
  edits(): EventUpdatePayload;
  /** Whether redrawing would lose anything: a changed field, or a chip typed but not added. */
  dirty(): boolean;
}

/**
 * The event's name, topics, meeting spots and planned end. New topics reach phones at once (they
 * are offered on the join form); new spots are used for the next matches; the planned end moves
 * when the event's data is deleted (matching carries on past it until the organiser ends it).
 *
 * Several organisers may have the dashboard open. A save sends only the fields this organiser
 * changed, so it never puts back what someone else changed in the others. News from the server
 * redraws the form while it holds nothing of the organiser's; once it does, the form stays as
 * they left it and says what changed elsewhere, with a way to take the new version instead.
 *
 * Once the event has ended the card goes: nobody joins to pick a topic, nobody is matched to meet
 * at a spot, and the dashboard is a record of the evening.
 */
export function eventEditor(actions: Actions): Part {
  const body = h('div', { class: 'edit-body' });
  const el = card('edit', 'Event details', body);
  let drawn: Drawn | null = null;
  /** The server's latest version, when it moved on from the one the form was drawn from. */
  let latest: Event | null = null;
  const stale = h('div', { class: 'edit-stale', data: { editStale: '' }, attrs: { role: 'status', hidden: true } });
  /** What the notice says now; redrawn only when that changes, so its button keeps the focus. */
  let staleKey = '';
  /** The result line while it says Mingle could not be reached: cleared once it can. */
  let connectionError: HTMLElement | null = null;
  const back = backOnline();
  /** The event as the server last described it, and when everything about it is deleted (the figures'). */
  let known: Event | null = null;
  let deletesAt: string | null = null;
  /** The planned end's hint in the form as drawn: it speaks of times, so each update redraws it. */
  let hint: HTMLElement | null = null;
  /**
   * Whether the figures in hand were worked out for the planned end shown: not once it moved
   * (their deletion time is the old end's) until the next figures come.
   */
  let fresh = false;
  let figuresSeen: unknown = null;
  let endSeen: string | null | undefined;
  /** Fresh for `e`: a form drawn from a save's ack may show an end the figures have not seen yet. */
  const freshFor = (e: Event) => fresh && e.endsAt === endSeen;
  const showHint = () => hint && known && setText(hint, endsAtHint(known, deletesAt, Date.now(), freshFor(known)));

  /** Draws the form for `event`; returns its result line. */
  function build(event: Event): HTMLElement {
    // A redraw replaces the inputs; keep the focus on the same one (they have fixed ids).
    const focusedId = body.contains(document.activeElement) ? document.activeElement?.id : undefined;
    latest = null;
    connectionError = null;
    const name = h('input', {
      id: 'edit-name',
      attrs: { type: 'text', required: true, value: event.name, autocomplete: 'off' },
    });
    limitLength(name, LIMITS.eventName);
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
      hint: "Where matched people meet. Without any, they find each other by their phones' beacons alone.",
      suggestions: event.spots,
      initial: event.spots,
      max: LIMITS.spots,
      maxLength: LIMITS.spot,
      placeholder: 'Add a meeting spot',
      inputLabel: 'Add a meeting spot',
    });
    const endsAt = h('input', {
      id: 'edit-ends-at',
      attrs: { type: 'datetime-local', value: shownEnd(event.endsAt), 'aria-describedby': 'edit-ends-at-hint' },
    });
    boundPlannedEnd(endsAt, event.createdAt);
    /** Marks the planned end as what the result line's error is about, or not; typing in it clears that. */
    const blameEnd = (blamed: boolean) => {
      endsAt.setAttribute('aria-invalid', String(blamed));
      endsAt.setAttribute('aria-describedby', blamed ? 'edit-result edit-ends-at-hint' : 'edit-ends-at-hint');
    };
    /** Whether the result line says what was wrong with the planned end (see `endWrong`). */
    let endBlamed = false;
    endsAt.addEventListener('input', () => {
      blameEnd(false);
      // Put right: "That time has passed" no longer holds, so it no longer shows.
      if (endBlamed && !endsAt.validity.badInput && plannedEndProblem(endsAt, event.createdAt) === null) {
        endBlamed = false;
        result.className = 'edit-result';
        say(result, '');
      }
    });
    /** Says what is wrong with the planned end on the result line, and marks the field. */
    const endWrong = (words: string) => {
      blameEnd(true);
      endBlamed = true;
      result.className = 'edit-result form-error';
      say(result, words);
      endsAt.focus();
    };
    /** The planned end the form holds: as drawn while it is half typed (a save stops at it first). */
    const plannedEnd = () => (endsAt.validity.badInput ? event.endsAt : endsAt.value ? new Date(endsAt.value).toISOString() : null);
    const typed = (picker: ChipPicker) => tidy(picker.el.querySelector('input')?.value ?? '') !== '';
    const result = h('p', { id: 'edit-result', class: 'edit-result', attrs: { role: 'status' } });
    const save = h('button', { id: 'edit-save', class: 'btn btn-secondary', attrs: { type: 'submit' } }, 'Save changes');

    const current: Drawn = {
      base: event,
      values: () => ({ name: tidy(name.value), topics: topics.values(), spots: spots.values(), endsAt: plannedEnd() }),
      edits() {
        const now = this.values();
        const patch: EventUpdatePayload = {};
        for (const f of FIELDS) if (!same(event, now, f)) Object.assign(patch, { [f]: now[f] });
        return patch;
      },
      dirty() {
        return Object.keys(this.edits()).length > 0 || typed(topics) || typed(spots) || endsAt.validity.badInput;
      },
    };
    drawn = current;

    /** Why the server refused the planned end, in the organiser's words rather than the field's. */
    function refusedEnd(patch: EventUpdatePayload, message: string): string {
      // Refusing to clear, the server speaks of the planned end already (organiser.ts).
      if (patch.endsAt === null) return message;
      return plannedEndProblem(endsAt, event.createdAt) ?? clockOffWords(`no later than ${latestEndWords(event.createdAt)}`);
    }

    async function onSubmit(e: SubmitEvent) {
      e.preventDefault();
      // Whatever the result line says next is about this save.
      endBlamed = false;
      topics.commit();
      spots.commit();
      if (!tidy(name.value)) {
        result.className = 'edit-result form-error';
        say(result, 'The event needs a name.');
        return;
      }
      const patch = current.edits();
      // Checked only when changed: a planned end the evening has run past may stay as it is.
      const endProblem = 'endsAt' in patch || endsAt.validity.badInput ? plannedEndProblem(endsAt, event.createdAt) : null;
      blameEnd(endProblem !== null);
      if (endProblem) {
        endWrong(endProblem);
        return;
      }
      if (Object.keys(patch).length === 0) {
        // Nothing of ours to send; if the server moved on, its version is the one to show.
        const shown = latest ? build(latest) : result;
        shown.className = 'edit-result';
        say(shown, 'No changes to save.');
        showStale();
        return;
      }
      if (known && !(await soonerAgreed(known, deletesAt, patch.endsAt))) {
        endsAt.focus();
        return;
      }
      const restoreFocus = holdFocus(save);
      save.disabled = true;
      const ack = await actions.update(patch);
      save.disabled = false;
      if (ack.ok) {
        build(ack.event).replaceChildren(icon('✓ '), 'Saved');
        showStale();
        // The form was drawn afresh: the focus goes to the new Save button.
        restoreFocus(document.getElementById('edit-save'));
      } else if (ack.error.issues?.some((issue) => issue.path === 'endsAt')) {
        // The planned end refused (this laptop's clock may be off): said and marked as a check here would.
        endWrong(refusedEnd(patch, ack.error.message));
      } else {
        result.className = 'edit-result form-error';
        say(result, ack.error.message);
        connectionError = unreachable(ack) ? result : null;
        restoreFocus();
      }
    }

    const form = h(
      'form',
      {
        class: 'form edit-form',
        attrs: { novalidate: true },
        // What the organiser has changed decides what the stale notice says.
        on: { submit: (e) => void onSubmit(e), input: () => showStale(), click: () => showStale() },
      },
      h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: 'edit-name' } }, 'Event name'), name),
      topics.el,
      spots.el,
      h(
        'div',
        { class: 'field' },
        h('label', { class: 'field-label', attrs: { for: 'edit-ends-at' } }, 'Planned end ', h('span', { class: 'field-count' }, '(optional)')),
        endsAt,
        (hint = h('p', { id: 'edit-ends-at-hint', class: 'field-hint' }, endsAtHint(event, deletesAt, Date.now(), freshFor(event)))),
      ),
      h('div', { class: 'edit-actions' }, save, result),
    );
    fill(body, stale, form);
    if (focusedId) document.getElementById(focusedId)?.focus();
    return result;
  }

  /** Says what changed elsewhere under the form, and what a save would do about it. */
  function showStale() {
    const theirs = drawn && latest ? changedElsewhere(drawn.base, latest, drawn.values()) : [];
    const edits = drawn?.edits() ?? {};
    const both = theirs.filter((f) => f in edits);
    const key = latest ? JSON.stringify([editable(latest), theirs, both]) : '';
    if (key === staleKey) return;
    staleKey = key;
    stale.hidden = theirs.length === 0;
    if (!latest || theirs.length === 0) {
      stale.replaceChildren();
      return;
    }
    const next = latest;
    const takeTheirs = () => {
      build(next);
      showStale();
      document.getElementById('edit-name')?.focus();
    };
    fill(
      stale,
      h(
        'p',
        null,
        `Someone else changed the ${fieldNouns(theirs)} while you were editing. `,
        both.length > 0
          ? `Saving replaces their ${fieldNouns(both)} with yours.`
          : 'Saving sends only your changes and keeps theirs.',
      ),
      h('button', { class: 'btn btn-small btn-secondary', attrs: { type: 'button' }, on: { click: takeTheirs } }, 'Discard mine, show theirs'),
    );
  }

  return {
    el,
    update(m) {
      if (back(m) && connectionError) {
        connectionError.className = 'edit-result';
        say(connectionError, '');
        connectionError = null;
      }
      deletesAt = m.stats?.deletesAt ?? null;
      if (m.event && endSeen !== undefined && m.event.endsAt !== endSeen) fresh = false;
      else if (m.stats && m.stats !== figuresSeen) fresh = true;
      figuresSeen = m.stats;
      if (m.event) endSeen = m.event.endsAt;
      if (!m.event) return;
      const ending = m.event.status === 'ended' && known !== null && known.status !== 'ended';
      known = m.event;
      el.hidden = m.event.status === 'ended';
      // The card goes with the end (from here or another laptop), and unsaved changes with it:
      // say so, as a save refused for the end does. After this update: the notice redraws the page.
      if (ending && drawn?.dirty()) {
        queueMicrotask(() => actions.notify({ text: CHANGES_AFTER_END, tone: 'warn' }));
      }
      if (!drawn || !drawn.dirty()) {
        // Nothing of the organiser's in the form: show the news (a no-op when it is not news).
        if (!drawn || editable(m.event) !== editable(drawn.base)) build(m.event);
      } else {
        // Theirs to keep: only note the news, or forget it if it went back to the form's version.
        latest = editable(m.event) === editable(drawn.base) ? null : m.event;
      }
      showStale();
      showHint();
    },
  };
}
