/**
 * Keeps the focus on the same control when part of a page is drawn again for fresh news (a
 * partner's new name, a pause, someone joining a sheet's list). Dropped with the old element,
 * the focus would land on the page, where a screen reader starts again from the top.
 */

/** Where the focus was, to find the same control again in what replaces it. */
export interface FocusMark {
  id: string;
  tag: string;
  /** What it is for (one per person, say) and its words. */
  key: string;
  /** Its place among the elements of its kind. */
  index: number;
}

const keyOf = (el: Element): string => `${el.getAttribute('aria-describedby') ?? ''}|${el.getAttribute('aria-label') ?? el.textContent ?? ''}`;

/** Where the focus is within `root`, or null when it is elsewhere. */
export function focusMark(root: HTMLElement): FocusMark | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || !root.contains(el)) return null;
  return { id: el.id, tag: el.tagName, key: keyOf(el), index: [...root.getElementsByTagName(el.tagName)].indexOf(el) };
}

/**
 * Focuses, within `root` as now drawn, the control `mark` was taken on: by its id; else one of
 * its kind for the same thing with the same words ("Not comfortable?"); else the one in its place
 * (the heading, "Meet Ann" now "Meet Anna"); else `fallback`. Nothing when the focus is already
 * inside `root` (the control survived the redraw).
 */
export function refocus(root: HTMLElement, mark: FocusMark, fallback?: string): void {
  if (root.contains(document.activeElement) && document.activeElement !== root) return;
  const kind = [...root.getElementsByTagName(mark.tag)] as HTMLElement[];
  const target =
    (mark.id ? root.querySelector<HTMLElement>(`#${CSS.escape(mark.id)}`) : null) ??
    kind.find((el) => keyOf(el) === mark.key) ??
    kind[mark.index] ??
    (fallback ? root.querySelector<HTMLElement>(fallback) : null);
  target?.focus({ preventScroll: true });
}

/** Runs `redraw` of `root`, then puts the focus back on the same control if it was inside. */
export function keepingFocus(root: HTMLElement, redraw: () => void, fallback?: string): void {
  const mark = focusMark(root);
  redraw();
  if (mark) refocus(root, mark, fallback);
}
