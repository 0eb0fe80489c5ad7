import type { Stats } from '../../../../shared/schemas';
import { fill, h } from '../../shared/dom';
import { isolateRtl } from '../../../../shared/list';
import { clock } from '../format';
import type { Actions, Model } from '../model';
import { ackError } from './ack-error';
import { confirmAction } from './confirm';
import { rowFocus } from './focus';
import { card, setText, whenChanged, type Part } from './part';

/** Past this wait a row turns amber and says "Long wait": time for a host to walk over. */
const LONG_WAIT_MS = 90_000;

type Waiter = Stats['longestWaiting'][number];

/**
 * Who has been looking for a match longest, with a ticking clock and how to spot them, so a
 * host can go and say hello. Only people with their phone here are listed (the server leaves
 * out the rest), so a host never walks over to nobody. Removing someone is there, but small
 * and behind a confirmation.
 */
export function waitingLongest(actions: Actions): Part {
  const list = h('ol', { class: 'waiting-list' });
  // Focusable from script only: where the focus goes when the last person listed is removed.
  const empty = h('p', { class: 'waiting-empty', attrs: { tabindex: -1 } }, 'Nobody is waiting right now.');
  const error = ackError();
  const el = card(
    'waiting',
    h('span', null, 'Waiting longest ', h('span', { class: 'card-title-sub' }, '— go and say hello 👋')),
    list,
    empty,
    error.el,
  );
  let rows: { waiter: Waiter; time: HTMLElement; row: HTMLElement }[] = [];
  const focus = rowFocus(list, empty, (row) => row.dataset.attendeeId ?? '');
  let received = 0;

  const tick = () => {
    const since = Date.now() - received;
    for (const { waiter, time, row } of rows) {
      const ms = waiter.waitingMs + since;
      setText(time, clock(ms));
      row.classList.toggle('waiting-long', ms >= LONG_WAIT_MS);
    }
  };

  async function remove(waiter: Waiter) {
    const refocus = focus.hold(waiter.id);
    const ok = await confirmAction({
      title: `Remove ${isolateRtl(waiter.name)}?`,
      body:
        `${isolateRtl(waiter.name)} leaves the event at once: out of the queue and any match, and their phone is signed out. ` +
        'Their phone won’t let them back in, though they could join again from another phone or browser.',
      confirm: 'Remove',
      tone: 'danger',
    });
    refocus();
    if (!ok) return;
    const ack = await actions.remove(waiter.id);
    error.show(ack);
    refocus();
  }

  const draw = whenChanged(
    (m) => JSON.stringify(m.stats?.longestWaiting.map((w) => [w.id, w.name, w.lookFor]) ?? []),
    (m: Model) => focus.redraw(() => {
      const waiters = m.stats?.longestWaiting ?? [];
      rows = waiters.map((waiter) => {
        const time = h('span', { class: 'waiting-time' });
        const row = h(
          'li',
          { class: 'waiting-row', data: { attendeeId: waiter.id } },
          // In words as well as amber: colour alone is lost to colour-blind hosts, to Windows'
          // high-contrast themes and to screen readers. Shown by styles/organiser-panels.css.
          h('div', { class: 'waiting-when' }, time, h('span', { class: 'waiting-flag' }, 'Long wait')),
          h(
            'div',
            { class: 'waiting-who' },
            // <bdi>: a right-to-left name cannot reorder the text around it.
            h('bdi', { class: 'waiting-name', data: { waitingName: '' } }, waiter.name),
            h('span', { class: 'waiting-look' }, waiter.lookFor ? `👀 ${waiter.lookFor}` : 'No description given'),
          ),
          h(
            'button',
            {
              class: 'waiting-remove',
              // The title is no accessible name: without this, every button is just "Remove".
              attrs: { type: 'button', title: `Remove ${waiter.name} from the event`, 'aria-label': `Remove ${waiter.name} from the event` },
              on: { click: () => void remove(waiter) },
            },
            'Remove',
          ),
        );
        return { waiter, time, row };
      });
      fill(list, ...rows.map((r) => r.row));
      empty.hidden = waiters.length > 0;
    }),
  );
  /** With nobody listed, everyone looking has their phone away. */
  const away = (m: Model) => (m.stats?.longestWaiting.length ? 0 : (m.stats?.looking ?? 0));
  /** When the list is empty, says whether anyone is in the queue with their phone away. */
  const drawEmpty = whenChanged(
    (m) => String(away(m)),
    (m: Model) => {
      const n = away(m);
      setText(
        empty,
        n === 0
          ? 'Nobody is waiting right now.'
          : `Nobody with their phone here is waiting. ${n === 1 ? '1 person is' : `${n} people are`} in the queue with their phone away; they are matched once it is back.`,
      );
    },
  );

  const timer = setInterval(() => (el.isConnected ? tick() : clearInterval(timer)), 1000);
  return {
    el,
    update(m) {
      draw(m);
      drawEmpty(m);
      error.update(m);
      // The figures are as of their arrival; the clock runs on from there.
      const byId = new Map((m.stats?.longestWaiting ?? []).map((w) => [w.id, w]));
      rows = rows.map((r) => ({ ...r, waiter: byId.get(r.waiter.id) ?? r.waiter }));
      received = m.statsReceivedAt;
      tick();
    },
  };
}
