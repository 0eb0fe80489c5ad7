import type { OrganiserAck } from '../../../../shared/events';
import type { EventStatus } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import { pastPlannedEnd } from '../../shared/planned-end';
import { dayAndTime } from '../../shared/time';
import type { Actions } from '../model';
import { ackError } from './ack-error';
import { confirmAction } from './confirm';
import { holdFocus } from './focus';
import { card, setText, type Part } from './part';

const STATE_TEXT: Record<EventStatus, string> = {
  open: 'Matching is on. Phones can find someone to chat to.',
  paused: 'Matching is paused. Phones show “Matching is paused, back soon”; people keep their place in the queue.',
  ended: 'This event has ended. Phones show a thank-you; the numbers and exports stay here.',
};

/**
 * "…stay here until Thu 27 Nov, 21:30, when everything about the event is deleted.", in the
 * 24-hour time the charts and "Sent at" use; the time alone on the day itself.
 */
function endedText(deletesAt: string | null): string {
  if (!deletesAt) return STATE_TEXT.ended;
  const when = dayAndTime(deletesAt);
  return `This event has ended. Phones show a thank-you; the numbers and exports stay here until ${when}, when everything about the event is deleted. Download what you need before then.`;
}

/**
 * The planned end, in this laptop's local time: "Planned end: Fri 28 Nov, 22:00". It ends nothing
 * by itself (an evening running late passes it), so once passed it says so, and that everything
 * is still deleted a while after it. Without one, when everything is deleted: the event counts as
 * ending a day after it was created, which may be sooner than the organiser thinks. After the
 * end, when it ended: ending brought `endsAt` forward to that moment.
 */
function plannedEndText(status: EventStatus | null, endsAt: string | null, deletesAt: string | null, now = Date.now()): string {
  if (status === null) return '';
  if (status === 'ended') return endsAt ? `Ended at ${dayAndTime(endsAt)}` : '';
  if (endsAt === null) return deletesAt ? `No planned end: everything about the event is deleted at ${dayAndTime(deletesAt)}.` : 'No planned end';
  const when = `Planned end: ${dayAndTime(endsAt)}`;
  if (Date.parse(endsAt) > now) return when;
  return `${when}, passed. ${pastPlannedEnd(deletesAt)}`;
}

/** Pause or resume matching, and end the event; once it has ended, only what that means. */
export function matchingControls(actions: Actions): Part {
  // Focusable from script only: where the focus goes when the event has ended and both buttons are off.
  const state = h('p', { class: 'control-state', data: { controlState: '' }, attrs: { tabindex: -1 } });
  const error = ackError();
  let status: EventStatus | null = null;
  let deletesAt: string | null = null;
  let endsAt: string | null = null;
  const planned = h('p', { class: 'control-planned-end', data: { plannedEnd: '' } });
  let pending = false;
  /**
   * The figures in hand as the event ended here: their deletion time is the one from before the
   * end, which brought it forward (by a day, for an event with no planned end). Said after the
   * end, it would tell the organiser they have longer to download than they do.
   */
  let figuresBeforeEnd: unknown = null;

  const button = (control: string, style: string, label = '') =>
    h('button', { class: `btn btn-block ${style}`, attrs: { type: 'button', disabled: true }, data: { control } }, label);
  const toggle = button('toggle', 'btn-primary btn-big');
  const end = button('end', 'btn-danger-quiet', 'End event…');

  async function run(action: () => Promise<OrganiserAck>, control: HTMLButtonElement) {
    const restoreFocus = holdFocus(control);
    pending = true;
    render();
    const ack = await action();
    pending = false;
    error.show(ack);
    render();
    restoreFocus(control.disabled ? state : control);
  }

  toggle.addEventListener('click', () => void run(status === 'paused' ? actions.resume : actions.pause, toggle));
  end.addEventListener('click', async () => {
    const ok = await confirmAction({
      title: 'End the event?',
      body:
        'Matching stops for good and every phone shows a thank-you; an announcement still up is taken down. ' +
        'Current conversations carry on, but nobody new is matched. This cannot be undone. ' +
        'The numbers and exports stay here for a while after; this card will say until when.',
      confirm: 'End event',
      tone: 'danger',
    });
    if (ok) await run(actions.end, end);
  });

  function render() {
    setText(state, status === 'ended' ? endedText(deletesAt) : status ? STATE_TEXT[status] : 'Connecting…');
    setText(planned, plannedEndText(status, endsAt, deletesAt));
    state.dataset.controlState = status ?? '';
    setText(toggle, status === 'paused' ? 'Resume matching' : 'Pause matching');
    toggle.classList.toggle('btn-resume', status === 'paused');
    toggle.disabled = pending || status === null || status === 'ended';
    end.disabled = pending || status === null || status === 'ended';
    // Nothing left to pause or end: the buttons go, and the line above says what stays and till when.
    toggle.hidden = end.hidden = status === 'ended';
  }

  render();
  return {
    el: card('matching', 'Matching', state, planned, toggle, end, error.el),
    update(m) {
      const was = status;
      status = m.event?.status ?? null;
      endsAt = m.event?.endsAt ?? null;
      if (status === 'ended' && was !== null && was !== 'ended') figuresBeforeEnd = m.stats;
      // Until figures worked out since the end come, the line says what stays, not until when.
      deletesAt = status === 'ended' && m.stats === figuresBeforeEnd ? null : (m.stats?.deletesAt ?? null);
      error.update(m);
      render();
    },
  };
}
