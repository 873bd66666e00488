import { describe, expect, it } from 'vitest';
import { updateSupport, type InstallFacts } from '../../electron/main/services/updates';

/** Which builds may replace themselves: the others never contact the update server. */
const facts = (over: Partial<InstallFacts>, writable: string[] = []): InstallFacts => ({
  packaged: true,
  platform: 'linux',
  env: {},
  execPath: '/opt/Twofold/twofold',
  canWrite: (folder) => writable.includes(folder),
  ...over,
});

describe('updateSupport', () => {
  it('a development run never updates', () => {
    expect(updateSupport(facts({ packaged: false }, ['/opt/Twofold']))).toBe('not-installed');
  });

  it('the Windows portable build never updates, even from a writable folder', () => {
    const win = { platform: 'win32' as const, execPath: 'C:\\Users\\a\\AppData\\Local\\Temp\\x\\Twofold.exe' };
    expect(updateSupport(facts({ ...win, env: { PORTABLE_EXECUTABLE_FILE: 'D:\\Twofold.exe' } }, ['C:\\Users\\a\\AppData\\Local\\Temp\\x', '.']))).toBe('portable');
  });

  it('an AppImage updates when its own folder is writable, not the mount point', () => {
    const env = { APPIMAGE: '/home/a/Apps/Twofold.AppImage' };
    expect(updateSupport(facts({ env, execPath: '/tmp/.mount_Twofo/twofold' }, ['/home/a/Apps']))).toBeNull();
    expect(updateSupport(facts({ env, execPath: '/tmp/.mount_Twofo/twofold' }, ['/tmp/.mount_Twofo']))).toBe('not-writable');
  });

  it('a deb/rpm install in /opt is left to the package manager', () => {
    expect(updateSupport(facts({}))).toBe('not-writable');
  });

  it('macOS checks the folder holding Twofold.app', () => {
    const mac = { platform: 'darwin' as const, execPath: '/Applications/Twofold.app/Contents/MacOS/Twofold' };
    expect(updateSupport(facts(mac, ['/Applications']))).toBeNull();
    expect(updateSupport(facts(mac, ['/Applications/Twofold.app/Contents/MacOS']))).toBe('not-writable');
  });
});
