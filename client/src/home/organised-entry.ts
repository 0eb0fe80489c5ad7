import type { Event, EventStatus } from '../../../shared/schemas';
import { h } from '../shared/dom';
import { forgetEvent, loadDetails, restoreEvent, type OrganisedEvent } from '../shared/organised-events';

/** The id of the list's line saying what Forget does, which every Forget button points to. */
export const FORGET_HINT_ID = 'organised-forget-hint';
const FORGET_TITLE = "Takes it off this device's list only. It doesn't delete the event.";

const STATUS_WORDS: Record<EventStatus, string> = { open: 'Live', paused: 'Paused', ended: 'Ended' };
/** What a forget leaves on Mingle: an ended event no longer runs, but its record stays until deleted. */
const STILL_ON_MINGLE: Record<EventStatus | 'unknown', string> = {
  open: 'It still runs on Mingle.',
  paused: 'It still runs on Mingle.',
  ended: 'Mingle keeps its record until its data is deleted.',
  unknown: 'It stays on Mingle.',
};

/** One event's row, and what the list needs to place it. */
export interface OrganisedEntry {
  event: OrganisedEvent;
  /** The row on the page now: the event, or, once forgotten, the line that offers Undo. */
  el: HTMLElement;
  /** Whether the server has been asked about the token yet (rows stay hidden until then). */
  checked: boolean;
  /** As the server said; null when it could not say. */
  status: EventStatus | null;
  forgotten: boolean;
  show(answer: Event | 'unknown'): void;
}

/**
 * One event's row: named as the server says (an entry kept before names were, or renamed since),
 * or as last seen here, with its status, a way back to its dashboard, and Forget. Forget drops
 * this browser's copy at once (a reload keeps it gone) and leaves an Undo in its place, as the
 * token may be the organiser's only way back into a live event. `onChange` lets the list
 * re-place its rows after a forget or an undo.
 */
export function organisedEntry(event: OrganisedEvent, onChange: () => void): OrganisedEntry {
  let name = event.details?.name ?? 'An event you created here';
  // The name is the way in, which keeps a row two lines high: a list of a few stays short
  // enough for the join box under it to be on a laptop's first screen.
  // The dashboard finds the token saved here: it never goes in the address.
  const link = h('a', { class: 'organised-link', attrs: { href: `/organiser/${encodeURIComponent(event.eventId)}` } }, name);
  const nameEl = h('p', { class: 'organised-name' }, link);
  const badge = h('span', { class: 'organised-status', attrs: { hidden: true } });
  const code = h('strong', { data: { organisedCode: event.details?.code ?? '' } }, event.details?.code ?? '');
  const codeEl = h('p', { class: 'organised-code', attrs: { hidden: !event.details } }, 'Join code ', code);
  const note = h('p', { class: 'field-hint' });
  const forget = h(
    'button',
    { class: 'link-button organised-forget', attrs: { type: 'button', title: FORGET_TITLE, 'aria-describedby': FORGET_HINT_ID } },
    'Forget',
  );
  const row = h(
    'li',
    { class: 'organised-event', data: { organisedEvent: event.eventId } },
    h('div', { class: 'organised-about' }, h('div', { class: 'organised-top' }, nameEl, badge), codeEl, note),
    forget,
  );
  const undo = h('button', { class: 'link-button', attrs: { type: 'button' } }, 'Undo');
  const forgottenLine = h('p', null);
  const forgottenRow = h('li', { class: 'organised-forgotten' }, forgottenLine, undo);

  const named = () => {
    link.setAttribute('aria-label', `Open dashboard for ${name}`);
    forget.setAttribute('aria-label', `Forget ${name}`);
    undo.setAttribute('aria-label', `Undo forgetting ${name}`);
  };
  named();

  const entry: OrganisedEntry = {
    event,
    el: row,
    checked: false,
    status: null,
    forgotten: false,
    show(answer) {
      if (answer === 'unknown') {
        note.append(h('span', { class: 'organised-unchecked' }, "Couldn't check it with Mingle just now: its dashboard will say if it can't open."));
      } else {
        name = answer.name;
        link.textContent = name;
        code.textContent = answer.code;
        code.dataset.organisedCode = answer.code;
        codeEl.hidden = false;
        badge.textContent = STATUS_WORDS[answer.status];
        badge.dataset.status = answer.status;
        badge.hidden = false;
        row.dataset.status = answer.status;
        entry.status = answer.status;
        named();
      }
      entry.checked = true;
    },
  };

  let kept: OrganisedEvent = event;
  forget.addEventListener('click', () => {
    // As stored now: the check may have given a bare token its name since the page loaded.
    kept = { ...event, details: loadDetails(event.eventId) ?? event.details };
    forgetEvent(event.eventId);
    forgottenLine.textContent = `Forgot “${name}” on this device. ${STILL_ON_MINGLE[entry.status ?? 'unknown']}`;
    swap(forgottenRow, true);
    undo.focus();
  });
  undo.addEventListener('click', () => {
    restoreEvent(kept);
    swap(row, false);
    forget.focus();
  });
  function swap(to: HTMLElement, forgotten: boolean) {
    entry.el.replaceWith(to);
    entry.el = to;
    entry.forgotten = forgotten;
    onChange();
  }
  return entry;
}
