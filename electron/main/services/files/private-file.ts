import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The one way Twofold writes a file that may hold secrets (the vault, exports, backups):
 *
 *   1. refuse a target that is a symbolic link (or not a regular file): writing through a link
 *      planted by another program would put the data wherever it points;
 *   2. create a temporary file beside the target with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600, so
 *      it is new, ours, and never readable by others, even for a moment (an existing 0644 file
 *      is replaced, not rewritten, so its mode does not carry over);
 *   3. write, fsync, run `beforeReplace` (the vault keeps its `.bak` there), rename over the
 *      target (atomic on POSIX; MoveFileEx on Windows), and fsync the folder.
 * A crash leaves either the old file or the new one, plus at worst a `.tmp` the vault tidies up.
 * Mode bits are POSIX; on Windows the file inherits the folder's ACL (the user's profile).
 */
export class PrivateFileError extends Error {
  override readonly name = 'PrivateFileError';
  constructor(
    readonly code: 'symlink-target' | 'not-a-file' | 'write-failed',
    message: string,
  ) {
    super(message);
  }
}

export interface PrivateWriteOptions {
  /** Runs after the new bytes are durable and before the rename (e.g. keep the old file as a backup). */
  beforeReplace?: () => Promise<void>;
  /** Creates the folder (mode 0700) when it is missing; default false. */
  createFolder?: boolean;
}

/** The temporary name beside `target`: `.<name>.<pid>.<random>.tmp` (removeOrphanedTempFiles knows it). */
export function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Throws PrivateFileError when `target` exists and is a symbolic link or not a regular file. */
export async function assertWritableTarget(target: string): Promise<void> {
  let stat;
  try {
    stat = await fs.lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stat.isSymbolicLink()) {
    throw new PrivateFileError('symlink-target', `${target} is a symbolic link. Twofold does not write through links: choose the real file or another name.`);
  }
  if (!stat.isFile()) throw new PrivateFileError('not-a-file', `${target} is not a regular file. Choose a file name, not a folder or device.`);
}

/** Writes `data` to `target` as described above; resolves once the rename is durable. */
export async function writePrivateFile(target: string, data: string | Uint8Array, options: PrivateWriteOptions = {}): Promise<void> {
  const dir = dirname(target);
  if (options.createFolder) await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await assertWritableTarget(target);
  const temp = tempNameFor(target);
  try {
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      // The umask can only remove bits, but make the mode explicit anyway.
      if (process.platform !== 'win32') await handle.chmod(0o600);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeReplace?.();
    await renameWithRetry(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/**
 * On Windows a rename over a file that another process (an antivirus scanner, a backup or sync
 * tool) holds open fails for a moment with EPERM/EACCES/EBUSY; retry briefly, as graceful-fs
 * does. Elsewhere rename either works or fails for good.
 */
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

/** Makes a rename durable (POSIX). Windows cannot open directories; NTFS journals the rename. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename has still happened.
  } finally {
    await handle?.close();
  }
}
