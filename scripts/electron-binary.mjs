// Where Electron's binary is, without triggering a download: `require('electron')` in Electron 45
// downloads the binary when it is missing, so everything that only needs to *find* it (the
// `_electron` tests, `npm start`) reads the package's path.txt instead.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The Electron executable under node_modules/electron, or null when it is not installed. */
export function installedElectronBinary(root = REPO_ROOT) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
