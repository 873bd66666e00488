import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * Where Twofold keeps its files, computed the way Electron computes `app.getPath('userData')`
 * (appData + the app name), so the CLI and the app open the same vault without Electron:
 *   Linux    $XDG_CONFIG_HOME/Twofold, else ~/.config/Twofold
 *   macOS    ~/Library/Application Support/Twofold
 *   Windows  %APPDATA%\Twofold
 * The Electron side sets the app name to APP_NAME so both agree.
 */
export const APP_NAME = 'Twofold';
export const VAULT_FILE_NAME = 'vault.json';
export const SETTINGS_FILE_NAME = 'settings';

export interface PlatformEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const current = (): PlatformEnv => ({ platform: process.platform, env: process.env, home: homedir() });

/** The per-user application data folder (Electron's `appData`). */
export function appDataDir({ platform, env, home }: PlatformEnv = current()): string {
  if (platform === 'win32') return env.APPDATA || win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support');
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec ignores a relative XDG_CONFIG_HOME.
  return xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config');
}

/** Twofold's userData folder. */
export function userDataDir(platformEnv: PlatformEnv = current()): string {
  return pathsFor(platformEnv).join(appDataDir(platformEnv), APP_NAME);
}

/** The vault the app and the CLI use by default: `<userData>/vault.json`. */
export function defaultVaultPath(platformEnv: PlatformEnv = current()): string {
  return pathsFor(platformEnv).join(userDataDir(platformEnv), VAULT_FILE_NAME);
}

const pathsFor = ({ platform }: PlatformEnv) => (platform === 'win32' ? win32 : posix);
