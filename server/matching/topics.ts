import { hasVisible, INVISIBLE_CHARS, topicKey, UNSAFE_CHARS } from '../../shared/clean';

// Anything that cleanText would change: unsafe or invisible characters, white space other than a
// plain space, a space at either end, or two spaces in a row. And a topic with nothing visible
// in it, which cleanText empties (the schemas refuse one; this keeps keyOf equal to topicKey).
const NEEDS_CLEANING = new RegExp(`[${UNSAFE_CHARS}${INVISIBLE_CHARS}]|[^\\S ]|^ | $| {2}`);

/**
 * `topicKey`, fast for the usual case. Topics reach the matcher already cleaned by the shared
 * schemas, and for a clean string `topicKey` is only `toLowerCase`; the full clean-up (two
 * regular-expression replacements) is kept for anything else. A tick computes a few keys per
 * seeker, so this is most of what building a 5000-seeker crowd costs.
 */
export function keyOf(topic: string): string {
  let key = known.get(topic);
  if (key === undefined) {
    key = NEEDS_CLEANING.test(topic) || !hasVisible(topic) ? topicKey(topic) : topic.toLowerCase();
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(topic, key);
  }
  return key;
}

/**
 * Keys of spellings seen before. An event's topics are much the same from one tick to the
 * next, so each tick would otherwise lower-case (and test) the same few hundred strings again.
 * A pure function's memo: it changes no result. Bounded, so a long-lived server does not grow it.
 */
const known = new Map<string, string>();
const KNOWN_MAX = 50_000;
