import { h, type Child } from '../../shared/dom';
import type { Model } from '../model';

/** A piece of the dashboard: built once, then `update` patches it from each new model. */
export interface Part {
  el: HTMLElement;
  update(model: Model): void;
}

/**
 * What a card that lists or charts the figures says before the first have come from the server:
 * its words for none ("Nobody is waiting right now.") would be a claim nobody has checked yet.
 */
export const FIGURES_LOADING = 'Loading the figures…';

/** A titled card. */
export function card(name: string, title: Child, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: `card card-${name}`, data: { card: name }, attrs: { 'aria-labelledby': `${name}-title` } },
    h('h2', { id: `${name}-title`, class: 'card-title' }, title),
    ...children,
  );
}

/** Sets text only when it changed, so screen readers and selections are not disturbed. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Runs `draw` only when `key(model)` changed since the last call: cheap stats pushes that
 * leave a chart's data alone leave its DOM alone too.
 */
export function whenChanged(key: (m: Model) => string, draw: (m: Model) => void): (m: Model) => void {
  let last: string | null = null;
  return (m) => {
    const next = key(m);
    if (next === last) return;
    last = next;
    draw(m);
  };
}
