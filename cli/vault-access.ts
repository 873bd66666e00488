import { closeSync, openSync, readSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultVaultPath, SETTINGS_FILE_NAME, userDataDir } from '../electron/main/services/settings/user-data-dir';
import { VaultError, VaultService } from '../electron/main/services/vault';
import type { RollbackPort, VaultSeen } from '../electron/main/services/vault/vault-service';
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
  const vault = await VaultService.open({ path, autoLockMinutes: 0, rollback: cliRollbackPort });
  if (vault.status().state === 'missing') {
    throw new CliError(`No vault at ${path}. Create one with: twofold vault init --vault ${path}`);
  }
  try {
    await vault.unlock(await readPassword(io, undefined, passwordFdOf(values)));
  } catch (e) {
    if (e instanceof VaultError && e.code === 'vault-rolled-back') {
      throw new CliError(
        `${path} is an older copy of your vault than the one Twofold last opened: accounts added or changed since are missing from it, so it was not opened. ` +
          'If you restored it on purpose, open it once in the Twofold app, which asks before using it; otherwise put the newer file back.',
      );
    }
    throw e;
  }
  return vault;
}

/** The app's settings file is small; anything bigger is not ours and is ignored (hostile file). */
const MAX_SETTINGS_BYTES = 1024 * 1024;

/** `vaultSeen` from the app's settings file, or null when there is none or it is unreadable. */
export function readVaultSeen(settingsPath: string): VaultSeen | null {
  let fd: number;
  try {
    fd = openSync(settingsPath, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(MAX_SETTINGS_BYTES + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > MAX_SETTINGS_BYTES) return null;
    const seen = (JSON.parse(buffer.toString('utf8', 0, length)) as { vaultSeen?: unknown }).vaultSeen as Partial<VaultSeen> | null | undefined;
    return seen && typeof seen.vaultId === 'string' && Number.isSafeInteger(seen.generation) ? { vaultId: seen.vaultId, generation: seen.generation as number } : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Rollback detection in the CLI (issue #12 item 6): the newest change of the vault the app has
 * seen is read from the app's settings file, never written (the app owns that file; the CLI's own
 * saves only make the vault newer, which needs no record). An older copy of the same vault is
 * refused: the CLI has no dialog to ask in, so the user opens it in the app, which asks.
 */
const cliRollbackPort: RollbackPort = {
  lastSeen: () => readVaultSeen(join(userDataDir(), `${SETTINGS_FILE_NAME}.json`)),
  record: () => undefined,
  confirmOlder: () => Promise.resolve(false),
};
