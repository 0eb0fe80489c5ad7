import { z } from 'zod';
import { cleanLines, cleanText, hasHiddenChars, topicKey } from './clean';

export { cleanLines, cleanText, hasHiddenChars, topicKey };

/** A user-typed string: cleaned by `clean`, then length-checked. */
function typed(clean: (raw: string) => string, min: number, max: number) {
  return z
    .string()
    // Refuse absurd input before doing any work on it, in the words of the real limit below.
    .max(max * 4 + 64, `must be at most ${max} characters`)
    .transform(clean)
    .pipe(z.string().min(min).max(max));
}

/** A user-typed string on one line (see `cleanText`). */
export function text(min: number, max: number) {
  return typed(cleanText, min, max);
}

/** A user-typed text that may run over a few lines, an announcement (see `cleanLines`). */
export function lines(min: number, max: number) {
  return typed(cleanLines, min, max);
}

/**
 * A list of user-typed topics, cleaned and de-duplicated case-insensitively; the cap counts what
 * is left, so "Go" and "go " are one of the ten.
 */
export function topicList(maxItems: number, maxLength: number) {
  return z
    .array(text(1, maxLength))
    // Refuse an absurd list before looking at its items, in the words of the real cap below: each
    // bad item is an issue of its own, and 8,000 of them cost the server 300 ms and a 519 KB
    // answer. Generous, since repeats count once (the cap is on what is left of them).
    .max(maxItems * 4, `must have at most ${maxItems} items`)
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
