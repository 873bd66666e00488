import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The backup folder, as a port (tests inject failures; production is plain node:fs/promises, all
 * asynchronous, in the main process: never on a window's UI thread).
 */
export interface BackupFiles {
  /** Names of the entries in the folder. Throws (ENOENT, EACCES…) when it cannot be listed. */
  list(folder: string): Promise<string[]>;
  /** Reads a file unless it is larger than `maxBytes` (then throws 'EFBIG'). */
  read(path: string, maxBytes: number): Promise<string>;
  /** Writes `text` to `path` all at once: a temporary file, fsync, rename; readable by the user only. */
  writeAtomically(path: string, text: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export const nodeBackupFiles: BackupFiles = {
  list: (folder) => readdir(folder),
  async read(path, maxBytes) {
    const info = await stat(path);
    if (info.size > maxBytes) throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
    return readFile(path, 'utf8');
  },
  async writeAtomically(path, text) {
    // 0600 from the first byte, and exclusive: a file planted at the temporary name is not reused.
    const temp = join(path, '..', `.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => {});
      await rm(temp, { force: true }).catch(() => {});
      throw error;
    }
    await handle.close();
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw error;
    }
  },
  remove: (path) => rm(path, { force: true }),
};
