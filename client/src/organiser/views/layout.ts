import { h } from '../../shared/dom';

/**
 * Where the dashboard turns from two columns into one flow of cards. Keep it equal to the
 * breakpoint in styles/organiser.css.
 */
export const ONE_FLOW = '(max-width: 1100px)';

/** The pieces of the dashboard, each in the place it has on a laptop. */
export interface DashboardPieces {
  /** Above everything, across the page: say, that the connection is lost. */
  top: HTMLElement[];
  /** The big live numbers, across the top. */
  now: HTMLElement;
  /** People, reports and charts: the left column. */
  main: HTMLElement[];
  /** What an organiser reaches for mid-event (Pause, End, Announce): top of the right column. */
  controls: HTMLElement[];
  /** The rest of the right column, under the controls. */
  more: HTMLElement[];
  /** Anything after, out of the flow (say, a status region for screen readers). */
  after: HTMLElement[];
}

/**
 * Lays out the dashboard and keeps its order in the page the order it is seen in, since Tab and
 * screen readers follow the page's order, not CSS's (WCAG 2.4.3). On a laptop the main column is
 * on the left and comes first; in one flow the controls are drawn above it, so there they come
 * first in the page too: they are moved ahead of the main column as the window crosses the
 * breakpoint. The Controls landmark holds just those; the rest of the right column is plain.
 */
export function dashboardLayout(p: DashboardPieces): HTMLElement {
  const main = h('div', { class: 'dash-main' }, ...p.main);
  const controls = h('aside', { class: 'dash-side', attrs: { 'aria-label': 'Controls' } }, ...p.controls);
  const more = h('div', { class: 'dash-more' }, ...p.more);
  const el = h('div', { class: 'dash-layout', data: { dashboard: '' } }, ...p.top, p.now, main, controls, more, ...p.after);

  const query = matchMedia(ONE_FLOW);
  const place = () => {
    const first = query.matches ? controls : main;
    if (p.now.nextElementSibling === first) return;
    keepFocus(first, () => p.now.after(first));
  };
  place();
  // A sign-in screen replaces the dashboard (render.ts builds a new one after): the one it
  // replaced stops following the window at the next change, rather than stay in memory with it.
  const follow = () => (el.isConnected ? place() : query.removeEventListener('change', follow));
  query.addEventListener('change', follow);
  return el;
}

/**
 * Runs `move`, which takes `moved` out of the page and puts it back elsewhere. The focus (and a
 * text box's selection) inside it would be lost on the way, throwing a keyboard user back to the
 * top of the page: put them back.
 */
function keepFocus(moved: HTMLElement, move: () => void): void {
  const active = document.activeElement;
  const held = active instanceof HTMLElement && moved.contains(active) ? active : null;
  const box = held instanceof HTMLTextAreaElement || held instanceof HTMLInputElement ? held : null;
  const selection = box && { start: box.selectionStart, end: box.selectionEnd, direction: box.selectionDirection ?? undefined };
  move();
  if (!held) return;
  held.focus({ preventScroll: true });
  if (box && selection && selection.start !== null && selection.end !== null) box.setSelectionRange(selection.start, selection.end, selection.direction);
}
