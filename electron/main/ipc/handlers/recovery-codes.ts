import type { recoveryCodesChannels } from '../../../../shared/ipc/recovery-codes-channels';
import type { RecoveryCodesService } from '../../services/recovery-codes/recovery-codes-service';
import type { Handlers } from '../dispatcher';

/** Recovery codes of vault accounts: see RecoveryCodesService for what each call guarantees. */
export function createRecoveryCodesHandlers({ recoveryCodes }: { recoveryCodes: RecoveryCodesService }): Handlers<typeof recoveryCodesChannels> {
  return {
    'recovery:reveal': (id, password) => recoveryCodes.reveal(id, password),
    'recovery:hide': (id) => {
      recoveryCodes.hide(id);
      return null;
    },
    'recovery:copy': (id, index) => recoveryCodes.copy(id, index),
    'recovery:mark': (id, index, used) => recoveryCodes.mark(id, index, used),
    'recovery:add': (id, text, mode) => recoveryCodes.add(id, text, mode),
    'recovery:add-file': (id, mode) => recoveryCodes.addFromFile(id, mode),
  };
}
