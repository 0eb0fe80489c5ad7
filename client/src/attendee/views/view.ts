import { h, type Child } from '../../shared/dom';
import type { Model } from '../model';

/** A rendered screen. `update` patches small live parts (like the queue count) in place. */
export interface View {
  el: HTMLElement;
  update?(model: Model): void;
}

/** A screen: a section with a heading the renderer focuses when the screen changes. */
export function screen(name: string, heading: Child, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: `view view-${name}`, data: { view: name } },
    h('h1', { class: 'view-title', attrs: { tabindex: -1 } }, heading),
    ...children,
  );
}

export type ButtonStyle = 'primary' | 'secondary' | 'quiet';

/**
 * How long a new screen's controls ignore taps. The action bar keeps its place from one screen
 * to the next and the server answers in milliseconds, so the second tap of a double tap would
 * otherwise land on the next screen's button in the same spot ("We found each other", then
 * "Find someone new").
 */
export const SETTLE_MS = 500;
let settleTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The hold in force: SETTLE_MS, or a shorter one a test harness gave the page as
 * `window.mingleSettleMs`, read at each new screen. The browser tests go through thousands of
 * new screens and wait out each hold before they tap, so they set 50 ms (`newDevice` in
 * test/helpers/browser.ts); the test of the hold itself deletes it to get SETTLE_MS back. Only
 * ever shorter: nothing can make a screen ignore taps for longer.
 */
function settleMs(): number {
  const given = (window as { mingleSettleMs?: unknown }).mingleSettleMs;
  return typeof given === 'number' && given >= 0 && given < SETTLE_MS ? given : SETTLE_MS;
}

/**
 * Called by the renderer when it shows a different screen: for SETTLE_MS (see `settleMs`) its
 * controls let taps fall through (`.app.settling` in attendee.css). Keys and screen readers are
 * not held up: focus moves to the new heading, so nothing is pressed by accident that way.
 */
export function settle(app: HTMLElement): void {
  app.classList.add('settling');
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => app.classList.remove('settling'), settleMs());
}

/** A big, thumb-sized action button; disabled while any action is in flight. */
export function actionButton(label: string, onTap: () => void, style: ButtonStyle = 'primary', disabled = false) {
  return h(
    'button',
    {
      // A stable id: when fresh data rebuilds the screen, the renderer puts focus back by id.
      id: `action-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
      class: `btn btn-${style}`,
      attrs: { type: 'button', disabled },
      data: { action: label },
      on: { click: onTap },
    },
    label,
  );
}

/** A row of static chips, such as shared topics. */
export function chipRow(items: readonly string[]) {
  return h('ul', { class: 'chips chips-static' }, ...items.map((item) => h('li', { class: 'chip' }, item)));
}

/** A sticky block of actions at the bottom, within reach of a thumb. */
export function actionBar(...buttons: Child[]) {
  return h('div', { class: 'action-bar' }, ...buttons);
}

/** "1 other person", "3 other people". */
export function people(n: number, other = false): string {
  const adj = other ? 'other ' : '';
  return n === 1 ? `1 ${adj}person` : `${n} ${adj}people`;
}
