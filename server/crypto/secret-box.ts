import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'server.key';
const FORMAT_V1 = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals TOTP secrets at rest with AES-256-GCM (NIST SP 800-38D): a fresh 96-bit nonce per seal,
 * the user id as additional authenticated data so a sealed secret copied to another row fails to
 * open. Layout: version byte | nonce | ciphertext | tag.
 *
 * Key material: this object holds the server key. It comes from TWOFOLD_SERVER_KEY or from a
 * 0600 key file in the data directory, never from the database.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The server key must be 32 bytes (AES-256).');
  }

  seal(plaintext: Uint8Array, context: string): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), nonce, body, cipher.getAuthTag()]);
  }

  open(sealed: Uint8Array, context: string): Buffer {
    const buf = Buffer.from(sealed);
    if (buf.length < 1 + NONCE_BYTES + TAG_BYTES || buf[0] !== FORMAT_V1) throw new Error('Sealed secret has an unknown format.');
    const nonce = buf.subarray(1, 1 + NONCE_BYTES);
    const tag = buf.subarray(buf.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(buf.subarray(1 + NONCE_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
  }
}

/** Parses TWOFOLD_SERVER_KEY: 32 bytes as 64 hex digits or base64. */
export function parseServerKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) {
    throw new Error('TWOFOLD_SERVER_KEY must be 32 bytes, as 64 hex digits or base64 (e.g. `openssl rand -hex 32`).');
  }
  return key;
}

/**
 * The server key: TWOFOLD_SERVER_KEY when set, else `server.key` in the data directory, created
 * with 32 CSPRNG bytes and mode 0600 on first use. A key file readable by group or others is
 * refused, as ssh refuses such private keys.
 */
export function loadServerKey(dataDir: string, envValue: string | undefined): Buffer {
  if (envValue !== undefined && envValue !== '') return parseServerKey(envValue);
  const path = join(dataDir, KEY_FILE);
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32).toString('hex'));
    } finally {
      closeSync(fd);
    }
    chmodSync(path, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new Error(`${path} is readable by other users. Run \`chmod 600 ${path}\` and start again.`);
  }
  return parseServerKey(readFileSync(path, 'utf8'));
}
