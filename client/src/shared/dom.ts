import { cleanText } from '../../../shared/clean';

/**
 * A tiny element builder. Text only ever reaches the page through text nodes, so a name like
 * `<img onerror=…>` shows as those characters; there is deliberately no way to pass HTML.
 */
export type Child = Node | string | number | null | undefined | false;

type Listeners = { [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };

export interface Props {
  class?: string;
  id?: string;
  /** Attributes: `true` sets an empty attribute, `false`/`undefined` leaves it out. */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** `data-*` attributes, used by tests and by views to find their parts again. */
  data?: Record<string, string>;
  on?: Listeners;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.id) el.id = props.id;
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
      if (/^on/i.test(name)) throw new Error(`Use props.on for ${name}`); // never a handler as a string
      if (value === true) el.setAttribute(name, '');
      else if (value !== false && value !== undefined) el.setAttribute(name, String(value));
    }
    for (const [name, value] of Object.entries(props.data ?? {})) el.dataset[name] = value;
    for (const [type, listener] of Object.entries(props.on ?? {})) {
      el.addEventListener(type, listener as EventListener);
    }
  }
  append(el, ...children);
  return el;
}

/** Appends children, turning strings and numbers into text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/**
 * An icon as decoration: it shows, but screen readers skip it, so a button reads "Keep in touch",
 * not "handshake Keep in touch".
 */
export function icon(emoji: string): HTMLSpanElement {
  return h('span', { attrs: { 'aria-hidden': 'true' } }, emoji);
}

/**
 * A label led by an icon, as a button or link shows it: "🤝 Keep in touch", named "Keep in
 * touch". Where the icon means something, `spoken` says it out of sight instead: "👀 red hat"
 * is read "How to spot them: red hat".
 */
export function iconLabel(emoji: string, text: Child, spoken?: string): HTMLSpanElement {
  // One span, as the text was: a flex button (.btn) lays it out as one item, spaced as before.
  // The space is hidden with the icon, or the name would start with it (" Keep in touch").
  return h('span', null, icon(`${emoji} `), spoken ? h('span', { class: 'sr-only' }, `${spoken} `) : null, text);
}

/** Replaces all of an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/**
 * The × that puts away what the live region `region` says, placed just after it, in the box the
 * page draws around both: not in it, as a status or alert is read out whole as its words change,
 * and a button in it would be read as part of the message ("…, Dismiss this message"). Named for
 * what it closes (`label`): a page may show more than one ×. Hidden until the caller shows it.
 */
export function closeButtonBeside(region: HTMLElement, label: string, onClick: () => void): HTMLButtonElement {
  const button = h('button', { class: 'notice-close', attrs: { type: 'button', 'aria-label': label, hidden: true }, on: { click: onClick } }, '×');
  region.after(button);
  return button;
}

/** Finds a required element, failing loudly if the page markup and the code disagree. */
export function must<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`Missing element ${selector}`);
  return el;
}

/** Typed text closing a sentence of ours: "blue scarf" gets its full stop (shared/sentence.ts). */
export { sentence } from '../../../shared/sentence';

/** "Ann", "Ann and Bob", "Ann, Bob and Cy" (shared/list.ts). */
export { listOf as listOfNames } from '../../../shared/list';

/**
 * Typed text as the server will store it (its own `cleanText`): white space collapsed and
 * trimmed, control and invisible characters gone, and empty if nothing visible is left. The
 * forms check lengths and emptiness on this, so they refuse what the server would, in their own words.
 */
export const tidy = cleanText;
