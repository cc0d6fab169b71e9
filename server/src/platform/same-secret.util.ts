import { timingSafeEqual } from 'node:crypto';

/**
 * Whether two secrets (signatures, tokens) are equal, in time that does not depend on where they differ. A
 * length mismatch answers at once: the length of a signature or token is no secret.
 */
export function sameSecret(a: string | Buffer, b: string | Buffer): boolean {
  const left = typeof a === 'string' ? Buffer.from(a) : a;
  const right = typeof b === 'string' ? Buffer.from(b) : b;
  return left.length === right.length && timingSafeEqual(left, right);
}
