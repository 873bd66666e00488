import type { backupChannels } from '../../../../shared/ipc/backup-channels';
import type { BackupService } from '../../services/backup';
import type { Handlers } from '../dispatcher';

/**
 * Backups over IPC. The security-relevant checks (vault password, folder from the dialog in main)
 * live in BackupService, so they hold whoever calls it; these handlers only adapt the results.
 */
export function createBackupHandlers({ backup }: { backup: BackupService }): Handlers<typeof backupChannels> {
  return {
    'backup:status': () => backup.status(),
    'backup:choose-folder': async (vaultPassword) => {
      const status = await backup.chooseFolder(vaultPassword);
      return status ? { status: 'saved' as const, backup: status } : { status: 'cancelled' as const };
    },
    'backup:set-password': (vaultPassword, choice) => backup.setPassword(vaultPassword, choice),
    'backup:turn-off': () => backup.turnOff(),
    'backup:now': async () => {
      await backup.backupNow();
      return backup.status();
    },
    'backup:versions': () => backup.versions(),
    'backup:restore': async (name) => {
      const outcome = await backup.restorePreview(name);
      return outcome;
    },
    'backup:check-password': async (password) => {
      await backup.checkPassword(password);
      return backup.status();
    },
  };
}
