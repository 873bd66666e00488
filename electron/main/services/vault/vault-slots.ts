import { randomUUID } from 'node:crypto';
import { VaultError, type KeyProtector } from './vault-types';
import { DEFAULT_SCRYPT, deriveKey, newSalt, open, seal, VAULT_KEY_BYTES, wipe, type ScryptParams } from './vault-crypto';
import { b64, passwordSlotAad, unb64, type KeychainSlot, type PasswordSlot, type Slot } from './vault-format';

/**
 * Slots: each one wraps the same vault key under a different unlock method (Aegis's design).
 * Key material: the vault key passes through here in clear; derived keys are wiped after use.
 */

export const MIN_PASSWORD_LENGTH = 8;

/** Refuses passwords shorter than 8 characters (NIST SP 800-63B §5.1.1.1 minimum). */
export function assertPasswordPolicy(password: string, field = 'password'): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new VaultError('weak-password', `The password must be at least ${MIN_PASSWORD_LENGTH} characters long. Choose a longer one.`, field);
  }
}

export async function createPasswordSlot(password: string, vaultKey: Uint8Array, params: ScryptParams = DEFAULT_SCRYPT): Promise<PasswordSlot> {
  const salt = newSalt();
  const kek = await deriveKey(password, salt, params);
  try {
    const base = { id: randomUUID(), kdf: { name: 'scrypt' as const, n: params.n, r: params.r, p: params.p, salt: b64(salt) } };
    const wrapped = seal(kek, vaultKey, passwordSlotAad(base));
    return { type: 'password', ...base, nonce: b64(wrapped.nonce), key: b64(wrapped.ciphertext), tag: b64(wrapped.tag) };
  } finally {
    wipe(kek);
  }
}

/** The vault key, or null when the password is wrong. */
export async function openPasswordSlot(slot: PasswordSlot, password: string): Promise<Buffer | null> {
  const kek = await deriveKey(password, unb64(slot.kdf.salt), slot.kdf);
  try {
    const key = open(kek, { nonce: unb64(slot.nonce), ciphertext: unb64(slot.key), tag: unb64(slot.tag) }, passwordSlotAad(slot));
    if (key && key.length !== VAULT_KEY_BYTES) wipe(key);
    return key && key.length === VAULT_KEY_BYTES ? key : null;
  } finally {
    wipe(kek);
  }
}

export function passwordSlotOf(slots: readonly Slot[]): PasswordSlot {
  const slot = slots.find((s): s is PasswordSlot => s.type === 'password');
  // The file schema guarantees exactly one; this only guards against a programming error.
  if (!slot) throw new VaultError('vault-corrupt', 'The vault has no password slot.');
  return slot;
}

export function keychainSlotOf(slots: readonly Slot[]): KeychainSlot | undefined {
  return slots.find((s): s is KeychainSlot => s.type === 'keychain');
}

/**
 * Wraps the vault key with the OS keychain. Refuses a keychain that is missing, or that keeps
 * the key in plain form (Linux `basic_text`) unless the user opted in knowingly.
 */
export async function createKeychainSlot(protector: KeyProtector | undefined, vaultKey: Uint8Array, allowInsecure: boolean): Promise<KeychainSlot> {
  const availability = await assertKeychainUsable(protector, allowInsecure);
  let blob: Uint8Array;
  try {
    blob = await protector!.protect(vaultKey);
  } catch (error) {
    throw new VaultError('keychain-failed', `The OS keychain could not protect the vault key (${(error as Error).message}). Unlock with your password instead.`);
  }
  return { type: 'keychain', id: randomUUID(), backend: availability.backend, blob: b64(blob) };
}

export async function assertKeychainUsable(protector: KeyProtector | undefined, allowInsecure: boolean) {
  const availability = protector ? await protector.availability() : undefined;
  if (!protector || !availability?.available) {
    throw new VaultError('keychain-unavailable', 'No OS keychain is available on this system. Keep using your password to unlock.');
  }
  if (availability.insecure && !allowInsecure) {
    throw new VaultError(
      'keychain-insecure',
      `The only keychain here ("${availability.backend}") stores the key in plain form, readable by any program running as you. Install and unlock a keyring (GNOME Keyring or KWallet), or opt in knowingly.`,
    );
  }
  return availability;
}

/** The vault key from the keychain slot; 'keychain-failed' when the keychain cannot give it back. */
export async function openKeychainSlot(protector: KeyProtector | undefined, slot: KeychainSlot): Promise<Buffer> {
  if (!protector || !(await protector.availability()).available) {
    throw new VaultError('keychain-unavailable', 'The OS keychain is not available now. Unlock with your password.');
  }
  let key: Uint8Array;
  try {
    key = await protector.unprotect(unb64(slot.blob));
  } catch (error) {
    throw new VaultError('keychain-failed', `The OS keychain could not unlock the vault (${(error as Error).message}). Unlock with your password.`);
  }
  if (key.length !== VAULT_KEY_BYTES) {
    wipe(key);
    throw new VaultError('keychain-failed', 'The OS keychain returned a key of the wrong size. Unlock with your password, then turn keychain unlock off and on again.');
  }
  const copy = Buffer.from(new ArrayBuffer(VAULT_KEY_BYTES)); // off V8's heap: see newVaultKey
  copy.set(key);
  wipe(key);
  return copy;
}
