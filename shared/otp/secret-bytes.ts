import type { OtpParams } from './account';
import { bytesToBase32 } from './base32';

/**
 * OTP secrets held as bytes the vault owns (issue #12 item 7), behind the same `OtpParams` shape
 * every other module uses.
 *
 * DESIGN (secrets in memory): the vault keeps each account's shared secret in a `SecretCell`, a
 * byte array it zeroes on lock. The account's `otp.secret` is then an accessor: reading it
 * encodes a fresh base32 string from the bytes, for the few places that need text (an export
 * the user asked for, a reveal, a duplicate check during an import). The code path never reads
 * it: `prepareSecret` (generate.ts) copies the bytes straight from the cell into the buffer the
 * HMAC reads, so unlocking and computing codes create no string of any secret.
 *
 * What a string read through the accessor cannot guarantee: JavaScript strings are immutable,
 * V8 may copy them (flattening, concatenation, a compaction moving them) and frees them only when
 * the garbage collector runs, so such a string may outlive a lock in the heap, or in swap.
 * Callers therefore read it only when the user asked for the secret in text, keep it in locals
 * (never cached in a field, never logged), and let it go at once.
 *
 * Copies that spread `otp` (`{ ...otp }`) call the accessor and hold a plain string from then on:
 * use `copyOtp` to change parameters while keeping the secret in the cell.
 */

const CELL = Symbol('twofold.otp-secret-cell');

/**
 * Zeroed bytes for key material, outside V8's heap. `new Uint8Array(n)` for a small n (up to
 * 64 bytes, V8's typed_array_max_size_in_heap) keeps the bytes inside the heap, where the garbage
 * collector moves them (a scavenge copies young objects) and leaves the old copy behind, beyond
 * the reach of `fill(0)`. A view over an explicit ArrayBuffer has its bytes in a separate
 * allocation that never moves, so zeroing it zeroes the only copy.
 */
export function secretBytes(length: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(length));
}

/** The OTP parameters apart from the secret (what the HMAC needs besides the key). */
export type OtpParamsWithoutSecret = OtpParams extends infer P ? (P extends OtpParams ? Omit<P, 'secret'> : never) : never;

/**
 * Secret bytes owned by whoever made the cell (the vault). `wipe()` zeroes them; after that any
 * read throws instead of handing out zeros, so a code or an export that was in flight when the
 * vault locked fails loudly rather than using an all-zero key.
 */
export class SecretCell {
  private current: Uint8Array | null;

  constructor(bytes: Uint8Array) {
    this.current = bytes;
  }

  /** Key material: the raw shared secret. Read it, copy it where it must go; never keep it. */
  get bytes(): Uint8Array {
    if (!this.current) throw new Error('The vault was locked while this account was in use. Unlock the vault and try again.');
    return this.current;
  }

  get wiped(): boolean {
    return this.current === null;
  }

  wipe(): void {
    this.current?.fill(0);
    this.current = null;
  }
}

/** The cell holding `otp`'s secret, or undefined when the secret is a plain string. */
export function secretCellOf(otp: object): SecretCell | undefined {
  return (otp as { [CELL]?: SecretCell })[CELL];
}

/**
 * `params` with `secret` read from `cell`: an enumerable accessor (so JSON, zod and `{ ...otp }`
 * still see a `secret`) and the cell under a non-enumerable symbol for `prepareSecret`.
 */
export function otpHoldingSecret(params: OtpParamsWithoutSecret, cell: SecretCell): OtpParams {
  const otp: Record<PropertyKey, unknown> = {};
  for (const key of Object.keys(params)) otp[key] = (params as Record<string, unknown>)[key];
  Object.defineProperty(otp, 'secret', { enumerable: true, get: () => bytesToBase32(cell.bytes) });
  Object.defineProperty(otp, CELL, { value: cell, enumerable: false });
  return otp as unknown as OtpParams;
}

/** Every parameter but the secret, without reading the secret (so no string of it is made). */
export function otpWithoutSecret(otp: OtpParams | OtpParamsWithoutSecret): OtpParamsWithoutSecret {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(otp)) if (key !== 'secret') out[key] = (otp as Record<string, unknown>)[key];
  return out as OtpParamsWithoutSecret;
}

/** A copy of `otp` with `changes` applied, its secret still in the same cell when it had one. */
export function copyOtp<P extends OtpParams>(otp: P, changes: Partial<OtpParamsWithoutSecret> = {}): P {
  const cell = secretCellOf(otp);
  if (!cell) return { ...otp, ...changes };
  return otpHoldingSecret({ ...otpWithoutSecret(otp), ...changes } as OtpParamsWithoutSecret, cell) as P;
}

/** True when both hold the same secret; compares bytes when both are held, without making strings. */
export function sameSecret(a: OtpParams, b: OtpParams): boolean {
  const cellA = secretCellOf(a);
  const cellB = secretCellOf(b);
  if (!cellA || !cellB) return a.secret === b.secret;
  if (cellA === cellB) return true;
  const x = cellA.bytes;
  const y = cellB.bytes;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
