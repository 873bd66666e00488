import type { OtpParams } from './account';
import { bytesToBase32, decodeCanonical } from './base32';

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

/** Which cell holds each vault-held `otp`'s secret (a WeakMap: no hidden property to copy or leak). */
const cells = new WeakMap<object, SecretCell>();

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
  return cells.get(otp);
}

/**
 * `params` with `secret` read from `cell`: an enumerable accessor (so JSON, zod and `{ ...otp }`
 * still see a `secret`), and the cell recorded for `prepareSecret`. `params` must have no
 * `secret` of its own (see `otpWithoutSecret`).
 */
export function otpHoldingSecret(params: OtpParamsWithoutSecret, cell: SecretCell): OtpParams {
  const otp = {
    ...params,
    get secret(): string {
      return bytesToBase32(cell.bytes);
    },
  };
  cells.set(otp, cell);
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

/**
 * True when both hold the same secret bytes. A held secret is compared as bytes (no string of it
 * is made); a plain one is decoded for the comparison and the decoded copy zeroed. Comparing bytes
 * also matches two spellings of one key (base32 whose unused trailing bits differ).
 */
export function sameSecret(a: OtpParams, b: OtpParams): boolean {
  const cellA = secretCellOf(a);
  const cellB = secretCellOf(b);
  if (!cellA && !cellB) return a.secret === b.secret;
  if (cellA && cellA === cellB) return true;
  const x = cellA ? cellA.bytes : decodeCanonical(a.secret);
  const y = cellB ? cellB.bytes : decodeCanonical(b.secret);
  try {
    if (x.length !== y.length) return false;
    let difference = 0;
    for (let i = 0; i < x.length; i++) difference |= x[i]! ^ y[i]!;
    return difference === 0;
  } finally {
    if (!cellA) x.fill(0);
    if (!cellB) y.fill(0);
  }
}
