import type { accountsChannels } from '../../../../shared/ipc/accounts-channels';
import { toAccountView, type AccountView } from '../../../../shared/otp/account';
import { parseOtpauthUri } from '../../../../shared/otp/otpauth-uri';
import { normaliseAccountIcon } from '../../accounts/account-icon';
import { assertNotDuplicate, draftFromTypedAccount } from '../../accounts/draft-from-form';
import type { Handlers } from '../dispatcher';
import type { CoreServices } from './services';

/**
 * Accounts as the renderer sees them: `AccountView`s, never a secret. Adding is the one way
 * in for a secret (typed key or otpauth URI); it is parsed here, stored by the vault, and only
 * the view goes back.
 */
export function createAccountsHandlers({ vault, usage }: CoreServices): Handlers<typeof accountsChannels> {
  const withUsage = (view: AccountView): AccountView => {
    const used = usage.get(view.id);
    return used ? { ...view, useCount: used.count, lastUsedAt: used.lastUsedAt } : view;
  };

  async function addOne(draft: ReturnType<typeof draftFromTypedAccount>) {
    assertNotDuplicate(vault.accounts(), draft);
    const [added] = await vault.addAccounts([draft]);
    if (!added) throw new Error('The vault added no account.');
    return toAccountView(added);
  }

  return {
    'accounts:list': () => vault.accounts().map((account) => withUsage(toAccountView(account))),
    'accounts:add': (typed) => addOne(draftFromTypedAccount(typed)),
    'accounts:add-uri': (uri) => addOne(parseOtpauthUri(uri)),
    'accounts:update': async (id, patch) => withUsage(toAccountView(await vault.updateAccount(id, patch))),
    'accounts:remove': async (id) => {
      await vault.removeAccount(id);
      void usage.retain(new Set(vault.accounts().map((a) => a.id)));
      return null;
    },
    'accounts:set-icon': async (id, bytes) => {
      const icon = bytes === null ? null : await normaliseAccountIcon(bytes);
      return withUsage(toAccountView(await vault.updateAccount(id, { icon })));
    },
    'accounts:rename-tag': (from, to) => vault.renameTag(from, to),
    'accounts:delete-tag': (tag) => vault.renameTag(tag, null),
    'accounts:reorder': async (ids) => {
      await vault.reorder(ids);
      return null;
    },
  };
}
