import { z } from 'zod';
import { cleanText, topicKey } from './clean';

export { cleanText, topicKey };

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
