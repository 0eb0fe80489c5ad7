import { fill, h, tidy } from './dom';
import { lengthGuide } from './length-guide';
import { clip, lengthOf } from './limits';

/** Options for a {@link chipPicker}. */
export interface ChipPickerOptions {
  /** Names the field for ids and test hooks (`data-chips="interests"`). */
  name: string;
  /** Starts its ids, for a second form of the same fields (the profile sheet's). @default '' */
  idPrefix?: string;
  legend: string;
  hint?: string;
  /** Chips offered to toggle on, such as the event's topics. @default [] */
  suggestions?: readonly string[];
  /** Chips chosen from the start, such as an event's current topics when editing. @default [] */
  initial?: readonly string[];
  /** Most chips that can be chosen in all. */
  max: number;
  /** Longest a typed chip may be, in code points (as the server counts). */
  maxLength: number;
  /** Starts the note said when a typed chip was too long: "An interest". @default 'Each one' */
  what?: string;
  placeholder: string;
  /** Accessible name of the text box. */
  inputLabel: string;
}

export interface ChipPicker {
  el: HTMLFieldSetElement;
  /** The chosen chips, in the order they were chosen. */
  values(): string[];
  /** Adds anything typed but not yet added, so a forgotten "Add" tap is not lost. */
  commit(): void;
  /**
   * Offers these suggestions instead, keeping what was typed and chosen. A chosen suggestion no
   * longer offered is taken off, and returned so the page can say so; a typed chip that is now
   * offered becomes that suggestion, in its spelling.
   */
  setSuggestions(next: readonly string[]): string[];
}

const keyOf = (s: string) => s.toLowerCase();

/**
 * A set of tappable chips with an "add your own" box. Suggestions toggle on and off; typed chips
 * are removed by tapping them. Typing a comma or pressing Enter adds what was typed.
 */
export function chipPicker(o: ChipPickerOptions): ChipPicker {
  const offer = (list: readonly string[]) => dedupe(list.map(tidy).filter(Boolean));
  let suggestions = offer(o.suggestions ?? []);
  let suggestedKeys = new Set(suggestions.map(keyOf));
  let chosen: string[] = [];

  const list = h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': o.legend } });
  const count = h('span', { class: 'field-count', attrs: { 'aria-live': 'polite' } });
  const prefix = o.idPrefix ?? '';
  const inputId = `chip-input-${prefix}${o.name}`;
  const hintId = `chip-hint-${prefix}${o.name}`;
  const input = h('input', {
    id: inputId,
    attrs: {
      type: 'text',
      placeholder: o.placeholder,
      'aria-label': o.inputLabel,
      // The hint says how to add one ("Press Enter or type a comma"): read with the box, as the
      // legend above it is not.
      'aria-describedby': o.hint ? hintId : undefined,
      autocomplete: 'off',
      enterkeyhint: 'done',
    },
    on: {
      keydown: (e) => {
        if (e.key !== 'Enter' || e.isComposing) return;
        e.preventDefault();
        commit();
      },
      input: () => {
        if (!input.value.includes(',')) return;
        const parts = input.value.split(',');
        input.value = parts.pop() ?? '';
        parts.forEach(add);
        render();
      },
    },
  });
  const guide = lengthGuide(input, o.maxLength, { id: `chip-limit-${prefix}${o.name}`, what: o.what ?? 'Each one', describe: !o.hint });
  const addButton = h('button', { class: 'btn btn-small btn-secondary', attrs: { type: 'button' }, on: { click: () => commit() } }, 'Add');

  const el = h(
    'fieldset',
    { class: 'field chip-field', data: { chips: o.name } },
    h('legend', { class: 'field-label' }, o.legend, ' ', count),
    o.hint ? h('p', { id: hintId, class: 'field-hint' }, o.hint) : null,
    list,
    h('div', { class: 'chip-add' }, input, addButton),
    guide.el,
  );

  function add(raw: string): void {
    const typed = tidy(raw);
    // A suggestion is taken whole, in the organiser's spelling (even if typed in another case):
    // it already fits the server, and cutting it could leave half an emoji.
    const suggested = suggestions.find((s) => keyOf(s) === keyOf(typed));
    const label = suggested ?? clip(typed, o.maxLength);
    if (!label || chosen.length >= o.max) return;
    // Only a pasted list gets here too long (the box caps itself): said, not cut in silence.
    if (!suggested && lengthOf(typed) > o.maxLength) guide.cut();
    if (chosen.some((c) => keyOf(c) === keyOf(label))) return;
    chosen.push(label);
  }

  function toggle(label: string): void {
    const on = chosen.some((c) => keyOf(c) === keyOf(label));
    if (on) chosen = chosen.filter((c) => keyOf(c) !== keyOf(label));
    else add(label);
    render();
  }

  function commit(): void {
    add(input.value);
    input.value = '';
    render();
  }

  function render(): void {
    const full = chosen.length >= o.max;
    const custom = chosen.filter((c) => !suggestedKeys.has(keyOf(c)));
    // The chips are rebuilt, so a chip toggled from the keyboard would lose focus to <body>.
    const focused = list.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    const focusedIndex = focused ? [...list.children].indexOf(focused) : -1;
    fill(
      list,
      ...suggestions.map((s) => {
        const on = chosen.some((c) => keyOf(c) === keyOf(s));
        return chip(s, on, !on && full, () => toggle(s));
      }),
      ...custom.map((c) => chip(c, true, false, () => toggle(c), true)),
    );
    list.hidden = suggestions.length === 0 && custom.length === 0;
    count.textContent = chosen.length > 0 ? `${chosen.length} of ${o.max}` : '';
    input.disabled = full;
    guide.update();
    addButton.disabled = full;
    // Short enough for the box beside "Add" on a 320 px phone: a placeholder cannot wrap, and
    // the count in the legend ("10 of 10") says the rest.
    input.placeholder = full ? `That's ${o.max}, the most` : o.placeholder;
    if (focused) refocus(focused.dataset.chip ?? '', focusedIndex);
  }

  /** Focus back on the same chip; if it was removed, on the one now in its place, or the text box. */
  function refocus(label: string, index: number): void {
    const chips = [...list.querySelectorAll<HTMLButtonElement>('button[data-chip]')].filter((b) => !b.disabled);
    const target = chips.find((b) => b.dataset.chip === label) ?? chips[Math.min(index, chips.length - 1)] ?? (input.disabled ? null : input);
    target?.focus();
  }

  function setSuggestions(next: readonly string[]): string[] {
    const offered = offer(next);
    const byKey = new Map(offered.map((s) => [keyOf(s), s]));
    const dropped = chosen.filter((c) => suggestedKeys.has(keyOf(c)) && !byKey.has(keyOf(c)));
    chosen = chosen.filter((c) => !dropped.includes(c)).map((c) => byKey.get(keyOf(c)) ?? c);
    suggestions = offered;
    suggestedKeys = new Set(offered.map(keyOf));
    render();
    return dropped;
  }

  (o.initial ?? []).forEach(add);
  render();
  return { el, values: () => [...chosen], commit, setSuggestions };
}

function chip(label: string, on: boolean, disabled: boolean, onTap: () => void, removable = false) {
  return h(
    'button',
    {
      class: removable ? 'chip chip-removable' : 'chip',
      attrs: {
        type: 'button',
        'aria-pressed': String(on),
        disabled,
        title: removable ? `Remove ${label}` : undefined,
      },
      data: { chip: label },
      on: { click: onTap },
    },
    label,
    removable ? h('span', { class: 'chip-x', attrs: { 'aria-hidden': 'true' } }, '×') : null,
  );
}

function dedupe(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(keyOf(item)) && (seen.add(keyOf(item)), true));
}
