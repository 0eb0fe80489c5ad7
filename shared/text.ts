import { z } from 'zod';

// C0/C1 controls and the bidi overrides that can make a name render backwards.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `String.prototype.toWellFormed`: ES2024, in Node since 20, newer than this project's lib. */
type WellFormable = string & { toWellFormed(): string };

/**
 * Turns control characters into spaces, collapses runs of white space and trims. Half an emoji
 * (a lone surrogate, as a client cutting text by UTF-16 units can send) becomes U+FFFD, so what
 * is stored is always well-formed Unicode.
 */
export function cleanText(raw: string): string {
  return (raw as WellFormable).toWellFormed().replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The key two interests are compared by: "Climbing " and "climbing" are the same topic.
 */
export function topicKey(topic: string): string {
  return cleanText(topic).toLowerCase();
}

/** A user-typed string: cleaned first, then length-checked. */
export function text(min: number, max: number) {
  return z
    .string()
    .max(max * 4 + 64) // refuse absurd input before doing any work on it
    .transform(cleanText)
    .pipe(z.string().min(min).max(max));
}

/**
 * A list of user-typed topics, cleaned and de-duplicated case-insensitively; the cap counts what
 * is left, so "Go" and "go " are one of the ten.
 */
export function topicList(maxItems: number, maxLength: number) {
  return z
    .array(text(1, maxLength))
    .transform((items) => {
      const seen = new Set<string>();
      return items.filter((item) => {
        const key = topicKey(item);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    })
    .pipe(z.array(z.string()).max(maxItems));
}
