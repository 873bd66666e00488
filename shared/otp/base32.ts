import { OtpUriError } from './otp-errors';

/**
 * Base32 as RFC 4648 §6 defines it, the encoding otpauth URIs and typed keys use for the shared
 * secret (Google Authenticator Key Uri Format, "secret" parameter).
 *
 * Key material: every function here handles the shared secret. Never log inputs or outputs, and
 * keep the secret out of error messages (they name the offending character, not the key).
 *
 * The canonical form stored in the vault is upper case, without spaces, hyphens or padding.
 * Leniency, and why:
 * - lower case, spaces and hyphens are accepted because services print keys in groups
 *   ("abcd efgh ijkl" or "ABCD-EFGH") and people type them that way;
 * - padding is optional (the Key Uri Format says to omit it) but, when present, must be the
 *   padding RFC 4648 §6 would have produced for that length: anything else means the key was
 *   cut or mangled;
 * - a key whose length leaves spare bits (e.g. 17 characters) is accepted and the spare bits are
 *   ignored, as Google Authenticator and the otpauth library do, because some services generate
 *   keys as random base32 strings of any length.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Character code → 5-bit value, or -1. Built once; only upper-case letters and 2–7 map. */
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/**
 * RFC 4648 §6: the number of "=" that completes a final quantum, by the number of base32
 * characters in it. 1, 3 and 6 characters cannot end an encoding, so no padding fits them.
 */
const PADDING_FOR_REMAINDER: ReadonlyMap<number, number> = new Map([
  [0, 0],
  [2, 6],
  [4, 4],
  [5, 3],
  [7, 1],
]);

const LOOKALIKES: Readonly<Record<string, string>> = { '0': 'O', '1': 'I or L', '8': 'B', '9': 'g' };

function describeBadCharacter(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x20 || codePoint === 0x7f) return `a control character (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
  return `"${char}"`;
}

/**
 * Returns the canonical form of a base32 key (upper case, no spaces, hyphens or padding).
 * Throws `OtpUriError` 'missing-secret' for an empty key and 'invalid-secret' for anything that
 * is not base32, always with field 'secret'.
 */
export function normalizeBase32(input: string): string {
  const compact = input.replace(/[\s-]+/g, '').toUpperCase();
  const body = compact.replace(/=+$/, '');
  if (body.length === 0) {
    throw new OtpUriError(
      'missing-secret',
      'The key is empty: enter the key the service showed (letters A–Z and digits 2–7).',
      'secret',
    );
  }
  const padding = compact.length - body.length;

  for (const char of body) {
    const code = char.charCodeAt(0);
    if (code < 128 && DECODE_TABLE[code] !== -1) continue;
    if (char === '=') {
      throw new OtpUriError(
        'invalid-secret',
        'The key has padding ("=") in the middle: "=" may only appear at the end. Check that the key was copied in one piece.',
        'secret',
      );
    }
    const lookalike = LOOKALIKES[char];
    const hint = lookalike
      ? `"${char}" is not used in base32: it was probably meant to be ${lookalike}.`
      : 'Check for 0, 1, 8 or 9 typed by mistake.';
    throw new OtpUriError(
      'invalid-secret',
      `The key contains characters that are not base32 (only A–Z and 2–7), such as ${describeBadCharacter(char)}: ${hint}`,
      'secret',
    );
  }

  if (padding > 0) {
    const expected = PADDING_FOR_REMAINDER.get(body.length % 8);
    if (expected !== padding) {
      throw new OtpUriError(
        'invalid-secret',
        `The key's padding does not fit its length (${body.length} characters followed by ${padding} "="): the key was probably cut short. Copy it again, or leave out the "=" signs.`,
        'secret',
      );
    }
  }

  if (Math.floor((body.length * 5) / 8) === 0) {
    throw new OtpUriError(
      'invalid-secret',
      'The key is too short to be a key (a single character): enter the whole key the service showed.',
      'secret',
    );
  }
  return body;
}

/**
 * Decodes a base32 key (any form `normalizeBase32` accepts) to its bytes.
 * Key material: the result is the raw shared secret.
 */
export function base32ToBytes(input: string): Uint8Array {
  const canonical = normalizeBase32(input);
  return decodeCanonical(canonical);
}

/** Decodes a string already in canonical form (validated by `normalizeBase32`). */
export function decodeCanonical(canonical: string): Uint8Array {
  // Off the V8 heap, so zeroing it reaches the only copy (see secretBytes in secret-bytes.ts).
  const out = new Uint8Array(new ArrayBuffer(Math.floor((canonical.length * 5) / 8)));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < canonical.length; i++) {
    buffer = ((buffer << 5) | (DECODE_TABLE[canonical.charCodeAt(i)] ?? 0)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as canonical base32 (upper case, no padding). Key material in, key material out. */
export function bytesToBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
