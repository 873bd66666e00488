import { HOTP, Secret } from 'otpauth';
import type { OtpParams } from './account';
import { decodeCanonical } from './base32';
import { secretBytes, secretCellOf, type OtpParamsWithoutSecret } from './secret-bytes';

/**
 * One-time codes: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard.
 *
 * The HMAC and the dynamic truncation come from the `otpauth` library (it uses node:crypto in
 * Node/Electron main and a bundled @noble/hashes elsewhere), so this module holds no crypto of
 * its own.
 *
 * Steam Guard is HOTP over the TOTP time step (SHA1, 30 s) whose 31-bit dynamically truncated
 * value (RFC 4226 §5.3 "Snum") is written in base 26 with the alphabet below, least significant
 * first, 5 characters. `otpauth` does not export its HMAC, but `HOTP.generate` returns
 * `Snum mod 10^digits`; with 10 digits that is Snum itself (Snum < 2^31 < 10^10), so asking for
 * a 10-digit HOTP gives us Steam's input without a second HMAC implementation or another
 * dependency.
 *
 * Key material: every function takes the shared secret (inside `OtpParams`). Never log them.
 */

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
const STEAM_LENGTH = 5;
/** 10^10 > 2^31, so a 10-digit HOTP is the untruncated 31-bit value. */
const FULL_TRUNCATION_DIGITS = 10;

/** The shared secret decoded once, ready for repeated HMACs (see `CodeCalculator`). */
export type PreparedSecret = Secret;

/**
 * The HMAC otpauth calls (`HOTP.generate`'s `hmac` option). otpauth's own default for Node
 * (`createHmac(algorithm, Buffer.from(key))`) copies the key into a new Buffer, usually a slice
 * of Node's shared 8 KiB pool, that nobody zeroes: the main process passes `nodeHmac`
 * (electron/main/services/codes/node-hmac.ts), which hands our bytes to OpenSSL as they are.
 * Key material: `key` is the shared secret.
 */
export type HmacFunction = (algorithm: string, key: Uint8Array, message: Uint8Array) => Uint8Array;

/**
 * The secret of `otp` as bytes the HMAC reads directly (otpauth's Secret keeps a view on this
 * buffer, no copy), owned by the caller, who zeroes them when done (`secret.bytes.fill(0)`).
 * A secret the vault holds in a `SecretCell` is copied byte for byte, so no base32 string of it
 * is made; a plain string secret is decoded. Key material in, key material out.
 */
export function prepareSecret(otp: Pick<OtpParams, 'secret'>): PreparedSecret {
  const cell = secretCellOf(otp);
  let bytes: Uint8Array;
  if (cell) {
    const held = cell.bytes;
    bytes = secretBytes(held.length);
    bytes.set(held);
  } else {
    bytes = decodeCanonical(otp.secret);
  }
  return new Secret({ buffer: bytes.buffer as ArrayBuffer });
}

/**
 * The TOTP time step for an instant: floor(T / X) with T in seconds since the Unix epoch
 * (RFC 6238 §4.2, T0 = 0).
 */
export function timeStep(atMs: number, periodSeconds: number): number {
  if (!Number.isFinite(atMs) || atMs < 0) {
    throw new RangeError(`Cannot compute a code for the instant ${atMs}: the clock must read a time after 1970.`);
  }
  return Math.floor(atMs / 1000 / periodSeconds);
}

/** The code for one counter value (HOTP counter or TOTP/Steam time step). */
export function codeForCounter(otp: OtpParamsWithoutSecret, secret: PreparedSecret, counter: number, hmac?: HmacFunction): string {
  if (otp.type === 'steam') {
    let value = Number(HOTP.generate({ secret, algorithm: 'SHA1', digits: FULL_TRUNCATION_DIGITS, counter, hmac }));
    let code = '';
    for (let i = 0; i < STEAM_LENGTH; i++) {
      code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
      value = Math.floor(value / STEAM_ALPHABET.length);
    }
    return code;
  }
  return HOTP.generate({ secret, algorithm: otp.algorithm, digits: otp.digits, counter, hmac });
}

/**
 * The code an account shows at `atMs` (Unix milliseconds): for totp and steam the code of the
 * time step containing `atMs` (RFC 6238 §4), for hotp the code of `otp.counter` (RFC 4226 §5.3).
 */
export function generateCode(otp: OtpParams, atMs: number, hmac?: HmacFunction): string {
  const secret = prepareSecret(otp);
  try {
    const counter = otp.type === 'hotp' ? otp.counter : timeStep(atMs, otp.period);
    return codeForCounter(otp, secret, counter, hmac);
  } finally {
    secret.bytes.fill(0);
  }
}

/**
 * How many seconds before a period ends the next period's code is shown (and so computed): the
 * product spec has the codes window show it "in the last 5 seconds", so a slow typist can use it
 * instead of racing the rollover. The renderer imports this constant, so what is computed and what is
 * shown cannot disagree.
 */
export const NEXT_CODE_LEAD_SECONDS = 5;

/** A time-based account's code, the next one when it is due, and where `atMs` falls in the period. */
export interface TimeCodeWindow {
  type: 'totp' | 'steam';
  code: string;
  /**
   * The following period's code when `secondsLeft <= NEXT_CODE_LEAD_SECONDS`, else null: nobody
   * sees it earlier, and leaving it out halves the HMACs of a refresh (the first one after
   * unlock computes every account's codes).
   */
  nextCode: string | null;
  period: number;
  /** Seconds until `code` expires, measured from `atMs` (fractional, > 0). */
  secondsLeft: number;
  /** Start of the current period, in Unix milliseconds. */
  periodStart: number;
}

/** A counter-based account's code and the counter it belongs to. */
export interface CounterCodeWindow {
  type: 'hotp';
  code: string;
  counter: number;
}

/** Everything `CodeView` carries but the account id. */
export type CodeWindow = TimeCodeWindow | CounterCodeWindow;

/** Period arithmetic for time-based codes (RFC 6238 §4.2). */
export function periodBounds(atMs: number, periodSeconds: number): { step: number; periodStart: number; secondsLeft: number } {
  const step = timeStep(atMs, periodSeconds);
  const periodStart = step * periodSeconds * 1000;
  const secondsLeft = (periodStart + periodSeconds * 1000 - atMs) / 1000;
  return { step, periodStart, secondsLeft };
}

/** True when the next period's code is shown, `secondsLeft` seconds before the rollover. */
export function nextCodeDue(secondsLeft: number): boolean {
  return secondsLeft <= NEXT_CODE_LEAD_SECONDS;
}

/**
 * Builds a window from a code function (shared with the caching `CodeCalculator`). `codeAt` is
 * called for the next period only when that code is due (see `TimeCodeWindow.nextCode`).
 */
export function buildCodeWindow(otp: OtpParamsWithoutSecret, atMs: number, codeAt: (counter: number) => string): CodeWindow {
  if (otp.type === 'hotp') return { type: 'hotp', code: codeAt(otp.counter), counter: otp.counter };
  const { step, periodStart, secondsLeft } = periodBounds(atMs, otp.period);
  const code = codeAt(step);
  const nextCode = nextCodeDue(secondsLeft) ? codeAt(step + 1) : null;
  return { type: otp.type, code, nextCode, period: otp.period, secondsLeft, periodStart };
}

/**
 * The code at `atMs`, and for totp/steam the countdown and, in the last
 * `NEXT_CODE_LEAD_SECONDS`, the next period's code. To compute
 * many accounts' codes repeatedly, use `CodeCalculator`, which decodes each secret once.
 */
export function codeWindow(otp: Extract<OtpParams, { type: 'totp' | 'steam' }>, atMs: number, hmac?: HmacFunction): TimeCodeWindow;
export function codeWindow(otp: Extract<OtpParams, { type: 'hotp' }>, atMs: number, hmac?: HmacFunction): CounterCodeWindow;
export function codeWindow(otp: OtpParams, atMs: number, hmac?: HmacFunction): CodeWindow;
export function codeWindow(otp: OtpParams, atMs: number, hmac?: HmacFunction): CodeWindow {
  const secret = prepareSecret(otp);
  try {
    return buildCodeWindow(otp, atMs, (counter) => codeForCounter(otp, secret, counter, hmac));
  } finally {
    secret.bytes.fill(0);
  }
}
