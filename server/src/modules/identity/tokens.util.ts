import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: for session cookies and the links we email. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are stored only as their SHA-256 (they carry far more than the 112 bits for which a plain hash is
 * enough, per ASVS 6.5.2), so a copy of the database does not sign anyone in. Looking a token up by its hash
 * is the comparison; there is no string compare to time.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
