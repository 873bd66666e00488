import { describe, expect, it } from 'vitest';
import { bytesToBase32, codeWindow, generateCode, parseOtpauthUri, type OtpParams } from '../../shared/otp';

const ascii = (text: string): string => bytesToBase32(new TextEncoder().encode(text));

/** RFC 4226 Appendix D: HOTP-SHA1, secret "12345678901234567890", counters 0–9, 6 digits. */
const RFC4226_SECRET = ascii('12345678901234567890');
const RFC4226_CODES = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

describe('RFC 4226 Appendix D (HOTP)', () => {
  it.each(RFC4226_CODES.map((code, counter) => [counter, code] as const))('counter %i gives %s', (counter, code) => {
    const otp: OtpParams = { type: 'hotp', secret: RFC4226_SECRET, algorithm: 'SHA1', digits: 6, counter };
    expect(generateCode(otp, 0)).toBe(code);
    expect(codeWindow(otp, Date.UTC(2030, 0, 1))).toEqual({ type: 'hotp', code, counter });
  });

  it('the same codes come out of an otpauth URI', () => {
    const draft = parseOtpauthUri(`otpauth://hotp/RFC:4226?secret=${RFC4226_SECRET}&counter=7`);
    expect(generateCode(draft.otp, 0)).toBe('162583');
  });
});

/**
 * RFC 6238 Appendix B: TOTP with the seeds the reference implementation uses (20, 32 and 64 ASCII
 * bytes for SHA1, SHA256 and SHA512), T0 = 0, X = 30, 8 digits.
 */
const RFC6238_SEEDS = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
const RFC6238_TABLE: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 Appendix B (TOTP)', () => {
  for (const [seconds, sha1, sha256, sha512] of RFC6238_TABLE) {
    for (const [algorithm, code] of [['SHA1', sha1], ['SHA256', sha256], ['SHA512', sha512]] as const) {
      it(`${algorithm} at T=${seconds} gives ${code}`, () => {
        const otp: OtpParams = { type: 'totp', secret: RFC6238_SEEDS[algorithm], algorithm, digits: 8, period: 30 };
        expect(generateCode(otp, seconds * 1000)).toBe(code);
        // Anywhere in the same 30 s step gives the same code.
        const stepStart = Math.floor(seconds / 30) * 30 * 1000;
        expect(generateCode(otp, stepStart)).toBe(code);
        expect(generateCode(otp, stepStart + 29_999)).toBe(code);
      });
    }
  }

  it('the window shows the next step’s code in the last 5 seconds, and the time left', () => {
    const otp: OtpParams = { type: 'totp', secret: RFC6238_SEEDS.SHA1, algorithm: 'SHA1', digits: 8, period: 30 };
    // 1111111109 is 29 s into its step; the next step contains 1111111111.
    const window = codeWindow(otp, 1111111109_000);
    expect(window).toEqual({ type: 'totp', code: '07081804', nextCode: '14050471', period: 30, secondsLeft: 1, periodStart: 1111111080_000 });
    expect(codeWindow(otp, 1111111109_250).secondsLeft).toBeCloseTo(0.75, 10);
    // Exactly 5 s left: shown; a millisecond earlier, or at the start of the step: not yet.
    expect(codeWindow(otp, 1111111105_000)).toMatchObject({ code: '07081804', nextCode: '14050471', secondsLeft: 5 });
    expect(codeWindow(otp, 1111111104_999)).toMatchObject({ code: '07081804', nextCode: null });
    expect(codeWindow(otp, 1111111080_000)).toEqual({ type: 'totp', code: '07081804', nextCode: null, period: 30, secondsLeft: 30, periodStart: 1111111080_000 });
  });
});

/**
 * Steam Guard vectors published by other projects (facts only):
 * - KeePassXC tests/TestTotp.cpp `testSteamTotp` (values recorded from the Steam mobile app):
 *   secret 63BEDWCQZKTQWPESARIERL5DTTQFCJTK, 1511200518 → FR8RV, 1511200714 → 9P3VP; also used
 *   by Authenticator Pro / Stratum's SteamOtpTest.
 * - ValvePython/steam tests/test_guard.py `test_generate_twofactor_code_for_time`: the shared
 *   secret is the 16 ASCII bytes "superdupersecret"; 3000030 → YRGQJ, 3000029 → 94R9D.
 * - MAKS11060/otp src/steamTotp.test.ts: 20 zero bytes, time step 0 → RYH4D, step 1 → DR2DK.
 */
describe('Steam Guard', () => {
  const steam = (secret: string): OtpParams => ({ type: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30 });

  it.each([
    ['KeePassXC', '63BEDWCQZKTQWPESARIERL5DTTQFCJTK', 1511200518, 'FR8RV'],
    ['KeePassXC', '63BEDWCQZKTQWPESARIERL5DTTQFCJTK', 1511200714, '9P3VP'],
    ['ValvePython/steam', ascii('superdupersecret'), 3000030, 'YRGQJ'],
    ['ValvePython/steam', ascii('superdupersecret'), 3000029, '94R9D'],
    ['MAKS11060/otp', bytesToBase32(new Uint8Array(20)), 0, 'RYH4D'],
    ['MAKS11060/otp', bytesToBase32(new Uint8Array(20)), 30, 'DR2DK'],
  ])('%s: %s at %i gives %s', (_source, secret, seconds, code) => {
    expect(generateCode(steam(secret), seconds * 1000)).toBe(code);
  });

  it('a Steam URI written either way produces Steam codes', () => {
    const viaEncoder = parseOtpauthUri('otpauth://totp/Steam:x?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam&encoder=steam');
    const viaType = parseOtpauthUri('otpauth://steam/Steam:x?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK');
    for (const draft of [viaEncoder, viaType]) {
      expect(draft.otp.type).toBe('steam');
      expect(generateCode(draft.otp, 1511200518_000)).toBe('FR8RV');
    }
  });

  it('codes use only Steam’s 26-character alphabet', () => {
    const otp = steam('63BEDWCQZKTQWPESARIERL5DTTQFCJTK');
    for (let step = 0; step < 200; step++) {
      expect(generateCode(otp, step * 30_000 + 1_600_000_000_000)).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    }
  });

  it('the window carries the next Steam code in the last 5 seconds', () => {
    const window = codeWindow(steam(ascii('superdupersecret')), 3000029_000);
    expect(window).toMatchObject({ type: 'steam', code: '94R9D', nextCode: 'YRGQJ', period: 30, secondsLeft: 1 });
    expect(codeWindow(steam(ascii('superdupersecret')), 3000024_999)).toMatchObject({ type: 'steam', code: '94R9D', nextCode: null });
  });
});

describe('instants that cannot have a code', () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (atMs) => {
    const otp: OtpParams = { type: 'totp', secret: RFC6238_SEEDS.SHA1, algorithm: 'SHA1', digits: 6, period: 30 };
    expect(() => generateCode(otp, atMs)).toThrow(RangeError);
  });
});
