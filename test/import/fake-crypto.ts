import type { ImportCrypto } from '../../shared/import/import-crypto';

/**
 * A fast, deterministic stand-in for ImportCrypto, for fuzzing file *structure* without paying for
 * scrypt/PBKDF2 on every case. NOT cryptography: the "KDF" mixes password and salt with FNV-1a,
 * the "cipher" XORs a key/nonce-derived stream, and the "tag" is a keyed FNV checksum. It keeps
 * the properties the parsers rely on: a wrong key fails the tag, a changed byte fails the tag.
 */
function fnv(seed: number, ...parts: Uint8Array[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    for (const byte of part) {
      h ^= byte;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function stream(key: Uint8Array, nonce: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = fnv(7, key, nonce);
  for (let i = 0; i < length; i++) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
    out[i] = state & 0xff;
  }
  return out;
}

function derive(password: Uint8Array, salt: Uint8Array, cost: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = fnv(i + cost, password, salt) & 0xff;
  return out;
}

function tagOf(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const tag = new Uint8Array(16);
  for (let i = 0; i < 4; i++) {
    const h = fnv(100 + i, key, nonce, ciphertext);
    tag.set([h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff, h >>> 24], i * 4);
  }
  return tag;
}

let counter = 0;

export const fakeCrypto: ImportCrypto = {
  scrypt: (password, salt, params, length) => Promise.resolve(derive(password, salt, params.n + params.r * 7 + params.p * 13, length)),
  pbkdf2Sha256: (password, salt, iterations, length) => Promise.resolve(derive(password, salt, iterations, length)),
  aesGcmDecrypt(key, nonce, ciphertext, tag) {
    const expected = tagOf(key, nonce, ciphertext);
    if (tag.length !== 16 || expected.some((b, i) => b !== tag[i])) return Promise.resolve(null);
    const s = stream(key, nonce, ciphertext.length);
    return Promise.resolve(ciphertext.map((b, i) => b ^ (s[i] ?? 0)));
  },
  aesGcmEncrypt(key, nonce, plaintext) {
    const s = stream(key, nonce, plaintext.length);
    const ciphertext = plaintext.map((b, i) => b ^ (s[i] ?? 0));
    return Promise.resolve({ ciphertext, tag: tagOf(key, nonce, ciphertext) });
  },
  randomBytes(length) {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = fnv(counter++, new Uint8Array([i])) & 0xff;
    return out;
  },
};
