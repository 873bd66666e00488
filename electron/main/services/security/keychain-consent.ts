import { VaultError, type KeyProtector } from '../vault/vault-types';
import type { ConfirmDialogPort } from './confirm-dialog';

/**
 * Whether an OS-keychain slot may use an insecure backend (Linux safeStorage `basic_text`, which
 * keeps the key in clear). The answer comes from a native dialog shown by main, never from the
 * renderer (issue #12): returns false for a real keychain (nothing to ask), true when the user
 * confirmed the risk, and throws 'keychain-insecure' when they declined, so nothing is written.
 */
export async function insecureKeychainConsent(protector: KeyProtector | undefined, confirm: ConfirmDialogPort): Promise<boolean> {
  const availability = protector ? await protector.availability() : undefined;
  if (!availability?.available || !availability.insecure) return false;
  const yes = await confirm.confirm({
    title: 'Store the vault key without protection?',
    message: `This computer has no secure keychain (backend “${availability.backend}”).`,
    detail:
      'The vault key would be kept on disk in a form any program running as you can read: anyone who copies your files could open the vault without the password. Install and unlock a keyring (GNOME Keyring or KWallet) instead, or keep unlocking with your password.',
    confirmLabel: 'Store it anyway',
  });
  if (!yes) {
    throw new VaultError('keychain-insecure', 'Keychain unlock was not turned on: the risk was not confirmed. Your password still unlocks the vault.', 'keychain');
  }
  return true;
}
