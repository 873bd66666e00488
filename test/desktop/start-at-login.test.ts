import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  applyStartAtLogin,
  autostartPath,
  quoteExecArg,
  startAtLoginEnv,
  startedHidden,
} from '../../electron/main/desktop/start-at-login';

const dir = mkdtempSync(join(tmpdir(), 'twofold-autostart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start at login', () => {
  it('uses login items on macOS and Windows, starting hidden in the tray', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const app = { setLoginItemSettings: vi.fn() };
      await applyStartAtLogin(app, { platform, executable: 'x', configHome: dir }, true);
      expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
      await applyStartAtLogin(app, { platform, executable: 'x', configHome: dir }, false);
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, openAsHidden: false, args: [] });
    }
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const app = { setLoginItemSettings: vi.fn() };
    const env = { platform: 'linux' as const, executable: '/home/al ice/Apps/Twofold 1.0.AppImage', configHome: dir };
    await applyStartAtLogin(app, env, true);
    const entry = readFileSync(autostartPath(dir), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/home/al ice/Apps/Twofold 1.0.AppImage" --hidden');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    await applyStartAtLogin(app, env, false);
    expect(existsSync(autostartPath(dir))).toBe(false);
    await applyStartAtLogin(app, env, false);
  });

  it('says which file it could not write, and what to do', async () => {
    const blocked = join(dir, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'autostart'), 'a file where the folder should be');
    await expect(
      applyStartAtLogin({ setLoginItemSettings: () => {} }, { platform: 'linux', executable: '/x', configHome: blocked }, true),
    ).rejects.toThrow(/Could not create .*twofold\.desktop.*Check that the folder is writable/);
  });

  it('quotes Exec arguments as the Desktop Entry spec requires', () => {
    expect(quoteExecArg('/usr/bin/twofold')).toBe('/usr/bin/twofold');
    expect(quoteExecArg('/a b/$HOME/"x"')).toBe('"/a b/\\$HOME/\\"x\\""');
    expect(quoteExecArg('/opt/100%/twofold')).toBe('/opt/100%%/twofold');
  });

  it('starts the AppImage file, not its temporary mount, and honours XDG_CONFIG_HOME', () => {
    const env = startAtLoginEnv({ platform: 'linux', execPath: '/tmp/.mount_x/twofold', env: { APPIMAGE: '/home/a/Twofold.AppImage', XDG_CONFIG_HOME: '/cfg' } }, '/home/a');
    expect(env).toEqual({ platform: 'linux', executable: '/home/a/Twofold.AppImage', configHome: '/cfg' });
    expect(startAtLoginEnv({ platform: 'linux', execPath: '/usr/bin/twofold', env: {} }, '/home/a').configHome).toBe('/home/a/.config');
    expect(startedHidden(['twofold', '--hidden'])).toBe(true);
  });
});
