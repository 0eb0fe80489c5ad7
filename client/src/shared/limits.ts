/**
 * Input limits the forms enforce before the server does. They mirror shared/schemas.ts, which
 * the client may not import at runtime (it would pull zod into the bundle);
 * test/browser/client-limits.test.ts fails if the two drift apart.
 */
export const LIMITS = {
  name: 40,
  interests: 10,
  topic: 32,
  offers: 5,
  asks: 5,
  lookFor: 80,
  eventName: 80,
  eventTopics: 40,
  spots: 20,
  spot: 60,
  announcement: 280,
  /** Keep in touch: the note, and the longest email, phone (as typed) and profile link. */
  contactNote: 200,
  email: 254,
  phone: 32,
  url: 200,
  reportText: 500,
  /** An event's end: from now to this many days ahead. */
  endsAtDays: 14,
} as const;

/** A length as the server counts it: in code points, so an emoji is one, not two. */
export function lengthOf(text: string): number {
  return Array.from(text).length;
}

/** The first `max` code points of `text`: never half an emoji. */
export function clip(text: string, max: number): string {
  return lengthOf(text) <= max ? text : Array.from(text).slice(0, max).join('');
}

/**
 * Caps a text box at `max` code points, as `maxlength` would if it did not count an emoji as
 * two: what is typed or pasted past the cap is dropped, and the caret stays where it was.
 * `onCut` is called each time something was dropped, so the page can say so (see length-guide.ts).
 */
export function limitLength(input: HTMLInputElement | HTMLTextAreaElement, max: number, onCut?: () => void): void {
  const enforce = () => {
    const { value } = input;
    if (lengthOf(value) <= max) return;
    const caret = input.selectionEnd ?? value.length;
    const after = value.slice(caret);
    const before = clip(value.slice(0, caret), Math.max(0, max - lengthOf(after)));
    input.value = clip(before + after, max);
    // Only when typing: moving the caret of a box without focus can focus it (older Safari).
    if (document.activeElement === input) input.setSelectionRange(before.length, before.length);
    onCut?.();
  };
  // Mid-composition (an IME, a phone's suggestions) the text is not final: wait for it.
  input.addEventListener('input', (e) => !(e as InputEvent).isComposing && enforce());
  input.addEventListener('compositionend', enforce);
}
