import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PrivateFileError, renameWithRetry, tempNameFor, writePrivateFile } from '../files/private-file';
import { VaultError } from './vault-types';
import { MAX_VAULT_FILE_BYTES, parseVaultFile, type VaultFile } from './vault-format';
import { sha256Hex } from './vault-crypto';

/**
 * Reading and atomically replacing the vault file on disk.
 *
 * A save never leaves the user with neither the old nor the new vault (files/private-file.ts):
 *   1. write the new bytes to an exclusive 0600 temporary file in the same directory, fsync it;
 *   2. hard-link (or, where links are unsupported, copy) the current file to `<file>.bak`
 *      through a temporary name and a rename, so the backup is also replaced atomically;
 *   3. rename the temporary file over the vault and fsync the directory.
 * A crash before step 3 leaves the old vault; after it, the new one.
 */

export const backupPathOf = (file: string): string => `${file}.bak`;

export interface LoadedVaultFile {
  file: VaultFile;
  /** SHA-256 of the exact bytes read, to notice another program changing the file. */
  digest: string;
}

export type VaultFileState =
  | { kind: 'missing' }
  | { kind: 'ok'; loaded: LoadedVaultFile }
  | { kind: 'corrupt'; error: VaultError };

/**
 * Reads and validates the vault file. I/O failures other than "not found" throw 'io-error'. A
 * file larger than MAX_VAULT_FILE_BYTES is refused from its size alone, without reading it, and
 * one whose KDF asks for more than Twofold allows is refused before any KDF runs: both are
 * 'vault-out-of-bounds' and the file is left as it is.
 */
export async function readVaultFile(path: string): Promise<VaultFileState> {
  let bytes: Buffer;
  try {
    const read = await readBounded(path);
    if (read === 'too-large') return { kind: 'corrupt', error: outOfBounds(path, `it is larger than ${MAX_VAULT_FILE_BYTES / 1048576} MiB`) };
    bytes = read;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw ioError(`Could not read the vault file ${path}`, error);
  }
  const parsed = parseVaultFile(bytes.toString('utf8'));
  if (!parsed.ok) return { kind: 'corrupt', error: parsed.outOfBounds ? outOfBounds(path, parsed.reason) : await corruptVaultError(path, parsed.reason) };
  return { kind: 'ok', loaded: { file: parsed.file, digest: sha256Hex(bytes) } };
}

/** SHA-256 of the file's current bytes, or null when it does not exist. */
export async function digestOnDisk(path: string): Promise<string | null> {
  try {
    const read = await readBounded(path);
    return read === 'too-large' ? 'too-large' : sha256Hex(read);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(`Could not read the vault file ${path}`, error);
  }
}

/** The file's bytes, or 'too-large' from an fstat before anything is read. */
async function readBounded(path: string): Promise<Buffer | 'too-large'> {
  const handle = await fs.open(path, 'r');
  try {
    if ((await handle.stat()).size > MAX_VAULT_FILE_BYTES) return 'too-large';
    const bytes = await handle.readFile();
    return bytes.length > MAX_VAULT_FILE_BYTES ? 'too-large' : bytes;
  } finally {
    await handle.close();
  }
}

function outOfBounds(path: string, reason: string): VaultError {
  return new VaultError(
    'vault-out-of-bounds',
    `The vault file ${path} was refused: ${reason}. A file like this can only come from another program, perhaps a hostile one. Twofold has not changed it; restore your vault from ${backupPathOf(path)} or your own backups.`,
  );
}

/**
 * The 'vault-corrupt' error: names the file, says whether the backup looks readable, and what
 * to do. Looking readable means the backup parses and its checksum matches; only unlocking it
 * proves it.
 */
export async function corruptVaultError(path: string, reason: string): Promise<VaultError> {
  const backup = backupPathOf(path);
  let backupState: 'readable' | 'damaged' | 'missing';
  try {
    const read = await readBounded(backup);
    backupState = read !== 'too-large' && parseVaultFile(read.toString('utf8')).ok ? 'readable' : 'damaged';
  } catch {
    backupState = 'missing';
  }
  const advice = {
    readable: `The backup ${backup} looks readable: quit Twofold, move the damaged file aside, copy the backup to ${path}, and unlock again (the backup lacks only the last change).`,
    damaged: `The backup ${backup} is damaged too. Restore ${path} from your own backups or an export.`,
    missing: `There is no backup (${backup} does not exist). Restore ${path} from your own backups or an export.`,
  }[backupState];
  return new VaultError(
    'vault-corrupt',
    `The vault file ${path} cannot be read: ${reason}. Twofold has not changed it and will not write over it. ${advice}`,
  );
}

/**
 * Writes `text` as the new vault file (through writePrivateFile: 0600, exclusive temp file,
 * symlink refused), keeping the previous file as `<file>.bak`. `backupText` replaces the backup
 * with other bytes than the current file (key rotation: a backup under the new key), written the
 * same careful way.
 */
export async function writeVaultFileAtomically(path: string, text: string, options: { backupText?: string } = {}): Promise<string> {
  const bytes = Buffer.from(text, 'utf8');
  try {
    await writePrivateFile(path, bytes, {
      createFolder: true,
      beforeReplace: () => (options.backupText === undefined ? backupCurrent(path, tempNameFor(`${path}.bak`)) : writePrivateFile(backupPathOf(path), options.backupText)),
    });
  } catch (error) {
    if (error instanceof PrivateFileError) throw new VaultError('io-error', `Could not save the vault file: ${error.message}`);
    throw ioError(`Could not save the vault file ${path}; the previous version is unchanged`, error);
  }
  return sha256Hex(bytes);
}

/**
 * Removes temporary files left by saves that crashed (a killed process cannot clean up). Only
 * files whose writer process no longer runs are removed; they hold encrypted vault copies, never
 * plain data, so this is tidiness, not security. Best effort: failures are ignored.
 */
export async function removeOrphanedTempFiles(path: string): Promise<number> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let removed = 0;
  try {
    for (const name of await fs.readdir(dir)) {
      const match = name.startsWith(prefix) ? /^(?:bak\.)?(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length)) : null;
      if (!match || isRunning(Number(match[1]))) continue;
      await fs.rm(join(dir, name), { force: true });
      removed++;
    }
  } catch {
    // Tidiness only.
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}


async function backupCurrent(path: string, tempBackup: string): Promise<void> {
  try {
    await fs.link(path, tempBackup);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // first save: nothing to keep
    // File systems without hard links (FAT, some network shares): copy instead.
    await fs.copyFile(path, tempBackup);
  }
  await renameWithRetry(tempBackup, backupPathOf(path));
}



function ioError(message: string, cause: unknown): VaultError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new VaultError('io-error', `${message}: ${detail}. Check that the folder exists, is writable and has free space, then try again.`);
}
