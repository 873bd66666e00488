import { ImportError } from '../import-errors';
import type { ImportCrypto, ScryptParams } from '../import-crypto';
import { base64ToBytes, hexToBytes, utf8, wipe } from '../encoding';
import { isRecord } from '../draft-builder';

/**
 * Decryption of an encrypted Aegis vault (vault version 1), after Aegis's docs/vault.md:
 * the vault content is encrypted with AES-256-GCM under a random 256-bit master key; the master
 * key is stored wrapped in "slots". A password slot (type 1) wraps it with AES-256-GCM under
 * scrypt(password, salt, N, r, p, 32) — N, r, p and the salt come from the slot. Nonces and tags
 * are hex and stored apart from the ciphertext; the content is base64.
 *
 * The "repaired" flag: early Aegis versions turned the password into bytes with a buffer that
 * could be longer than the UTF-8 text (Aegis issue #95). scrypt's PBKDF2 step pads its input to
 * 64 bytes, so for passwords up to 64 UTF-8 bytes both encodings derive the same key; slots
 * re-wrapped since the fix are marked "repaired": true. We derive from the exact UTF-8 bytes, which
 * opens every repaired slot and every unrepaired one with a password of 64 bytes or fewer.
 *
 * Key material: the password, the derived key and the master key pass through here. The derived
 * and master keys are wiped once the content is decrypted.
 */

/** What a hostile file may ask scrypt for: 128·N·r bytes of memory, capped at 256 MiB. */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
const MAX_SCRYPT_N = 2 ** 20;

interface PasswordSlot {
  params: ScryptParams;
  salt: Uint8Array;
  wrappedKey: Uint8Array;
  nonce: Uint8Array;
  tag: Uint8Array;
  repaired: boolean;
}

function damaged(what: string): never {
  throw new ImportError('file-damaged', `This Aegis backup is damaged (${what}): export it again from Aegis.`);
}

export function isEncryptedAegis(root: Record<string, unknown>): boolean {
  return typeof root.db === 'string';
}

function readPasswordSlots(header: unknown): PasswordSlot[] {
  if (!isRecord(header) || !Array.isArray(header.slots)) damaged('its header has no key slots');
  const slots: PasswordSlot[] = [];
  for (const slot of header.slots) {
    if (!isRecord(slot) || slot.type !== 1) continue;
    const params = isRecord(slot.key_params) ? slot.key_params : {};
    const salt = typeof slot.salt === 'string' ? hexToBytes(slot.salt) : null;
    const wrappedKey = typeof slot.key === 'string' ? hexToBytes(slot.key) : null;
    const nonce = typeof params.nonce === 'string' ? hexToBytes(params.nonce) : null;
    const tag = typeof params.tag === 'string' ? hexToBytes(params.tag) : null;
    if (!salt || !wrappedKey || !nonce || !tag || wrappedKey.length !== 32 || nonce.length !== 12 || tag.length !== 16) {
      damaged('a password slot is incomplete');
    }
    slots.push({ params: readScryptParams(slot), salt, wrappedKey, nonce, tag, repaired: slot.repaired === true });
  }
  return slots;
}

function readScryptParams(slot: Record<string, unknown>): ScryptParams {
  const { n, r, p } = slot;
  const valid =
    typeof n === 'number' && typeof r === 'number' && typeof p === 'number' &&
    Number.isInteger(n) && Number.isInteger(r) && Number.isInteger(p) &&
    n >= 2 && n <= MAX_SCRYPT_N && (n & (n - 1)) === 0 && r >= 1 && r <= 64 && p >= 1 && p <= 16 &&
    128 * n * r <= MAX_SCRYPT_MEMORY;
  if (!valid) damaged('its scrypt parameters are missing or beyond what Aegis writes');
  return { n, r, p };
}

/**
 * Opens the master key with the password, then decrypts the vault content to JSON text.
 * Throws 'needs-password', 'wrong-password' or 'file-damaged'.
 */
export async function decryptAegisContent(root: Record<string, unknown>, password: string | undefined, crypto: ImportCrypto): Promise<string> {
  const slots = readPasswordSlots(root.header);
  if (slots.length === 0) {
    throw new ImportError('unsupported-format', 'This Aegis backup can only be opened with a fingerprint or device key, not a password: in Aegis, set a password and export again.');
  }
  if (password === undefined || password === '') {
    throw new ImportError('needs-password', 'This Aegis backup is encrypted: enter the password you chose in Aegis.');
  }
  const header = root.header as Record<string, unknown>;
  const params = isRecord(header.params) ? header.params : {};
  const nonce = typeof params.nonce === 'string' ? hexToBytes(params.nonce) : null;
  const tag = typeof params.tag === 'string' ? hexToBytes(params.tag) : null;
  const ciphertext = typeof root.db === 'string' ? base64ToBytes(root.db) : null;
  if (!nonce || !tag || nonce.length !== 12 || tag.length !== 16) damaged('its content parameters are missing');
  if (!ciphertext) damaged('its content is not base64');

  const passwordBytes = utf8(password);
  let masterKey: Uint8Array | null = null;
  try {
    for (const slot of slots) {
      const derived = await crypto.scrypt(passwordBytes, slot.salt, slot.params, 32);
      try {
        masterKey = await crypto.aesGcmDecrypt(derived, slot.nonce, slot.wrappedKey, slot.tag);
      } finally {
        wipe(derived);
      }
      if (masterKey) break;
    }
    if (!masterKey) {
      const legacy = slots.every((s) => !s.repaired) && passwordBytes.length > 64;
      throw new ImportError(
        'wrong-password',
        legacy
          ? 'Wrong password for this Aegis backup. (It was made by an old Aegis version that handled long passwords differently: open it in a current Aegis, which repairs it, and export again.)'
          : 'Wrong password for this Aegis backup: enter the password you chose in Aegis (not your Twofold password).',
      );
    }
    const plaintext = await crypto.aesGcmDecrypt(masterKey, nonce, ciphertext, tag);
    if (!plaintext) damaged('its content does not authenticate: it was altered or cut short');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      return decoder.decode(plaintext);
    } catch {
      return damaged('its decrypted content is not text');
    } finally {
      wipe(plaintext);
    }
  } finally {
    wipe(passwordBytes, masterKey);
  }
}
