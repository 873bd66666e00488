import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AccountDraftSchema,
  MAX_LABEL_LENGTH,
  OtpUriError,
  base32ToBytes,
  bytesToBase32,
  formatOtpauthUri,
  normalizeBase32,
  parseOtpauthUri,
  type AccountDraft,
  type OtpParams,
} from '../../shared/otp';

/** Fixed seed so a failure reproduces; fast-check prints the counterexample and path. */
const SEED = 20261123;

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/g;
const TRICKY = [':', '%', '%3A', '/', '?', '#', '&', '=', '+', ' ', '.', '..', '@', '\\', 'é', '🔑', 'İ', '\u00a0', '\u2028', '%zz'];

/** Issuer/name text as the app keeps it: no control characters, no surrounding whitespace. */
const labelText = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.array(fc.constantFrom(...TRICKY, 'a', 'B'), { maxLength: 12 }).map((parts) => parts.join('')),
  )
  .map((text) => text.replace(CONTROLS, '').trim())
  // Lone surrogates cannot survive URI encoding (formatOtpauthUri turns them into U+FFFD).
  .filter((text) => text.length <= MAX_LABEL_LENGTH && !/[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));

const secret = fc.uint8Array({ minLength: 1, maxLength: 64 }).map(bytesToBase32);
const algorithm = fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const);
const digits = fc.integer({ min: 6, max: 8 });

const otpParams: fc.Arbitrary<OtpParams> = fc.oneof(
  fc.record({ type: fc.constant('totp' as const), secret, algorithm, digits, period: fc.integer({ min: 1, max: 86_400 }) }),
  fc.record({ type: fc.constant('hotp' as const), secret, algorithm, digits, counter: fc.maxSafeNat() }),
  secret.map((s): OtpParams => ({ type: 'steam', secret: s, algorithm: 'SHA1', digits: 5, period: 30 })),
);

const draft = fc.record({ issuer: labelText, name: labelText, otp: otpParams });

function parsesOrOtpUriError(input: string): void {
  let parsed: AccountDraft;
  try {
    parsed = parseOtpauthUri(input);
  } catch (error) {
    if (!(error instanceof OtpUriError)) throw error;
    return;
  }
  // Anything accepted is a valid account draft.
  expect(AccountDraftSchema.safeParse(parsed).success).toBe(true);
}

describe('otpauth URIs (properties)', () => {
  it('format then parse gives back the same account', () => {
    fc.assert(
      fc.property(draft, (account) => {
        const parsed = parseOtpauthUri(formatOtpauthUri(account));
        expect({ issuer: parsed.issuer, name: parsed.name, otp: parsed.otp }).toEqual(account);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('arbitrary strings make the parser throw nothing but OtpUriError', () => {
    const input = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ maxLength: 200 }).map((s) => `otpauth://${s}`),
      fc.tuple(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.string()).map(([label, key, rest]) => `otpauth://totp/${label}?secret=${key}&${rest}`),
      fc.tuple(fc.constantFrom('totp', 'hotp', 'steam', 'TOTP', ''), fc.string({ unit: 'grapheme-ascii' })).map(([type, rest]) => `otpauth://${type}/${rest}`),
    );
    fc.assert(fc.property(input, parsesOrOtpUriError), { seed: SEED, numRuns: 5000 });
  });

  it('mutated valid URIs make the parser throw nothing but OtpUriError', () => {
    const mutation = fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: 0, max: 4 }),
      insert: fc.oneof(fc.constantFrom('%', '%3', '%3A', ':', '/', '//', '?', '&', '=', '#', '\u0000', '\uD800', '=', '0', '-', 'é', '%E0%A4%A', ' '), fc.string({ maxLength: 4 })),
    });
    fc.assert(
      fc.property(draft, fc.array(mutation, { minLength: 1, maxLength: 5 }), (account, mutations) => {
        let uri = formatOtpauthUri(account);
        for (const { at, remove, insert } of mutations) {
          const position = at % (uri.length + 1);
          uri = uri.slice(0, position) + insert + uri.slice(position + remove);
        }
        parsesOrOtpUriError(uri);
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });
});

describe('base32 (properties)', () => {
  it('bytes → base32 → bytes is the identity, and the encoding is canonical', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 128 }), (bytes) => {
        const text = bytesToBase32(bytes);
        expect(text).toMatch(/^[A-Z2-7]+$/);
        expect(normalizeBase32(text)).toBe(text);
        expect(base32ToBytes(text)).toEqual(bytes);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('lower case, groups, hyphens and RFC 4648 padding all normalize to the same key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom(' ', '-', '\n', '  '), (bytes, group, separator) => {
        const canonical = bytesToBase32(bytes);
        const padded = canonical + '='.repeat((8 - (canonical.length % 8)) % 8);
        const grouped = (canonical.toLowerCase().match(new RegExp(`.{1,${group}}`, 'g')) ?? []).join(separator);
        expect(normalizeBase32(padded)).toBe(canonical);
        expect(normalizeBase32(grouped)).toBe(canonical);
        expect(base32ToBytes(` ${grouped} `)).toEqual(bytes);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('any string either normalizes to canonical base32 or throws OtpUriError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[a-zA-Z2-7= -]{0,40}$/)), (input) => {
        try {
          expect(normalizeBase32(input)).toMatch(/^[A-Z2-7]+$/);
        } catch (error) {
          expect(error).toBeInstanceOf(OtpUriError);
          expect(['missing-secret', 'invalid-secret']).toContain((error as OtpUriError).code);
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
