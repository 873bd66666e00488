import { safeStorage } from 'electron';
import type { KeychainAvailability, KeyProtector } from '../services/vault';

/**
 * The vault's OS-keychain slot over Electron's safeStorage ASYNC API (the sync one is
 * deprecated in Electron 45). safeStorage encrypts strings, so the vault key travels as base64.
 *
 * On Linux, `getSelectedStorageBackend()` 'basic_text' means no keychain was found and the
 * "encryption" uses a hard-coded password: such a slot protects nothing, so availability says
 * `insecure: true` and the vault refuses it unless the user opts in knowingly.
 *
 * Key material: the vault key passes through `protect`/`unprotect` in clear. Never log it.
 * @see https://www.electronjs.org/docs/latest/api/safe-storage
 */
export class SafeStorageKeyProtector implements KeyProtector {
  async availability(): Promise<KeychainAvailability> {
    const available = await safeStorage.isAsyncEncryptionAvailable();
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platformBackend();
    return { available, insecure: backend === 'basic_text', backend };
  }

  async protect(vaultKey: Uint8Array): Promise<Uint8Array> {
    const encoded = Buffer.from(vaultKey).toString('base64');
    return new Uint8Array(await safeStorage.encryptStringAsync(encoded));
  }

  async unprotect(blob: Uint8Array): Promise<Uint8Array> {
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(blob));
    return new Uint8Array(Buffer.from(result, 'base64'));
  }
}

function platformBackend(): string {
  if (process.platform === 'darwin') return 'keychain';
  if (process.platform === 'win32') return 'dpapi';
  return 'unknown';
}
