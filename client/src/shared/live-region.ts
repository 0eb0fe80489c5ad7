/**
 * How long a live region stays empty before the same words are put back. Screen readers say a
 * region's words when they change: the same words written over themselves are no change, so a
 * second "Link copied." would go unsaid. Emptied first, the region changes twice; the gap spans
 * a few frames, as Chromium passes the accessibility tree on once a frame and would otherwise
 * see the same words as before.
 * @default 100
 */
export const REPEAT_GAP_MS = 100;

import { icon } from './dom';

const pending = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/**
 * Puts `text` in the live region `region`, so that it is said even when it repeats what the
 * region says already: then the region is emptied, and the words come back after
 * {@link REPEAT_GAP_MS}. Empty text empties it. A later call wins over words still to come back.
 * `lead`: an icon drawn before the words ("✓"), hidden from screen readers so that they say
 * "Sent", not "check mark Sent".
 */
export function say(region: HTMLElement, text: string, lead?: string): void {
  clearTimeout(pending.get(region));
  pending.delete(region);
  const put = () => (lead && text ? region.replaceChildren(icon(`${lead} `), text) : (region.textContent = text));
  // The icon's span and its space count as text here, as they show.
  const shown = lead && text ? `${lead} ${text}` : text;
  if (text === '' || region.textContent !== shown) {
    put();
    return;
  }
  region.textContent = '';
  pending.set(
    region,
    setTimeout(() => {
      pending.delete(region);
      put();
    }, REPEAT_GAP_MS),
  );
}
