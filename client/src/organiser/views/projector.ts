import type { Event } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import { lengthOf } from '../../shared/limits';
import { whenItWas } from '../../shared/time';
import { keepScreenOn } from '../../shared/wake-lock';
import type { Model } from '../model';
import { setText } from './part';
import { knownAt } from './stale';

/** The projector view, opened over the dashboard. */
export interface Projector {
  /** Shows the poster; `opener` gets the focus back when it closes. */
  open(opener?: HTMLElement): void;
  close(): void;
  update(model: Model): void;
}

/**
 * How long the event's name is, for the title's size: a short name is the poster's headline, a
 * long one (up to 80 characters) is set smaller, so that it and the QR code, the code and the
 * count all fit on the screen. The CSS also stops the title at a few lines, whatever the font.
 */
function nameLength(name: string): 'short' | 'medium' | 'long' {
  const n = lengthOf(name);
  return n <= 28 ? 'short' : n <= 50 ? 'medium' : 'long';
}

/** The host people type: the server's PUBLIC_URL when it told us, else this page's. */
function joinHost(joinUrl: string | null): string {
  try {
    return joinUrl ? new URL(joinUrl).host : location.host;
  } catch {
    return location.host;
  }
}

/**
 * A full-screen poster for the projector: the QR code as big as the screen allows, the site
 * and code typed out, and a live "42 people mingling". It fills the window always, and
 * the screen too where the Fullscreen API exists. Esc or the Exit button closes it.
 *
 * While it shows, the screen is kept on (shared/wake-lock.ts), where the browser allows it.
 *
 * It is a modal dialog: while it shows, everything else on the page is `inert`, so Tab and a
 * screen reader stay on the poster, and closing it puts the focus back where it came from.
 * A `<dialog>` with `showModal()` would do the same, but its top layer fights with the
 * Fullscreen API's over which is on top.
 *
 * Once the event has ended the QR code and join link go: joining would be refused, and a
 * room scanning a code that leads nowhere is worse than a thank-you.
 *
 * The counter uses `attendees` (everyone who joined), not `online`: phones sleep in pockets,
 * and a number that dips while the room fills up would undersell the evening. While the
 * dashboard's connection is lost the count is greyed, as the dashboard's figures are, and a line
 * under it says when it was last known (views/stale.ts): a poster left up would otherwise show
 * an old count as live all evening.
 */
export function projector(): Projector {
  const title = h('h2', { class: 'projector-title' });
  const qr = h('img', { class: 'projector-qr', attrs: { alt: '' } });
  // Asked for offline (a dashboard reloaded with the Wi-Fi down: the API is never served from the
  // cache), the drawing fails; the link does not change when the connection is back, so it is
  // asked for again then (see update).
  // Meanwhile the room sees a note in its place, not the browser's broken-image icon.
  let qrFailed = false;
  const qrWaiting = h(
    'p',
    { class: 'projector-qr-waiting', data: { projectorQrWaiting: '' }, attrs: { hidden: true } },
    'The QR code will be back in a moment.',
  );
  const showQr = (drawn: boolean) => {
    qrFailed = !drawn;
    qr.hidden = !drawn;
    qrWaiting.hidden = drawn;
  };
  qr.addEventListener('error', () => showQr(false));
  qr.addEventListener('load', () => showQr(true));
  const link = h('p', { class: 'projector-link', data: { projectorLink: '' } });
  const code = h('p', { class: 'projector-code', data: { projectorCode: '' } });
  const count = h('span', { class: 'projector-count-value', data: { projectorCount: '' } }, '0');
  const countWord = h('span', null, ' people mingling');
  const countLine = h('p', { class: 'projector-count' }, count, countWord);
  const stale = h('p', { class: 'projector-stale', data: { projectorStale: '' }, attrs: { hidden: true } });
  const paused = h('p', { class: 'projector-paused', attrs: { hidden: true } }, 'Matching is paused, back soon');
  const ended = h('p', { class: 'projector-ended', data: { projectorEnded: '' }, attrs: { hidden: true } }, "That's a wrap — thanks for coming!");
  const exit = h('button', { class: 'projector-exit', attrs: { type: 'button' }, on: { click: () => close() } }, 'Exit projector (Esc)');
  const qrSide = h('div', { class: 'projector-qr-side' }, h('p', { class: 'projector-kicker' }, 'Scan to find someone to chat to'), qr, qrWaiting);
  const howToJoin = h(
    'div',
    { class: 'projector-join' },
    h('p', { class: 'projector-or' }, 'No camera? Go to'),
    link,
    h('p', { class: 'projector-or' }, 'and enter the code'),
    code,
  );

  const el = h(
    'div',
    { class: 'projector', data: { projector: '' }, attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Projector view', hidden: true } },
    exit,
    qrSide,
    h(
      'div',
      { class: 'projector-text' },
      h('p', { class: 'projector-brand' }, h('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }), 'Mingle'),
      title,
      howToJoin,
      ended,
      countLine,
      stale,
      paused,
    ),
  );
  document.body.append(el);
  /** The join link the QR code and the address were drawn for. */
  let shownLink = '';
  let isEnded = false;
  /** Where the focus goes back to on close. */
  let returnFocus: HTMLElement | null = null;
  /** The page's other parts this poster made inert, to give back exactly those. */
  let madeInert: HTMLElement[] = [];
  /**
   * Lets the screen go dark again. A laptop left untouched dims and then blanks its display after
   * a few minutes, and the room's QR code with it: while the poster is up, the screen stays on.
   */
  let letScreenSleep = () => {};

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
  };
  // Leaving full screen (Esc there is the browser's) leaves the projector view too.
  const onFullscreenChange = () => {
    if (!document.fullscreenElement) close();
  };

  function open(opener?: HTMLElement) {
    if (!el.hidden) return;
    returnFocus = opener ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    madeInert = [...document.body.children].filter((c): c is HTMLElement => c instanceof HTMLElement && c !== el && !c.inert);
    for (const c of madeInert) c.inert = true;
    el.hidden = false;
    letScreenSleep = keepScreenOn();
    document.body.classList.add('projecting');
    document.addEventListener('keydown', onKey);
    if (document.fullscreenEnabled && el.requestFullscreen) {
      el.requestFullscreen({ navigationUI: 'hide' }).then(
        () => document.addEventListener('fullscreenchange', onFullscreenChange),
        () => {}, // refused (no user gesture, or an iframe): the full-window layout still works
      );
    }
    exit.focus();
  }

  function close() {
    if (el.hidden) return;
    el.hidden = true;
    letScreenSleep();
    letScreenSleep = () => {};
    for (const c of madeInert) c.inert = false;
    madeInert = [];
    document.body.classList.remove('projecting');
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('fullscreenchange', onFullscreenChange);
    // Back to the Projector button, as a keyboard user expects (WAI-ARIA dialog pattern). While
    // the poster is still full screen the browser keeps the focus in it, so again once it is not.
    const back = returnFocus;
    returnFocus = null;
    const refocus = () => {
      if (back?.isConnected && el.hidden) back.focus();
    };
    refocus();
    if (document.fullscreenElement) void document.exitFullscreen().then(refocus, refocus);
  }

  function showEvent(event: Event, joinUrl: string | null) {
    setText(title, event.name);
    title.dataset.length = nameLength(event.name);
    const host = joinHost(joinUrl);
    // By the join link, not the code alone: restarted with PUBLIC_URL set (as the dashboard asks
    // when the link names localhost), the server gives a new one, which the room must be shown.
    const joinLink = joinUrl ?? `${host}/e/${event.code}`;
    if (joinLink !== shownLink) {
      shownLink = joinLink;
      // The link in the image's address, which the server does not read: a browser keeps an image
      // by its address, and would go on showing the old drawing.
      qr.src = `/api/events/${encodeURIComponent(event.code)}/qr.svg?for=${encodeURIComponent(joinLink)}`;
      qr.alt = `QR code linking to ${host}/e/${event.code}`;
      // The site itself, whose home page has a box for the code: short to copy down, and the
      // code is said once. (The QR code holds the /e/CODE link, which needs no typing.)
      setText(link, host);
      setText(code, event.code);
    }
    isEnded = event.status === 'ended';
    el.dataset.status = event.status;
    qrSide.hidden = isEnded;
    howToJoin.hidden = isEnded;
    ended.hidden = !isEnded;
    paused.hidden = event.status !== 'paused';
  }

  return {
    open,
    close,
    update(m) {
      if (m.event) showEvent(m.event, m.joinUrl);
      if (qrFailed && m.connection === 'online') {
        qrFailed = false;
        qr.setAttribute('src', qr.getAttribute('src') ?? '');
      }
      // Before the first figures, no count: "Be the first to join!" might be untrue.
      countLine.hidden = !m.stats;
      const n = m.stats?.attendees ?? 0;
      // At doors-open, an invitation rather than "0 people mingling".
      const first = n === 0 && !isEnded;
      count.hidden = first;
      setText(count, String(n));
      const people = n === 1 ? ' person' : ' people';
      const when = isEnded ? whenItWas(m.event?.endsAt ?? null) : null;
      setText(countWord, first ? 'Be the first to join!' : people + (isEnded ? ` mingled${when ? ` ${when}` : ''}` : ' mingling'));
      const at = knownAt(m);
      countLine.toggleAttribute('data-stale', at !== null);
      stale.hidden = at === null;
      setText(stale, at === null ? '' : `Last known at ${at} · reconnecting…`);
    },
  };
}
