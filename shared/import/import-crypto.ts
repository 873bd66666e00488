/**
 * The cryptography import and export need, as a port: `shared/` has no `node:*`, so the Node
 * implementation (node:crypto) is injected by the main process and the CLI, and tests may inject
 * a fast fake to fuzz file structure without paying for a real KDF on every case.
 *
 * Key material flows through every method: passwords, derived keys and plaintexts. Implementations
 * must never log their arguments or results.
 */
export interface ScryptParams {
  /** CPU/memory cost, a power of two (RFC 7914 §2). */
  n: number;
  r: number;
  p: number;
}

export interface ImportCrypto {
  /** scrypt (RFC 7914) → `keyLength` bytes. */
  scrypt(password: Uint8Array, salt: Uint8Array, params: ScryptParams, keyLength: number): Promise<Uint8Array>;
  /** PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) → `keyLength` bytes. */
  pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number): Promise<Uint8Array>;
  /**
   * AES-256-GCM decryption (NIST SP 800-38D) with a 128-bit tag kept apart from the ciphertext.
   * Returns null when the tag does not authenticate (wrong key or altered data); never throws for that.
   */
  aesGcmDecrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Promise<Uint8Array | null>;
  /** AES-256-GCM encryption; the tag is returned apart (Aegis stores it apart). */
  aesGcmEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Promise<{ ciphertext: Uint8Array; tag: Uint8Array }>;
  /** Cryptographically secure random bytes. */
  randomBytes(length: number): Uint8Array;
}
