/**
 * How typed text is cleaned, with no zod in it, so that the pages clean what people type exactly
 * as the server will (shared/text.ts builds the schemas' text fields from it).
 */

/** C0/C1 controls and the bidi overrides that can make a name render backwards: become spaces. */
export const UNSAFE_CHARS = '\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
/**
 * Characters that show nothing, so that a name made of them would be blank on someone else's
 * screen: zero-width space, word joiner, byte order mark, the direction marks, and the letters
 * that print as nothing (the Hangul fillers, the blank braille pattern). Dropped. The
 * zero-width joiner and non-joiner stay: emoji sequences and some scripts need them.
 */
export const INVISIBLE_CHARS = '\\u061c\\u115f\\u1160\\u200b\\u200e\\u200f\\u2060\\u2800\\u3164\\ufeff\\uffa0';

/**
 * Combining marks kept on one character. Written names need few (Vietnamese two, Hebrew with
 * points three, a Tibetan stack three or four, a keycap emoji two); a "Zalgo" name stacks dozens,
 * and its one character then spills over the lines above and below it on someone else's screen.
 */
export const MAX_MARKS_PER_CHAR = 4;

const UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`, 'g');
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');
/**
 * A run of combining marks longer than MAX_MARKS_PER_CHAR, joiners between them included (they
 * still pile onto the one character): the first marks are kept, the rest dropped. The marks kept
 * are matched once, in a lookahead read back by `\1` (JavaScript's atomic group): otherwise the
 * joiners after the last of them could be split between it and the next `\p{Cf}*` every way,
 * and a mark followed by 2,000 joiners took 200 ms to clean, a stall for every phone on the server.
 */
const MARK_PILE = new RegExp(`(?=((?:\\p{M}\\p{Cf}*){${MAX_MARKS_PER_CHAR}}))\\1(?:\\p{Cf}*\\p{M})+`, 'gu');
/**
 * Something a reader can see: anything but white space, separators, controls, format characters
 * (joiners, say) and combining marks on their own. A code point this runtime does not know yet
 * (a newer emoji) counts as visible.
 */
const VISIBLE = /[^\s\p{Z}\p{Cc}\p{Cf}\p{M}]/u;

/** Whether text has anything a reader can see (see `cleanText`). */
export function hasVisible(text: string): boolean {
  return VISIBLE.test(text);
}

/** `String.prototype.toWellFormed`: ES2024, in Node since 20 and in browsers since 2023. */
type WellFormable = string & { toWellFormed?(): string };

/**
 * Turns control characters into spaces, drops invisible ones, keeps at most MAX_MARKS_PER_CHAR
 * combining marks on a character, collapses runs of white space and trims. Half an emoji (a lone surrogate, as a client cutting text by UTF-16 units can send)
 * becomes U+FFFD where the runtime can tell, as the server always can, so what is stored is
 * always well-formed Unicode. Text with nothing visible left (only joiners, say) becomes empty.
 */
export function cleanText(raw: string): string {
  const whole = (raw as WellFormable).toWellFormed?.() ?? raw;
  const text = whole.replace(UNSAFE, ' ').replace(INVISIBLE, '').replace(MARK_PILE, '$1').replace(/\s+/g, ' ').trim();
  return hasVisible(text) ? text : '';
}

const HIDDEN = new RegExp(`[${UNSAFE_CHARS}${INVISIBLE_CHARS}]`);

/**
 * Whether `text` has a character `cleanText` would replace or drop: a control, a bidi override,
 * or one that prints as nothing. For what is kept exactly as typed rather than cleaned, such as
 * a web address, where a right-to-left override makes `example.com/\u202egnp.exe` read
 * `example.com/exe.png` on someone else's screen.
 */
export function hasHiddenChars(text: string): boolean {
  return HIDDEN.test(text);
}

/** At most this many line breaks are kept in a text of several lines (`cleanLines`); the rest become spaces. */
export const MAX_LINE_BREAKS = 6;

/**
 * As `cleanText`, line by line, for a text that may have several (an announcement): each line is
 * cleaned, blank lines at either end go, a run of blank lines becomes one, and past
 * MAX_LINE_BREAKS the lines run on with spaces. Empty when nothing visible is left.
 */
export function cleanLines(raw: string): string {
  const lines = raw.split(/\r\n|\r|\n|\u0085|\u2028|\u2029/).map(cleanText);
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept[kept.length - 1] === '') kept.pop();
  if (kept.length <= MAX_LINE_BREAKS + 1) return kept.join('\n');
  const runOn = kept.slice(MAX_LINE_BREAKS).filter((line) => line !== '');
  return [...kept.slice(0, MAX_LINE_BREAKS), runOn.join(' ')].join('\n');
}

/** The key two interests are compared by: "Climbing " and "climbing" are the same topic. */
export function topicKey(topic: string): string {
  return cleanText(topic).toLowerCase();
}
