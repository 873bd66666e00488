import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountDraft } from '../../shared/otp/account';
import type { KeychainAvailability, KeyProtector } from '../../electron/main/services/vault/vault-types';

/** A temporary directory per test, removed afterwards. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'twofold-vault-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const SECRET = 'JBSWY3DPEHPK3PXP';

export function totpDraft(i: number, secret = SECRET): AccountDraft {
  return {
    issuer: `Issuer ${i}`,
    name: `user${i}@example.com`,
    otp: { type: 'totp', secret, algorithm: 'SHA1', digits: 6, period: 30 },
    tags: [],
    favourite: false,
    note: '',
  };
}

export function hotpDraft(i: number, counter = 0): AccountDraft {
  return {
    issuer: `Counter ${i}`,
    name: `hotp${i}`,
    otp: { type: 'hotp', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, counter },
    tags: [],
    favourite: false,
    note: '',
  };
}

/**
 * An in-memory keychain: "protects" by XOR with a per-instance mask, so a blob from one fake
 * cannot be opened by another (like a keychain on a different machine).
 */
export class FakeKeyProtector implements KeyProtector {
  failUnprotect = false;
  calls = { protect: 0, unprotect: 0 };
  private readonly mask = crypto.getRandomValues(new Uint8Array(32));

  constructor(public availabilityValue: KeychainAvailability = { available: true, insecure: false, backend: 'fake_keyring' }) {}

  async availability(): Promise<KeychainAvailability> {
    return this.availabilityValue;
  }

  async protect(vaultKey: Uint8Array): Promise<Uint8Array> {
    this.calls.protect++;
    return Uint8Array.from(vaultKey, (b, i) => b ^ this.mask[i % 32]!);
  }

  async unprotect(blob: Uint8Array): Promise<Uint8Array> {
    this.calls.unprotect++;
    if (this.failUnprotect) throw new Error('the keyring is locked');
    return Uint8Array.from(blob, (b, i) => b ^ this.mask[i % 32]!);
  }
}

export const PASSWORD = 'correct horse battery';

/** Awaits `action` and returns the VaultError it threw, failing the test if it did not. */
export async function vaultErrorOf(action: Promise<unknown> | (() => unknown)): Promise<import('../../electron/main/services/vault/vault-types').VaultError> {
  const { VaultError } = await import('../../electron/main/services/vault/vault-types');
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('expected a VaultError, but the call succeeded');
}
