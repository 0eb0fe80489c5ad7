/**
 * Email addresses as people type them, with no zod in it, so that the attendee page checks an
 * address exactly as the server does (shared/schemas.ts `Contact.email`).
 */

/** A letter or digit of any script, with the marks some scripts put on them. */
const WORD = '\\p{L}\\p{M}\\p{N}';

/**
 * zod's `z.email()` pattern, with letters and digits of any script where it takes only A to Z and
 * 0 to 9: `björn@example.com` and `ana@correo.españa` are addresses too. Still a dot-separated
 * local part that neither starts nor ends with a dot, and a domain of labels with a top level of
 * two letters or more (`ann@example` is not one).
 */
export const EMAIL = new RegExp(
  `^(?:[${WORD}_'+\\-]+\\.)*[${WORD}_'+\\-]*[${WORD}_+-]@(?:[${WORD}][${WORD}\\-]*\\.)+[\\p{L}\\p{M}]{2,}$`,
  'u',
);

/** Whether `email` (trimmed) is an address by {@link EMAIL}. */
export function isEmail(email: string): boolean {
  return EMAIL.test(email);
}
