/**
 * Phone numbers as people type them, with no zod in it, so that the attendee page checks a
 * number exactly as the server does (shared/schemas.ts `Contact.phone`). The number is kept as
 * typed, spacing and all ("+44 7700 900123"); only the check, and a link to call, use its digits.
 */

/** What people put between digits: spaces, dashes, dots and brackets. */
const SEPARATORS = /[\s().-]/g;
/** An optional +, then 7 to 15 digits (E.164 allows 15). */
const DIGITS = /^\+?[0-9]{7,15}$/;

/** `+44 (7700) 900-123` -> `+447700900123`: for a `tel:` link and for the check. */
export function phoneDigits(phone: string): string {
  return phone.replace(SEPARATORS, '');
}

/** Whether `phone` is a number: an optional +, then 7 to 15 digits once the separators are out. */
export function isPhoneNumber(phone: string): boolean {
  return DIGITS.test(phoneDigits(phone));
}

/**
 * A `tel:` URI that keeps the typed grouping: `+44 7700 900123` -> `tel:+44-7700-900123`. A
 * space may not stand in a URI, so each run of white space becomes a dash, which RFC 3966 allows
 * as a visual separator (as it does dots and brackets), and a dialler ignores.
 */
export function telUri(phone: string): string {
  return `tel:${phone.trim().replace(/\s+/g, '-')}`;
}
