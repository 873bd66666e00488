import { decodeCanonical } from '../../../../shared/otp/base32';
import type { OtpParams } from '../../../../shared/otp/account';
import { otpHoldingSecret, otpWithoutSecret, SecretCell, secretCellOf } from '../../../../shared/otp/secret-bytes';

/** Allocates the buffer one secret is copied into (a seam: tests capture what the vault allocated). */
export type SecretAllocator = (length: number) => Uint8Array;

/**
 * A Buffer over its own ArrayBuffer: never a slice of the shared pool (`Buffer.allocUnsafe`), and
 * never inside V8's heap, where a small `Buffer.alloc` lives and the garbage collector may move it
 * and leave a copy behind (see `secretBytes`, shared/otp/secret-bytes.ts).
 */
export const allocateSecret: SecretAllocator = (length) => Buffer.from(new ArrayBuffer(length));

/**
 * The secret bytes of one unlocked session (issue #12 item 7). Every OTP secret the vault holds
 * lives in a `SecretCell` made here, in a buffer from `allocate`; `wipeAll` (on lock) fills every
 * one with zeros and drops it, `retain` does the same for secrets the saved content no longer
 * references (an account deleted for good), so they do not wait for the lock.
 *
 * Any secret field of the vault content can be held this way, not only OTP secrets: the plaintext
 * codec (vault-content-codec.ts) stores each cell as a blob and references it by index.
 * Key material: never log a cell's bytes.
 */
export class SecretStore {
  private readonly cells = new Set<SecretCell>();

  constructor(private readonly allocate: SecretAllocator = allocateSecret) {}

  /** A cell holding a copy of `bytes`; the caller still owns (and zeroes) `bytes`. */
  hold(bytes: Uint8Array): SecretCell {
    const own = this.allocate(bytes.length);
    own.set(bytes);
    const cell = new SecretCell(own);
    this.cells.add(cell);
    return cell;
  }

  /**
   * `otp` with its secret held here. A plain string secret (a draft from an import or the add
   * form: text by nature) is decoded into a cell; the caller's string is left to the garbage
   * collector (see the DESIGN note in shared/otp/secret-bytes.ts).
   */
  holdOtp(otp: OtpParams): OtpParams {
    const cell = secretCellOf(otp);
    if (cell && this.cells.has(cell)) return otp;
    const decoded = cell ? cell.bytes : decodeCanonical(otp.secret);
    try {
      return otpHoldingSecret(otpWithoutSecret(otp), this.hold(decoded));
    } finally {
      if (!cell) decoded.fill(0);
    }
  }

  /** Zeroes and drops every cell not in `live`. */
  retain(live: ReadonlySet<SecretCell>): void {
    for (const cell of this.cells) {
      if (live.has(cell)) continue;
      cell.wipe();
      this.cells.delete(cell);
    }
  }

  /** Zeroes and drops every cell (on lock, and when an unlock fails half-way). */
  wipeAll(): void {
    for (const cell of this.cells) cell.wipe();
    this.cells.clear();
  }

  get size(): number {
    return this.cells.size;
  }
}
