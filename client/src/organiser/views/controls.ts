import type { OrganiserAck } from '../../../../shared/events';
import type { EventStatus } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import type { Actions } from '../model';
import { confirmAction } from './confirm';
import { card, setText, type Part } from './part';

const STATE_TEXT: Record<EventStatus, string> = {
  open: 'Matching is on. Phones can find someone to chat to.',
  paused: 'Matching is paused. Phones show “Matching is paused, back soon”; people keep their place in the queue.',
  ended: 'This event has ended. Phones show a thank-you; the numbers and exports stay here.',
};

/** Pause or resume matching, and end the event. */
export function matchingControls(actions: Actions): Part {
  const state = h('p', { class: 'control-state', data: { controlState: '' } });
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  let status: EventStatus | null = null;
  let pending = false;

  const button = (control: string, style: string, label = '') =>
    h('button', { class: `btn btn-block ${style}`, attrs: { type: 'button', disabled: true }, data: { control } }, label);
  const toggle = button('toggle', 'btn-primary btn-big');
  const end = button('end', 'btn-danger-quiet', 'End event…');

  async function run(action: () => Promise<OrganiserAck>) {
    pending = true;
    render();
    const ack = await action();
    pending = false;
    error.textContent = ack.ok ? '' : ack.error.message;
    render();
  }

  toggle.addEventListener('click', () => void run(status === 'paused' ? actions.resume : actions.pause));
  end.addEventListener('click', async () => {
    const ok = await confirmAction({
      title: 'End the event?',
      body:
        'Matching stops for good and every phone shows a thank-you. ' +
        'Current conversations carry on, but nobody new is matched. This cannot be undone.',
      confirm: 'End event',
      tone: 'danger',
    });
    if (ok) await run(actions.end);
  });

  function render() {
    setText(state, status ? STATE_TEXT[status] : 'Connecting…');
    state.dataset.controlState = status ?? '';
    setText(toggle, status === 'paused' ? 'Resume matching' : 'Pause matching');
    toggle.classList.toggle('btn-resume', status === 'paused');
    toggle.disabled = pending || status === null || status === 'ended';
    end.disabled = pending || status === null || status === 'ended';
  }

  render();
  return {
    el: card('matching', 'Matching', state, toggle, end, error),
    update(m) {
      status = m.event?.status ?? null;
      render();
    },
  };
}
