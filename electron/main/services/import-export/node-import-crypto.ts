import { createCipheriv, createDecipheriv, pbkdf2, randomBytes, scrypt } from 'node:crypto';
import type { ImportCrypto, ScryptParams } from '../../../../shared/import/import-crypto';

/**
 * `ImportCrypto` on node:crypto (OpenSSL): scrypt (RFC 7914), PBKDF2-HMAC-SHA256 (RFC 8018) and
 * AES-256-GCM (NIST SP 800-38D), all asynchronous or cheap so the main process stays responsive
 * while an import derives its key.
 *
 * Key material: every argument and result here is a password, a key or a plaintext. Nothing is
 * logged; errors carry no data.
 */
export const nodeImportCrypto: ImportCrypto = {
  scrypt(password, salt, params: ScryptParams, keyLength) {
    // Node refuses scrypt above `maxmem` (32 MiB by default); Aegis's N=2^15, r=8 needs exactly
    // 32 MiB plus overhead. The parsers cap 128·N·r at 256 MiB before calling here.
    const maxmem = 128 * params.n * params.r * 2 + 1024 * 1024;
    return new Promise((resolve, reject) => {
      scrypt(password, salt, keyLength, { N: params.n, r: params.r, p: params.p, maxmem }, (error, key) => {
        if (error) reject(new Error('scrypt failed for these parameters'));
        else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
      });
    });
  },

  pbkdf2Sha256(password, salt, iterations, keyLength) {
    return new Promise((resolve, reject) => {
      pbkdf2(password, salt, iterations, keyLength, 'sha256', (error, key) => {
        if (error) reject(new Error('PBKDF2 failed for these parameters'));
        else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
      });
    });
  },

  aesGcmDecrypt(key, nonce, ciphertext, tag) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
      decipher.setAuthTag(tag);
      const head = decipher.update(ciphertext);
      const tail = decipher.final();
      const out = new Uint8Array(head.length + tail.length);
      out.set(head, 0);
      out.set(tail, head.length);
      head.fill(0);
      return Promise.resolve(out);
    } catch {
      // final() throws when the tag does not authenticate: a wrong key or altered data.
      return Promise.resolve(null);
    }
  },

  aesGcmEncrypt(key, nonce, plaintext) {
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    const head = cipher.update(plaintext);
    const tail = cipher.final();
    const ciphertext = new Uint8Array(head.length + tail.length);
    ciphertext.set(head, 0);
    ciphertext.set(tail, head.length);
    return Promise.resolve({ ciphertext, tag: new Uint8Array(cipher.getAuthTag()) });
  },

  randomBytes(length) {
    return new Uint8Array(randomBytes(length));
  },
};
