import { describe, expect, it } from 'vitest';
import { OtpUriError, base32ToBytes, bytesToBase32, normalizeBase32, type OtpUriErrorCode } from '../../shared/otp';

const ascii = (text: string) => new TextEncoder().encode(text);

/** RFC 4648 §10 test vectors (padded as the RFC writes them; our canonical form drops the "="). */
const RFC4648: [string, string][] = [
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
];

describe('base32 (RFC 4648 §6)', () => {
  it.each(RFC4648)('BASE32(%j) = %s', (text, encoded) => {
    expect(bytesToBase32(ascii(text))).toBe(encoded.replace(/=+$/, ''));
    expect(base32ToBytes(encoded)).toEqual(ascii(text));
    expect(base32ToBytes(encoded.replace(/=+$/, ''))).toEqual(ascii(text));
    expect(base32ToBytes(encoded.toLowerCase())).toEqual(ascii(text));
  });

  it('encodes nothing as nothing', () => {
    expect(bytesToBase32(new Uint8Array(0))).toBe('');
  });

  it.each([
    ['jbsw y3dp ehpk 3pxp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DPEHPK3PXP'],
    ['\tjbswy3dp\nehpk3pxp  ', 'JBSWY3DPEHPK3PXP'],
    ['MZXW6YQ=', 'MZXW6YQ'],
    ['mzxw6yq=', 'MZXW6YQ'],
    // 17 characters: the spare bits are ignored, as Google Authenticator does.
    ['JBSWY3DPEHPK3PXPA', 'JBSWY3DPEHPK3PXPA'],
  ])('normalizes %j to %s', (input, canonical) => {
    expect(normalizeBase32(input)).toBe(canonical);
  });

  const bad: [string, string, OtpUriErrorCode][] = [
    ['empty', '', 'missing-secret'],
    ['whitespace', '   \n', 'missing-secret'],
    ['hyphens only', '--', 'missing-secret'],
    ['padding only', '========', 'missing-secret'],
    ['0 (zero)', 'JBSWY3DPEHPK0PXP', 'invalid-secret'],
    ['1 (one)', 'JBSWY3DPEHPK1PXP', 'invalid-secret'],
    ['8', 'JBSWY3DPEHPK8PXP', 'invalid-secret'],
    ['9', 'JBSWY3DPEHPK9PXP', 'invalid-secret'],
    ['non-ASCII letter', 'JBSWY3DPÉHPK3PXP', 'invalid-secret'],
    ['emoji', 'JBSWY3DP🔑', 'invalid-secret'],
    ['a NUL byte', 'JBSW\u0000Y3DP', 'invalid-secret'],
    ['padding inside', 'MZ=XW6YQ', 'invalid-secret'],
    ['too much padding', 'MZXW6YQ==', 'invalid-secret'],
    ['too little padding', 'MZXQ==', 'invalid-secret'],
    ['padding on a full quantum', 'MZXW6YTB========', 'invalid-secret'],
    ['padding after an impossible length', 'MZXW6Y==', 'invalid-secret'],
    ['one character', 'A', 'invalid-secret'],
  ];

  it.each(bad)('refuses %s', (_what, input, code) => {
    try {
      normalizeBase32(input);
      expect.unreachable('normalized without error');
    } catch (error) {
      expect(error).toBeInstanceOf(OtpUriError);
      expect((error as OtpUriError).code).toBe(code);
      expect((error as OtpUriError).field).toBe('secret');
    }
  });

  it('names the look-alike a mistyped character was probably meant to be', () => {
    const messageFor = (input: string) => {
      try {
        normalizeBase32(input);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(messageFor('JBSWY3DPEHPK0PXP')).toMatch(/"0".*O/);
    expect(messageFor('JBSWY3DPEHPK1PXP')).toMatch(/"1".*I or L/);
    expect(messageFor('JBSWY3DPEHPK8PXP')).toMatch(/"8".*B/);
    expect(messageFor('JBSW\u0000Y3DP')).toMatch(/control character \(U\+0000\)/);
  });
});
