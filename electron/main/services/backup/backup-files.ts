import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { writePrivateFile } from '../files/private-file';

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
  // The app's one writer for files that hold secrets: 0600 from the first byte, O_EXCL|O_NOFOLLOW
  // temporary file, fsync, rename, folder fsync; a symbolic link at the target is refused.
  writeAtomically: (path, text) => writePrivateFile(path, text),
  remove: (path) => rm(path, { force: true }),
};
