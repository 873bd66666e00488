import { open } from 'node:fs/promises';
import { writePrivateFile } from '../files/private-file';
import type { FileAccess } from './file-ports';

/**
 * FileAccess on node:fs. A file over the limit is not read at all (a 100 MB file is refused after
 * a stat), and a file that grows while being read stops at the limit. Exports go through writePrivateFile
 * (exclusive 0600 temporary file renamed over the target, symlink refused) because they may hold
 * every secret in clear: an existing 0644 file is replaced by a 0600 one.
 */
export const nodeFileAccess: FileAccess = {
  async read(path, maxBytes) {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { size, bytes: new Uint8Array() };
      const length = size;
      const buffer = new Uint8Array(length);
      let offset = 0;
      while (offset < length) {
        const { bytesRead } = await handle.read(buffer, offset, length - offset, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      return { size, bytes: buffer.subarray(0, offset) };
    } finally {
      await handle.close();
    }
  },
  async write(path, data) {
    await writePrivateFile(path, data);
  },
};
