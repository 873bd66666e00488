import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

/** The base64 SHA-512 of a file, streamed (installers are 100+ MB), as electron-builder publishes it. */
export async function sha512Base64(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}
