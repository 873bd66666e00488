import { createCipheriv, createDecipheriv, createHash, randomBytes, randomFillSync, scrypt } from 'node:crypto';

/**
 * The vault's cryptographic primitives, all from node:crypto (OpenSSL): no native add-on to
 * package for Electron, and scrypt runs on libuv's thread pool so unlocking never blocks the
 * main process's event loop.
 *
 * Key material flows through every function here. Never log arguments or results.
 */

export const VAULT_KEY_BYTES = 32; // AES-256
export const GCM_NONCE_BYTES = 12; // 96-bit nonce, the size GCM is specified for (NIST SP 800-38D §5.2.1.1)
export const GCM_TAG_BYTES = 16;
export const SALT_BYTES = 32;

export interface ScryptParams {
  n: number;
  r: number;
  p: number;
}

/**
 * scrypt N=2^15, r=8, p=1 (RFC 7914 §2; the parameters Aegis uses). About 150 ms on a 2-core
 * machine; 2^16 doubled that and left no margin under the 300 ms unlock budget.
 */
export const DEFAULT_SCRYPT: ScryptParams = { n: 2 ** 15, r: 8, p: 1 };

export interface Sealed {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * A fresh random vault key. The caller owns the buffer and zeroes it on lock. Its bytes live in
 * their own ArrayBuffer, outside V8's heap: a small `randomBytes`/`Buffer.alloc` buffer may live
 * inside the heap, where the garbage collector can move it and leave a copy `fill(0)` never reaches.
 */
export function newVaultKey(): Buffer {
  return randomFillSync(Buffer.from(new ArrayBuffer(VAULT_KEY_BYTES)));
}

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

/**
 * Derives a 256-bit key-encryption key from the password (RFC 7914). scrypt needs 128·N·r bytes;
 * node's default `maxmem` (32 MiB) is exactly that for N=2^15 r=8 and refuses it, so allow twice
 * the requirement.
 */
export function deriveKey(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  // Defence in depth: parseVaultFile already refused such a file (vault-format.ts, scryptCostProblem).
  if (128 * params.n * params.r > 256 * 1024 * 1024 || params.n * params.r * params.p > 2 ** 21) {
    return Promise.reject(new RangeError('scrypt parameters out of bounds'));
  }
  const maxmem = 2 * 128 * params.n * params.r * params.p + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, VAULT_KEY_BYTES, { N: params.n, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** AES-256-GCM with a fresh random 96-bit nonce; `aad` is authenticated but not encrypted. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  const nonce = randomBytes(GCM_NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/**
 * Ciphertext is decrypted this many bytes at a time. Node's `update` allocates its output one byte
 * larger than needed and then shrinks it (BackingStore::Reallocate); for an output past glibc's
 * mmap threshold (128 KiB and up) that shrink moves the bytes and leaves the old copy of the
 * plaintext unzeroed in freed memory. Outputs this small are shrunk in place (seen with
 * test/vault/vault-memory-dump.test.ts's memory scan: 200 KiB in one piece left a copy, in
 * 16 KiB pieces none).
 */
const DECRYPT_PIECE_BYTES = 16 * 1024;

/**
 * Returns the plaintext, or `null` when authentication fails (wrong key or altered data). The
 * plaintext is written into one buffer of its own, outside V8's heap, piece by piece (each piece
 * Node returns is zeroed once copied); a plaintext that fails authentication is zeroed before it
 * is dropped. The caller owns the result and zeroes it.
 */
export function open(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Buffer | null {
  const plain = Buffer.from(new ArrayBuffer(sealed.ciphertext.length));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    let at = 0;
    while (at < sealed.ciphertext.length) {
      const piece = decipher.update(sealed.ciphertext.subarray(at, at + DECRYPT_PIECE_BYTES));
      piece.copy(plain, at);
      at += piece.length;
      piece.fill(0);
    }
    // GCM is a stream mode: `final` adds no bytes, it only checks the tag.
    if (at !== plain.length || decipher.final().length !== 0) throw new Error('unexpected GCM output length');
    return plain;
  } catch {
    plain.fill(0);
    return null;
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Overwrites key material in place. JS strings cannot be wiped; buffers can. */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}
