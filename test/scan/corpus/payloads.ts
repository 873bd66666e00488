import { encodeMigrationPayload, formatMigrationUri, type MigrationEntry } from '../../../shared/otp/google-migration';
import type { Rng } from './prng';

/**
 * Payloads for the corpus and the pipeline tests: realistic otpauth URIs (Key URI Format) and
 * Google Authenticator export URIs, built from the PRNG. Secrets are random test secrets.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ISSUERS = ['GitHub', 'Example Corp', 'Mastodon', 'AWS', 'Proton', 'Fastmail', 'GitLab', 'Nextcloud', 'Acme & Sons'];
const USERS = ['alice@example.com', 'bob', 'carol.smith@example.org', 'dave+2fa@example.net', 'erin'];

export function randomSecretBytes(rng: Rng, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.int(0, 255);
  return out;
}

/** RFC 4648 §6 base32 without padding (the canonical form otpauth URIs use). */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function randomOtpauthUri(rng: Rng): string {
  const issuer = rng.pick(ISSUERS);
  const user = rng.pick(USERS);
  const secret = base32(randomSecretBytes(rng, rng.pick([10, 16, 20, 32])));
  const params = new URLSearchParams({ secret, issuer });
  if (rng.next() < 0.3) params.set('algorithm', rng.pick(['SHA1', 'SHA256', 'SHA512']));
  if (rng.next() < 0.3) params.set('digits', rng.pick(['6', '8']));
  if (rng.next() < 0.2) params.set('period', rng.pick(['30', '60']));
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(user)}?${params.toString()}`;
}

/** A one-page Google Authenticator export (encoded with the app's own encoder from shared/otp). */
export function randomMigrationUri(rng: Rng, accounts: number): string {
  const entries: MigrationEntry[] = [];
  for (let i = 0; i < accounts; i++) {
    const issuer = rng.pick(ISSUERS);
    entries.push({ secret: randomSecretBytes(rng, 10), name: `${issuer}:${rng.pick(USERS)}`, issuer, algorithm: 1, digits: 1, type: 2, counter: 0 });
  }
  return formatMigrationUri(encodeMigrationPayload({ entries, batch: { size: 1, index: 0, id: rng.int(1, 2 ** 31 - 1) } }));
}

/** Mostly single-account URIs, some Google exports (larger, denser symbols). */
export function randomPayload(rng: Rng): string {
  return rng.next() < 0.2 ? randomMigrationUri(rng, rng.int(2, 4)) : randomOtpauthUri(rng);
}
