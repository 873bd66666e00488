import type { SettingsStore } from '../../../../shared/settings';
import type { RollbackPort } from '../vault/vault-service';
import type { ConfirmDialogPort } from './confirm-dialog';

/**
 * The app's rollback port: the newest vault change seen lives in the settings file (outside the
 * vault, written by main only), and an older vault is confirmed in main's native dialog before
 * its content is used.
 */
export function settingsRollbackPort(settings: SettingsStore, confirm: ConfirmDialogPort): RollbackPort {
  return {
    lastSeen: () => settings.get().vaultSeen,
    record(seen) {
      const current = settings.get().vaultSeen;
      if (current?.vaultId === seen.vaultId && current.generation === seen.generation) return;
      settings.set({ vaultSeen: seen });
    },
    confirmOlder: ({ path, fileGeneration, seenGeneration }) =>
      confirm.confirm({
        title: 'Open an older copy of the vault?',
        message: 'This vault file is older than the one Twofold last opened.',
        detail: `${path} holds change ${fileGeneration} of your vault; Twofold has already seen change ${seenGeneration}. Accounts added or changed since are missing from it. This happens when a backup or sync tool puts an old copy back, or when someone wants a removed account back. Open it only if you restored it on purpose.`,
        confirmLabel: 'Open the older copy',
      }),
  };
}
