import { posix, win32 } from 'node:path';
import type { UnsupportedReason } from './update-service';

export interface InstallFacts {
  /** app.isPackaged: a development run never updates itself. */
  packaged: boolean;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** process.execPath */
  execPath: string;
  /** Whether the current user may write to this folder (fs.access W_OK). */
  canWrite(folder: string): boolean;
}

/**
 * Whether this copy of Twofold can replace itself, and if not why. An update that could not be
 * written would fail after downloading a hundred megabytes, or ask for an administrator password
 * out of the blue; instead such builds never contact the update server and Settings says why.
 * - Portable Windows build: electron-builder's portable launcher sets PORTABLE_EXECUTABLE_FILE.
 * - AppImage: electron-updater replaces the file named by $APPIMAGE, so its folder must be writable.
 * - deb/rpm (no $APPIMAGE): the package manager owns /opt/Twofold; it updates the app.
 * - macOS: the .app bundle is replaced in its folder (usually /Applications).
 * - Windows (NSIS): the install folder.
 */
export function updateSupport(facts: InstallFacts): UnsupportedReason | null {
  if (!facts.packaged) return 'not-installed';
  if (facts.platform === 'win32' && facts.env.PORTABLE_EXECUTABLE_FILE) return 'portable';
  const folder = installFolder(facts);
  return facts.canWrite(folder) ? null : 'not-writable';
}

function installFolder({ platform, env, execPath }: InstallFacts): string {
  // The target's own path rules, so the decision is the same whichever OS runs the tests.
  const { dirname, resolve } = platform === 'win32' ? win32 : posix;
  if (platform === 'linux') return env.APPIMAGE ? dirname(env.APPIMAGE) : dirname(execPath);
  // …/Twofold.app/Contents/MacOS/Twofold → the folder holding Twofold.app
  if (platform === 'darwin') return dirname(resolve(execPath, '..', '..', '..'));
  return dirname(execPath);
}
