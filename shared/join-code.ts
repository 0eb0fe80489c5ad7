/**
 * The join code rule, with no zod in it, so the home page can check a typed code with the same
 * rule as the server (shared/schemas.ts builds EventCodeParams from it).
 */

/** Join codes: no 0/O, 1/I/L look-alikes, so they survive being read off a projector. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;
/** The longest code accepted (new codes are JOIN_CODE_LENGTH long). */
export const JOIN_CODE_MAX_LENGTH = 16;

/** Why a typed code (any case) cannot be a join code, or null if it can be one. */
export type JoinCodeProblem = { kind: 'too_short' } | { kind: 'too_long' } | { kind: 'not_in_alphabet'; chars: string[] };

export function joinCodeProblem(code: string): JoinCodeProblem | null {
  const chars = Array.from(code);
  if (chars.length < JOIN_CODE_LENGTH) return { kind: 'too_short' };
  if (chars.length > JOIN_CODE_MAX_LENGTH) return { kind: 'too_long' };
  const foreign = chars.filter((c) => !JOIN_CODE_ALPHABET.includes(c.toUpperCase()));
  return foreign.length > 0 ? { kind: 'not_in_alphabet', chars: [...new Set(foreign)] } : null;
}
