import type { vaultChannels } from '../../../../shared/ipc/vault-channels';
import type { Handlers } from '../dispatcher';
import type { CoreServices } from './services';

/** What the vault handlers tell the backups (absent where there are none, e.g. some tests). */
export interface PasswordWatcher {
  passwordEntered(): void;
  vaultPasswordChanged(newPassword: string): Promise<void>;
}

/** Vault lifecycle: create, unlock (password or OS keychain), lock, password and keychain slots. */
export function createVaultHandlers({ vault, settings, keyProtector }: CoreServices, backup?: PasswordWatcher): Handlers<typeof vaultChannels> {
  return {
    // Re-reads the file header while locked: another program (the CLI) may have created it.
    'vault:status': () => vault.refresh(),
    'vault:keychain-availability': async () =>
      keyProtector ? keyProtector.availability() : { available: false, insecure: false, backend: 'none' },
    'vault:create': async (password, options) => {
      await vault.create(password, { keychain: options.keychain, allowInsecureKeychain: options.allowInsecureKeychain });
      if (options.keychain) settings.set({ keychainOptIn: true });
      return vault.status();
    },
    'vault:unlock': async (password) => {
      await vault.unlock(password);
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
      await vault.changePassword(currentPassword, newPassword);
      backup?.passwordEntered();
      // Backups protected by the vault password follow it (a failure there is reported as a backup failure).
      await backup?.vaultPasswordChanged(newPassword).catch(() => {});
      return vault.status();
    },
    'vault:keychain': async ({ enabled, allowInsecure }) => {
      if (enabled) await vault.enableKeychain({ allowInsecure });
      else await vault.disableKeychain();
      settings.set({ keychainOptIn: enabled });
      return vault.status();
    },
  };
}
