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
