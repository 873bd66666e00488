import type { vaultChannels } from '../../../../shared/ipc/vault-channels';
import { insecureKeychainConsent } from '../../services/security';
import type { Handlers } from '../dispatcher';
import type { CoreServices } from './services';

/** What the vault handlers tell the backups (absent where there are none, e.g. some tests). */
export interface PasswordWatcher {
  passwordEntered(): void;
  vaultPasswordChanged(newPassword: string): Promise<void>;
}

/**
 * Vault lifecycle: create, unlock (password or OS keychain), lock, password and keychain slots.
 * Every password attempt goes through the PasswordGate (one counter, growing delay after 5
 * failures); changing the password and the keychain slot need the current password again; an
 * insecure keychain is confirmed in a native dialog, never by an argument from the renderer.
 */
export function createVaultHandlers({ vault, settings, keyProtector, passwordGate, confirmDialog }: CoreServices, backup?: PasswordWatcher): Handlers<typeof vaultChannels> {
  return {
    // Re-reads the file header while locked: another program (the CLI) may have created it.
    'vault:status': () => vault.refresh(),
    'vault:keychain-availability': async () =>
      keyProtector ? keyProtector.availability() : { available: false, insecure: false, backend: 'none' },
    'vault:create': async (password, options) => {
      const allowInsecureKeychain = options.keychain ? await insecureKeychainConsent(keyProtector, confirmDialog) : false;
      await vault.create(password, { keychain: options.keychain, allowInsecureKeychain });
      if (options.keychain) settings.set({ keychainOptIn: true });
      return vault.status();
    },
    'vault:unlock': async (password) => {
      await passwordGate.attempt(() => vault.unlock(password));
      backup?.passwordEntered();
      return vault.status();
    },
    'vault:unlock-keychain': async () => {
      await vault.unlockWithKeychain();
      return vault.status();
    },
    'vault:lock': () => {
      vault.lock();
      return vault.status();
    },
    'vault:touch': () => {
      vault.touch();
      return null;
    },
    'vault:change-password': async (currentPassword, newPassword) => {
      await passwordGate.attempt(() => vault.changePassword(currentPassword, newPassword), 'currentPassword');
      backup?.passwordEntered();
      // Backups protected by the vault password follow it (a failure there is reported as a backup failure).
      await backup?.vaultPasswordChanged(newPassword).catch(() => {});
      return vault.status();
    },
    'vault:keychain': async ({ enabled }, password) => {
      await passwordGate.check(password, { purpose: 'to change keychain unlock' });
      if (enabled) await vault.enableKeychain({ allowInsecure: await insecureKeychainConsent(keyProtector, confirmDialog) });
      else await vault.disableKeychain();
      settings.set({ keychainOptIn: enabled });
      return vault.status();
    },
  };
}
