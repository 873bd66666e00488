import { resolve } from 'node:path';
import { defaultVaultPath } from '../electron/main/services/settings/user-data-dir';
import { VaultService } from '../electron/main/services/vault';
import { CliError } from './cli-errors';
import { passwordFdOf, readPassword, type CliIo } from './cli-io';
import type { OptionValues } from './command';

/** The vault file named by --vault (relative to the working directory), else the app's. */
export function vaultPathFrom(values: OptionValues, io: CliIo): string {
  const given = values.vault;
  if (typeof given === 'string') return resolve(io.cwd, given);
  return defaultVaultPath();
}

/**
 * Opens and unlocks the vault for one command. Auto-lock is off: the process ends when the
 * command does, and with it the key.
 */
export async function unlockVault(values: OptionValues, io: CliIo): Promise<VaultService> {
  const path = vaultPathFrom(values, io);
  const vault = await VaultService.open({ path, autoLockMinutes: 0 });
  if (vault.status().state === 'missing') {
    throw new CliError(`No vault at ${path}. Create one with: twofold vault init --vault ${path}`);
  }
  await vault.unlock(await readPassword(io, undefined, passwordFdOf(values)));
  return vault;
}
