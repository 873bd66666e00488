import type { trashChannels } from '../../../../shared/ipc/trash-channels';
import { toAccountView } from '../../../../shared/otp/account';
import { TRASH_RETENTION_MS } from '../../services/vault/vault-content';
import type { Handlers } from '../dispatcher';
import type { CoreServices } from './services';

/** The trash, as views without secrets; restoring and deleting go through the vault's queue. */
export function createTrashHandlers({ vault }: CoreServices): Handlers<typeof trashChannels> {
  return {
    'trash:list': () =>
      vault.trashed().map(({ deletedAt, formerIndex: _formerIndex, ...account }) => ({
        ...toAccountView(account),
        deletedAt,
        purgeAt: new Date(Date.parse(deletedAt) + TRASH_RETENTION_MS).toISOString(),
      })),
    'trash:restore': async (id) => toAccountView(await vault.restoreFromTrash(id)),
    'trash:delete': async (id) => {
      await vault.deleteFromTrash(id);
      return null;
    },
    'trash:empty': async () => {
      await vault.deleteFromTrash(null);
      return null;
    },
  };
}
