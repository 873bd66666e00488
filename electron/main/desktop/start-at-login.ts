import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * "Start Twofold when I log in". macOS and Windows: Electron's login items. Linux has no
 * login-item API in Electron, so an XDG autostart entry is written instead, which GNOME, KDE,
 * Xfce and the other XDG desktops start at login. Twofold then starts in the tray, hidden.
 *
 * @see https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings-macos-windows
 * @see https://specifications.freedesktop.org/autostart-spec/latest/
 * @see https://specifications.freedesktop.org/desktop-entry-spec/latest/exec-variables.html
 */
export const HIDDEN_ARG = '--hidden';

/** True when this launch came from the login item (start in the tray, no window). */
export function startedHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_ARG);
}

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[]; path?: string }): void;
}

export interface StartAtLoginEnv {
  platform: NodeJS.Platform;
  /** The program the OS should start: the AppImage file when run from one, else the executable. */
  executable: string;
  /** $XDG_CONFIG_HOME, or ~/.config when unset (Linux only). */
  configHome: string;
}

/** Quotes one Exec argument per the Desktop Entry spec (reserved characters, then `%` doubled). */
export function quoteExecArg(arg: string): string {
  const needsQuotes = /[\s"'\\><~|&;$*?#()`]/.test(arg);
  const quoted = needsQuotes ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
  return quoted.replace(/%/g, '%%');
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Twofold',
    'Comment=Two-factor authentication codes',
    `Exec=${quoteExecArg(executable)} ${HIDDEN_ARG}`,
    'Icon=twofold',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartPath(configHome: string): string {
  return join(configHome, 'autostart', 'twofold.desktop');
}

/** Turns start-at-login on or off; throws a clear error if the autostart file cannot be written. */
export async function applyStartAtLogin(app: LoginItemApp, env: StartAtLoginEnv, enabled: boolean): Promise<void> {
  if (env.platform === 'darwin' || env.platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: enabled, args: enabled ? [HIDDEN_ARG] : [] });
    return;
  }
  const file = autostartPath(env.configHome);
  try {
    if (enabled) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, autostartEntry(env.executable), { mode: 0o644 });
    } else {
      await rm(file, { force: true });
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not ${enabled ? 'create' : 'remove'} ${file} (${reason}). Check that the folder is writable, then try again.`, {
      cause: error,
    });
  }
}

/** The environment for `applyStartAtLogin` on this machine. */
export function startAtLoginEnv(process: { platform: NodeJS.Platform; execPath: string; env: NodeJS.ProcessEnv }, homeDir: string): StartAtLoginEnv {
  return {
    platform: process.platform,
    // An AppImage runs from a temporary mount; the OS must start the .AppImage file itself.
    executable: process.env.APPIMAGE ?? process.execPath,
    configHome: process.env.XDG_CONFIG_HOME || join(homeDir, '.config'),
  };
}
