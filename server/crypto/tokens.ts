import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens (tickets, session cookies, API keys): 256 bits from the CSPRNG, base64url.
 * Only their SHA-256 hash is stored; with 256 random bits a salt adds nothing, and a plain hash
 * lets us look a token up by equality.
 *
 * Key material: the returned token is a credential. Hand it to the client once; never log it.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
