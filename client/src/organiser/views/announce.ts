import { cleanLines } from '../../../../shared/clean';
import { h } from '../../shared/dom';
import { LIMITS, lengthOf, limitLength } from '../../shared/limits';
import { say } from '../../shared/live-region';
import { dayAndTime, hhmm } from '../../shared/time';
import type { Actions } from '../model';
import { ackError } from './ack-error';
import { holdFocus } from './focus';
import { card, type Part } from './part';

const MAX_LENGTH = LIMITS.announcement;

/**
 * A short message that pops up as a banner on every phone at the event. Still there once the event
 * has ended: what the organisers say then (drinks next door, where the slides are) is shown on the
 * phones' thank-you screen, and the card says so. The end takes down the one that was up (phones
 * drop it, and the server keeps none), so the card offers nothing more to take down until the
 * next one, and says it went.
 */
export function announcer(actions: Actions): Part {
  const text = h('textarea', {
    id: 'announce-text',
    attrs: {
      rows: 3,
      placeholder: 'e.g. Talks start in 5 minutes in the main hall',
      'aria-describedby': 'announce-count',
    },
  });
  limitLength(text, MAX_LENGTH);
  // Not a live region: read with the box (aria-describedby), not after every key typed.
  const count = h('span', { id: 'announce-count', class: 'announce-count' });
  const send = h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, 'Send to every phone');
  const result = h('p', { class: 'announce-result announce-sent', attrs: { role: 'status' } });
  const error = ackError();
  const afterEnd = h(
    'p',
    { class: 'field-hint', data: { announceAfterEnd: '' }, attrs: { hidden: true } },
    'The event has ended: phones show this on their thank-you screen, also those that open it later.',
  );
  // What phones were last told, on every dashboard of the event and after a reload: a co-organiser
  // can see it went out, and nobody sends "pizza's here" twice.
  const last = h('p', { class: 'field-hint announce-last', data: { announceLast: '' }, attrs: { hidden: true } });
  // A stale "talks start in 5 minutes" would greet everyone who joins from then on.
  const withdraw = h(
    'button',
    { class: 'btn btn-secondary btn-small', data: { announceWithdraw: '' }, attrs: { type: 'button', hidden: true }, on: { click: () => void onWithdraw() } },
    'Take it down from the phones',
  );
  let connected = false;
  /** The event had ended by the last update: an end seen now takes down what was up. */
  let ended = false;
  /**
   * What this dashboard last sent (its "✓ Sent" line says it already): by its text while the ack
   * is on its way, then by when the server took it. And the event's last.
   */
  let sentHere: { message: string; at: string | null } | null = null;
  let said: { message: string; at: string } | null = null;
  const mine = (a: { message: string; at: string }) => sentHere !== null && (sentHere.at === null ? sentHere.message === a.message : sentHere.at === a.at);
  const showLast = () => {
    const shown = said !== null && !mine(said) ? said : null;
    const words = shown ? `Last sent ${dayAndTime(shown.at)}: “${shown.message}”` : '';
    if (last.textContent !== words) last.textContent = words;
    last.hidden = !shown;
    withdraw.hidden = said === null;
    withdraw.disabled = !connected || withdraw.dataset.sending === 'true';
  };

  async function onWithdraw() {
    withdraw.dataset.sending = 'true';
    showLast();
    const ack = await actions.withdrawAnnouncement();
    delete withdraw.dataset.sending;
    error.show(ack);
    if (ack.ok) {
      said = ack.event.announcement;
      sentHere = null;
      say(result, 'Taken down: phones no longer show it.', '✓');
    }
    showLast();
    // The button is gone: the box is where the next message starts.
    if (withdraw.hidden) text.focus();
  }

  const render = () => {
    // As the server will keep it: zero-width spaces alone are nothing to send.
    const blank = cleanLines(text.value) === '';
    count.textContent = `${lengthOf(text.value)} / ${MAX_LENGTH}`;
    count.classList.toggle('announce-count-near', lengthOf(text.value) > MAX_LENGTH - 30);
    send.disabled = !connected || blank || send.dataset.sending === 'true';
  };

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    // Line breaks stay, as the server keeps them: the phones show the message as laid out.
    const message = cleanLines(text.value);
    if (!message) return;
    const restoreFocus = holdFocus(send);
    send.dataset.sending = 'true';
    render();
    // Before the ack: the dashboards' update may come first, and its line would flash up.
    const before = sentHere;
    sentHere = { message, at: null };
    const ack = await actions.announce(message);
    delete send.dataset.sending;
    error.show(ack);
    if (ack.ok) text.value = '';
    sentHere = ack.ok ? { message, at: ack.event.announcement?.at ?? null } : before;
    showLast();
    // The same message sent twice in a minute is said twice.
    say(result, ack.ok ? `Sent at ${hhmm(new Date().toISOString())}: “${message}”` : '', '✓');
    render();
    // Once sent, the box is empty and the button off: the box is where the next message starts.
    restoreFocus(send.disabled ? text : send);
  }

  text.addEventListener('input', render);
  render();
  const form = h(
    'form',
    { class: 'announce', on: { submit: (e) => void onSubmit(e) } },
    h('label', { class: 'field-label', attrs: { for: 'announce-text' } }, 'Message'),
    afterEnd,
    text,
    h('div', { class: 'announce-row' }, count, send),
    result,
    last,
    withdraw,
    error.el,
  );
  const el = card('announce', 'Announce', form);
  return {
    el,
    update(m) {
      afterEnd.hidden = m.event?.status !== 'ended';
      const before = said;
      said = m.event?.announcement ?? null;
      // Taken down with the end, here or on another dashboard: phones no longer show it either.
      if (before && !said && m.event?.status === 'ended' && !ended) say(result, 'Taken down with the end: phones no longer show it.', '✓');
      // Taken down from another dashboard: this one's "✓ Sent" is news no longer.
      else if (!said && result.textContent?.startsWith('✓ Sent')) say(result, '');
      ended = m.event?.status === 'ended';
      connected = m.connection === 'online' && m.event !== null;
      showLast();
      error.update(m);
      render();
    },
  };
}
