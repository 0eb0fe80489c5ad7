import { h } from './dom';
import { lengthOf, limitLength } from './limits';
import { say } from './live-region';

/** Options for a {@link lengthGuide}. */
export interface LengthGuideOptions {
  /** The guide's id, for the box's `aria-describedby`. */
  id: string;
  /** What one value is, to start the note with: "A name", "Each one". */
  what: string;
  /**
   * Whether the guide joins the box's `aria-describedby`, so its count is read with the box.
   * Off where the box already has a hint that is read with it (the chips' "Press Enter or type
   * a comma"); the note of a cut is said either way, being a live region.
   * @default true
   */
  describe?: boolean;
}

/** A text box's cap, said out loud: see {@link lengthGuide}. */
export interface LengthGuide {
  /** Goes under the box. */
  el: HTMLElement;
  /** Says that text was left off, for cuts made outside the box (a pasted list split into chips). */
  cut(): void;
  /** Counts again, after code set or cleared the box. */
  update(): void;
}

/** How close to the cap the count appears: the last fifth, and at least the last 5. */
function nearFrom(max: number): number {
  return max - Math.max(5, Math.ceil(max / 5));
}

/**
 * Caps a box at `max` code points ({@link limitLength}) and never cuts without a word: near the
 * cap a count shows ("36 / 40"), and when typing or pasting goes past it, a note says that the
 * rest was left off (a polite live region, so a screen reader says it once). The note goes when
 * the person types on with the text under the cap.
 */
export function lengthGuide(input: HTMLInputElement | HTMLTextAreaElement, max: number, o: LengthGuideOptions): LengthGuide {
  const count = h('span', { class: 'field-limit-count' });
  const note = h('span', { class: 'field-limit-note', attrs: { role: 'status' } });
  const el = h('p', { id: o.id, class: 'field-limit', data: { limitOf: input.id } }, count, note);

  /** A cut is being told of; `fresh` while the input event that cut it is still going round. */
  let noted = false;
  let fresh = false;
  const update = () => {
    const length = lengthOf(input.value);
    const near = length >= nearFrom(max);
    count.textContent = near ? `${length} / ${max}` : '';
    el.classList.toggle('field-limit-shown', near || noted);
  };
  const cut = () => {
    noted = fresh = true;
    say(note, `${o.what} can be up to ${max} characters, so the rest was left off.`);
    update();
  };
  const onInput = () => {
    // Typing on under the cap (or deleting) puts the note away; the input that cut keeps it.
    if (noted && !fresh && lengthOf(input.value) < max) {
      noted = false;
      say(note, '');
    }
    fresh = false;
    update();
  };

  limitLength(input, max, cut);
  // After limitLength's own listener (and any the box had before): it counts what the cap left.
  input.addEventListener('input', onInput);
  if (o.describe !== false) {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    input.setAttribute('aria-describedby', [...ids, o.id].join(' '));
  }
  update();
  return { el, cut, update };
}
