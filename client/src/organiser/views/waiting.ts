import type { Stats } from '../../../../shared/schemas';
import { fill, h, icon, iconLabel } from '../../shared/dom';
import { isolateRtl } from '../../../../shared/list';
import { clock } from '../format';
import type { Actions, Model } from '../model';
import { ackError } from './ack-error';
import { confirmAction } from './confirm';
import { rowFocus } from './focus';
import { card, FIGURES_LOADING, setText, whenChanged, type Part } from './part';
import { knownAt } from './stale';

/** Past this wait a row turns amber and says "Long wait": time for a host to walk over. */
const LONG_WAIT_MS = 90_000;

/**
 * Under this wait a row is quiet and says "Just started": in a busy room most people are matched
 * within seconds, and a host who walked over to them would find them gone.
 */
export const SHORT_WAIT_MS = 30_000;

/**
 * How a wait reads: its row's class and the word for it (colour alone is lost to many). While
 * matching is paused no wait is long: nobody is matched however long they wait, as the organiser
 * chose, and a row turning amber would send a host over to someone with nothing wrong.
 */
function tier(ms: number, paused: boolean): { long: boolean; short: boolean; flag: string } {
  const long = !paused && ms >= LONG_WAIT_MS;
  const short = ms < SHORT_WAIT_MS;
  return { long, short, flag: long ? 'Long wait' : short ? 'Just started' : '' };
}

type Waiter = Stats['longestWaiting'][number];

/**
 * Who has been looking for a match longest, with a ticking clock and how to spot them, so a
 * host can go and say hello. Only people with their phone here are listed (the server leaves
 * out the rest), so a host never walks over to nobody. Those who only just started looking are
 * listed quietly, and when nobody has waited long the card says so: the host is not needed.
 * While matching is paused no row is flagged as a long wait, the card says why they wait, and
 * the clocks stand still: a wait counts only while people can be matched, so after a resume
 * nobody turns amber for the pause.
 * While the connection is lost the clocks stop, as of when the server was last heard, and the
 * card says they did: someone shown may have been matched since. Removing someone is there, but
 * small and behind a confirmation. Once the event has ended nobody can look, and the card goes.
 */
export function waitingLongest(actions: Actions): Part {
  const list = h('ol', { class: 'waiting-list' });
  // Focusable from script only: where the focus goes when the last person listed is removed.
  const empty = h('p', { class: 'waiting-empty', attrs: { tabindex: -1 } }, FIGURES_LOADING);
  const calm = h('p', { class: 'waiting-calm', data: { waitingCalm: '' }, attrs: { hidden: true } });
  const stale = h('p', { class: 'waiting-stale', data: { waitingStale: '' }, attrs: { hidden: true } });
  const error = ackError();
  const el = card(
    'waiting',
    // The space goes with the hidden wave, so the card's name ends on its words.
    h('span', null, 'Waiting longest ', h('span', { class: 'card-title-sub' }, '— go and say hello', icon(' 👋'))),
    stale,
    calm,
    list,
    empty,
    error.el,
  );
  let rows: { waiter: Waiter; time: HTMLElement; flag: HTMLElement; row: HTMLElement }[] = [];
  const focus = rowFocus(list, empty, (row) => row.dataset.attendeeId ?? '');
  let received = 0;
  /** Set while the connection is lost: the clocks show the waits as of then, and stand still. */
  let frozenAt: number | null = null;
  /** While matching is paused nobody is matched, however short their wait. */
  let paused = false;
  /** The figures say matching is paused: their waits are as of the pause, and none grows. */
  let stopped = false;
  /**
   * The last pause this page saw happen (its clock; `to` null while it lasts): figures worked out
   * before the news reached it (a big event's come every few seconds) stop, or start, their
   * clocks then.
   */
  let seenPause: { from: number; to: number | null } | null = null;
  let resumedSeen = 0;
  let seenEvent = false;

  /** How long each wait has grown since the figures came. */
  const grown = (): number => {
    const end = frozenAt ?? Date.now();
    // As of the pause: nothing until the resume.
    if (stopped) return paused ? 0 : Math.max(0, end - Math.max(received, resumedSeen));
    // Running: but not through a pause heard of since.
    const held = seenPause ? Math.max(0, Math.min(end, seenPause.to ?? end) - Math.max(received, seenPause.from)) : 0;
    return Math.max(0, end - received - held);
  };

  const tick = () => {
    const since = grown();
    let waitedLong = false;
    for (const { waiter, time, flag, row } of rows) {
      const ms = waiter.waitingMs + since;
      const { long, short, flag: words } = tier(ms, paused);
      setText(time, clock(ms));
      setText(flag, words);
      row.classList.toggle('waiting-long', long);
      row.classList.toggle('waiting-short', short);
      waitedLong ||= !short;
    }
    calm.hidden = rows.length === 0 || (waitedLong && !paused);
    const pausedWords = 'matching is paused, so nobody is matched until you resume it';
    const usually = paused ? pausedWords : 'they are usually matched in moments';
    const words =
      (waitedLong
        ? `These waits are to be expected: ${pausedWords}.`
        : `Nobody has waited more than ${SHORT_WAIT_MS / 1000} seconds: ${usually}.`) +
      (paused && (stopped || seenPause?.to === null) ? ' Their clocks stand still until then.' : '');
    setText(calm, calm.hidden ? '' : words);
  };

  async function remove(waiter: Waiter) {
    const refocus = focus.hold(waiter.id);
    const ok = await confirmAction({
      title: `Remove ${isolateRtl(waiter.name)}?`,
      body:
        `${isolateRtl(waiter.name)} leaves the event at once: out of the queue and any match, and their phone is signed out. ` +
        "Their phone won't let them back in, though they could join again from another phone or browser.",
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
        const flag = h('span', { class: 'waiting-flag' });
        const row = h(
          'li',
          { class: 'waiting-row', data: { attendeeId: waiter.id } },
          // In words as well as amber or grey: colour alone is lost to colour-blind hosts, to
          // Windows' high-contrast themes and to screen readers.
          h('div', { class: 'waiting-when' }, time, flag),
          h(
            'div',
            { class: 'waiting-who' },
            // <bdi>: a right-to-left name cannot reorder the text around it.
            h('bdi', { class: 'waiting-name', data: { waitingName: '' } }, waiter.name),
            h('span', { class: 'waiting-look' }, waiter.lookFor ? iconLabel('👀', waiter.lookFor, 'How to spot them:') : 'No description given'),
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
        return { waiter, time, flag, row };
      });
      fill(list, ...rows.map((r) => r.row));
      empty.hidden = waiters.length > 0;
    }),
  );
  /** With nobody listed, everyone looking has their phone away. */
  const away = (m: Model) => (m.stats?.longestWaiting.length ? 0 : (m.stats?.looking ?? 0));
  /** When the list is empty, says whether anyone is in the queue with their phone away. */
  const emptyWords = (m: Model): string => {
    if (!m.stats) return FIGURES_LOADING;
    const n = away(m);
    if (n === 0) return 'Nobody is waiting right now.';
    return `Nobody with their phone here is waiting. ${n === 1 ? '1 person is' : `${n} people are`} in the queue with their phone away; they are matched once it is back.`;
  };

  const timer = setInterval(() => (el.isConnected ? tick() : clearInterval(timer)), 1000);
  return {
    el,
    update(m) {
      el.hidden = m.event?.status === 'ended';
      const nowPaused = m.event?.status === 'paused';
      // A pause seen as it happens, not one found on opening: one from before the server kept
      // pausedAt has waits that run on, and figures that say so.
      if (nowPaused && !paused && seenEvent) seenPause = { from: Date.now(), to: null };
      if (!nowPaused && paused) {
        resumedSeen = Date.now();
        if (seenPause) seenPause.to = resumedSeen;
      }
      seenEvent ||= m.event !== null;
      paused = nowPaused;
      stopped = m.stats?.waitsPaused ?? false;
      draw(m);
      setText(empty, emptyWords(m));
      error.update(m);
      // The figures are as of their arrival; the clock runs on from there.
      const byId = new Map((m.stats?.longestWaiting ?? []).map((w) => [w.id, w]));
      rows = rows.map((r) => ({ ...r, waiter: byId.get(r.waiter.id) ?? r.waiter }));
      received = m.statsReceivedAt;
      frozenAt = m.lostAt;
      const at = knownAt(m);
      stale.hidden = at === null;
      setText(stale, at === null ? '' : `Clocks stopped at ${at}, when the connection was lost: some of these people may have been matched since.`);
      tick();
    },
  };
}
