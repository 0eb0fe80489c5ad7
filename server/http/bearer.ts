import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether an `Authorization` header is `Bearer <secret>`, compared in constant time. Both sides
 * are hashed first, so the comparison takes as long whatever the lengths and leaks neither the
 * secret's length nor how much of it a guess got right.
 */
export function hasBearer(header: string | undefined, secret: string): boolean {
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`));
}

/**
 * Whether an `Authorization` header carries anything beyond the word "Bearer": a credential was
 * sent, right or wrong. Only for choosing the words of a refusal, never for granting anything.
 */
export function sentBearer(header: string | undefined): boolean {
  return /\S/.test((header ?? '').replace(/^\s*Bearer\b/i, ''));
}
