import type { Match } from '../../../../shared/schemas';
import { closeOnBack } from '../../shared/back-closes';
import { h, listOfNames } from '../../shared/dom';
import { say } from '../../shared/live-region';
import { keepScreenOn } from '../../shared/wake-lock';

let open: { matchId: string; el: HTMLElement; news: HTMLElement; release: () => void; returnFocus: Element | null } | null = null;

/**
 * The beacon, full screen: the match's colour, its emoji, big, so two people can find each other
 * by holding up their phones, and the names they are looking for, so that nobody has to tell
 * colours apart to find the right phone. Any tap closes it, and so do Esc, Enter, Space and Back.
 *
 * It is a modal dialog: while it shows, the rest of the page is `inert` (as the organiser's
 * projector view is), so Tab and a screen reader cannot wander to the screen behind it. What the
 * page would say meanwhile is said from inside it instead (see {@link sayOverBeacon}).
 */
export function showBeacon(match: Match): void {
  closeBeacon();
  // Where focus goes back to on close (the beacon button), so a screen reader keeps its place.
  const returnFocus = document.activeElement;
  const { beacon } = match;
  // On the page before any words arrive, as a live region must be; out of sight: the words are
  // shown on the page behind once the beacon is put down.
  const news = h('p', { class: 'sr-only', attrs: { role: 'status' }, data: { beaconNews: '' } });
  const el = h(
    'div',
    {
      class: 'beacon-overlay',
      attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': `Beacon: ${beacon.colorName} ${beacon.emoji}`, tabindex: -1 },
      data: { beaconOverlay: '' },
      on: { click: () => closeBeacon() },
    },
    h('span', { class: 'beacon-overlay-emoji', attrs: { 'aria-hidden': 'true' } }, beacon.emoji),
    h('p', { class: 'beacon-overlay-text' }, `Hold up your phone — look for the ${beacon.colorName} ${beacon.emoji}`),
    h('p', { class: 'beacon-overlay-names', data: { beaconNames: '' } }, `Meeting ${listOfNames(match.partners.map((p) => p.name))}`),
    h('p', { class: 'beacon-overlay-hint' }, 'Tap anywhere to close'),
    news,
  );
  el.style.backgroundColor = beacon.color;
  el.style.color = isDark(beacon.color) ? '#ffffff' : '#111111';
  const onKey = (e: KeyboardEvent) => {
    // The whole screen is its close button: the keys that press a button close it too.
    if (e.key === 'Escape' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      closeBeacon();
    }
    // Nothing in it takes focus but itself: Tab stays here rather than leaving the page.
    if (e.key === 'Tab') {
      e.preventDefault();
      el.focus();
    }
  };
  document.addEventListener('keydown', onKey);
  // The screen stays on while the beacon is held up.
  const letScreenSleep = keepScreenOn();
  // The page's other parts this overlay made inert, to give back exactly those.
  const madeInert = [...document.body.children].filter((c): c is HTMLElement => c instanceof HTMLElement && !c.inert);
  for (const c of madeInert) c.inert = true;
  document.body.appendChild(el);
  el.focus();
  // The phone's Back puts it down too, rather than leaving the page.
  const releaseBack = closeOnBack(() => closeBeacon());
  open = {
    matchId: match.id,
    el,
    news,
    returnFocus,
    release: () => {
      releaseBack();
      document.removeEventListener('keydown', onKey);
      for (const c of madeInert) c.inert = false;
      letScreenSleep();
    },
  };
}

export function closeBeacon(): void {
  if (!open) return;
  open.release();
  open.el.remove();
  const back = open.returnFocus;
  open = null;
  if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
}

/**
 * Says `text` to screen readers while the beacon is up: the rest of the page is inert then, and
 * its live regions (a notice, an announcement) go unheard. Nothing happens when it is down.
 */
export function sayOverBeacon(text: string): void {
  if (open) say(open.news, text);
}

/** Closes the beacon if its match is no longer the current one. */
export function closeBeaconUnless(matchId: string | null): void {
  if (open && open.matchId !== matchId) closeBeacon();
}

/** Relative luminance below the point where white text reads better than black. */
function isDark(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.179;
}
