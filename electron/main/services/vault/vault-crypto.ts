import { createCipheriv, createHash, randomBytes, randomFillSync, scrypt, webcrypto } from 'node:crypto';

/**
 * The vault's cryptographic primitives, all from node:crypto (OpenSSL; decryption through its
 * WebCrypto, see `open`): no native add-on to
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
 * Returns the plaintext, or `null` when authentication fails (wrong key or altered data). The
 * caller owns the result and zeroes it.
 *
 * Why WebCrypto and not `createDecipheriv`: Node's `Decipher.update` allocates its output one byte
 * larger than needed and then shrinks it, and for small outputs (a slot's 32-byte vault key, a
 * vault of a few accounts) and outputs past glibc's mmap threshold alike that shrink can leave the
 * whole plaintext in freed memory that nobody zeroes: a memory scan of another process found it
 * after lock in every one of 10 runs at 360 bytes and at 300 KiB, also when decrypting in 16 KiB
 * pieces (test/vault/vault-memory-dump.test.ts caught it under load). `subtle.decrypt` writes
 * into one buffer sized up front and frees every buffer of its own with OPENSSL_clear_free: the
 * same scan found nothing in 10 of 10 runs.
 *
 * DESIGN, what it costs: `importKey` copies the key into a CryptoKey, which JavaScript cannot
 * wipe; OpenSSL clears that copy when the garbage collector frees the (dropped, unreachable)
 * CryptoKey, not at lock. The key handed in is the caller's to zero, as before.
 */
export async function open(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Promise<Buffer | null> {
  if (key.length !== VAULT_KEY_BYTES) return null;
  try {
    const cryptoKey = await webcrypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['decrypt']);
    const plain = await webcrypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.nonce, additionalData: aad, tagLength: GCM_TAG_BYTES * 8 },
      cryptoKey,
      Buffer.concat([sealed.ciphertext, sealed.tag]),
    );
    return Buffer.from(plain);
  } catch {
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
