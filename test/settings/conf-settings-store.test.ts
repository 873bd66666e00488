import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfSettingsStore, defaultVaultPath, userDataDir } from '../../electron/main/services/settings';
import { DEFAULT_SETTINGS, SettingsError } from '../../shared/settings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('settings over conf', () => {
  it('starts from the documented defaults', () => {
    expect(new ConfSettingsStore({ dir }).get()).toEqual({
      autoLockMinutes: 5,
      clipboardClearSeconds: 30,
      theme: 'system',
      keychainOptIn: false,
      globalShortcut: null,
      startAtLogin: false,
      hideCodes: false,
      nextCodePreview: 'last-5s',
      contentProtection: true,
      blurWhenUnfocused: false,
      closeToTray: true,
      closeToTrayNoticeShown: false,
      sortOrder: 'manual',
      listDensity: 'comfortable',
      autoUpdate: true,
      backupKeep: 10,
      passwordReminderDays: 14,
      lastPasswordEntryAt: null,
      adminServers: [],
    });
    expect(DEFAULT_SETTINGS.autoLockMinutes).toBe(5);
  });

  it('saves changes to settings.json, notifies listeners, and reads them back in a new store', async () => {
    const store = new ConfSettingsStore({ dir });
    const seen: number[] = [];
    store.onChange((s) => seen.push(s.autoLockMinutes));
    const profile = { id: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b', name: 'Staging', url: 'https://mfa.example.com' };
    store.set({ autoLockMinutes: 15, theme: 'dark', adminServers: [profile], windowBounds: { x: 0, y: 0, width: 800, height: 600, maximized: false } });
    expect(seen).toEqual([15]);
    expect(store.path).toBe(join(dir, 'settings.json'));
    expect(JSON.parse(await readFile(store.path, 'utf8'))).toMatchObject({ autoLockMinutes: 15, theme: 'dark' });
    const again = new ConfSettingsStore({ dir }).get();
    expect(again).toMatchObject({ autoLockMinutes: 15, theme: 'dark', adminServers: [profile], windowBounds: { width: 800 } });
    store.set({ windowBounds: undefined });
    expect(new ConfSettingsStore({ dir }).get().windowBounds).toBeUndefined();
  });

  it('refuses an invalid change, naming the field, and keeps the saved settings', () => {
    const store = new ConfSettingsStore({ dir });
    store.set({ clipboardClearSeconds: 10 });
    for (const patch of [{ clipboardClearSeconds: -1 }, { theme: 'purple' }, { autoLockMinutes: 1.5 }, { nope: true }, { adminServers: [{ id: 'x', name: '', url: 'ftp://x' }] }]) {
      expect(() => store.set(patch as never)).toThrow(SettingsError);
    }
    try {
      store.set({ theme: 'purple' as never });
    } catch (error) {
      expect((error as SettingsError).field).toBe('theme');
      expect((error as SettingsError).message).toMatch(/Nothing was changed/);
    }
    expect(new ConfSettingsStore({ dir }).get().clipboardClearSeconds).toBe(10);
  });

  it('a damaged field falls back to its default without losing the others', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ autoLockMinutes: 'soon', theme: 'dark' }));
    const problems: string[] = [];
    const store = new ConfSettingsStore({ dir, onProblems: (p) => problems.push(...p) });
    expect(store.get()).toMatchObject({ autoLockMinutes: 5, theme: 'dark' });
    expect(problems).toEqual([expect.stringMatching(/^autoLockMinutes: .*using the default/)]);
  });

  it('a settings file that is not JSON is kept aside, not deleted', async () => {
    await writeFile(join(dir, 'settings.json'), '{ broken');
    const problems: string[] = [];
    const store = new ConfSettingsStore({ dir, onProblems: (p) => problems.push(...p) });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(problems[0]).toMatch(/kept as/);
    const kept = (await readdir(dir)).find((f) => f.startsWith('settings.json.damaged-'));
    expect(await readFile(join(dir, kept!), 'utf8')).toBe('{ broken');
  });
});

describe('the userData folder', () => {
  it('matches Electron on each platform', () => {
    expect(userDataDir({ platform: 'linux', env: {}, home: '/home/ana' })).toBe('/home/ana/.config/Twofold');
    expect(userDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ana' })).toBe('/xdg/Twofold');
    expect(userDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'relative' }, home: '/home/ana' })).toBe('/home/ana/.config/Twofold');
    expect(userDataDir({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Twofold');
    expect(userDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming\\Twofold');
    expect(defaultVaultPath({ platform: 'linux', env: {}, home: '/home/ana' })).toBe('/home/ana/.config/Twofold/vault.json');
  });
});
