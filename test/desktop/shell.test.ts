import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../shared/settings';
import { DEFAULT_SETTINGS } from '../../shared/settings';

/**
 * electron/main/desktop/shell.ts against a recording stand-in for the `electron` module (the
 * real one cannot start here): which Electron APIs the app's security and desktop set-up calls,
 * with what, and what happens when the OS fires its events.
 */
const rec = vi.hoisted(() => ({
  schemes: [] as unknown[],
  handled: [] as string[],
  permissionHandlers: 0,
  headerListeners: 0,
  trays: [] as Array<{ icon: string; menu: unknown }>,
  appMenu: null as unknown,
  shortcuts: new Map<string, () => void>(),
  protocolClient: [] as unknown[],
  loginItems: [] as unknown[],
  notifications: [] as Array<{ title: string; body: string }>,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    name: 'Twofold',
    getAppPath: () => '/opt/Twofold/resources/app.asar',
    requestSingleInstanceLock: vi.fn(() => true),
    setAsDefaultProtocolClient: (...args: unknown[]) => (rec.protocolClient.push(args), true),
    setLoginItemSettings: (s: unknown) => rec.loginItems.push(s),
    quit: vi.fn(),
  });
  const powerMonitor = new Emitter();
  class Tray {
    constructor(readonly image: { path: string }) {
      rec.trays.push({ icon: image.path, menu: null });
    }
    setToolTip() {}
    setContextMenu(menu: unknown) {
      const last = rec.trays.at(-1);
      if (last) last.menu = menu;
    }
    on() {}
    destroy() {}
  }
  class Notification {
    static isSupported() {
      return true;
    }
    constructor(readonly options: { title: string; body: string }) {}
    show() {
      rec.notifications.push(this.options);
    }
  }
  return {
    app,
    powerMonitor,
    Tray,
    Notification,
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (rec.appMenu = m) },
    globalShortcut: {
      register: (a: string, cb: () => void) => (rec.shortcuts.set(a, cb), true),
      unregister: (a: string) => rec.shortcuts.delete(a),
      unregisterAll: () => rec.shortcuts.clear(),
    },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s) },
    shell: { openExternal: vi.fn(async () => {}) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string) => rec.handled.push(scheme) },
        webRequest: { onHeadersReceived: () => rec.headerListeners++ },
        setPermissionRequestHandler: () => rec.permissionHandlers++,
        setPermissionCheckHandler: () => rec.permissionHandlers++,
      },
    },
  };
});

const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

function services(initial: Partial<Settings> = {}) {
  const vaultEvents = new EventEmitter();
  let state = 'locked';
  let settings: Settings = { ...DEFAULT_SETTINGS, ...initial };
  const listeners: Array<(s: Settings) => void> = [];
  return {
    vault: {
      lock: vi.fn(() => ((state = 'locked'), vaultEvents.emit('change'))),
      status: () => ({ state }),
      onChange: (l: () => void) => (vaultEvents.on('change', l), () => vaultEvents.off('change', l)),
    },
    unlock: () => ((state = 'unlocked'), vaultEvents.emit('change')),
    settings: {
      get: () => settings,
      set: (patch: Partial<Settings>) => ((settings = { ...settings, ...patch }), listeners.forEach((l) => l(settings)), settings),
      onChange: (l: (s: Settings) => void) => (listeners.push(l), () => {}),
    },
    scan: { receiveLink: vi.fn() },
    accounts: () => [
      { id: 'gh', issuer: 'GitHub', name: 'alice', favourite: true },
      { id: 'gl', issuer: 'GitLab', name: 'bob', favourite: false },
    ],
    copyCode: vi.fn(async () => ({ clearsInSeconds: 30 })),
  };
}

// Start-at-login writes under XDG_CONFIG_HOME on Linux: never the real one.
const configHome = mkdtempSync(join(tmpdir(), 'twofold-shell-config-'));
afterAll(() => rmSync(configHome, { recursive: true, force: true }));

beforeEach(() => {
  vi.stubEnv('XDG_CONFIG_HOME', configHome);
  vi.resetModules();
  rec.schemes.length = 0;
  rec.handled.length = 0;
  rec.permissionHandlers = 0;
  rec.headerListeners = 0;
  rec.trays.length = 0;
  rec.shortcuts.clear();
  rec.protocolClient.length = 0;
  rec.notifications.length = 0;
});

async function load() {
  const electron = (await import('electron')) as unknown as { app: EventEmitter; powerMonitor: EventEmitter };
  const { prepareShell } = await import('../../electron/main/desktop/shell');
  const showCodesWindow = vi.fn();
  const shell = prepareShell({ rendererRoot: '/opt/Twofold/resources/app.asar/out/renderer', devServerUrl: 'http://localhost:5173', showCodesWindow });
  return { electron, shell, showCodesWindow };
}

describe('prepareShell (before ready)', () => {
  it('registers app:// and otpauth://, and serves pages from app://twofold in a packaged app', async () => {
    const { shell } = await load();
    expect(rec.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(rec.protocolClient).toEqual([['otpauth']]);
    expect(shell.pages).toEqual({
      urls: { codes: 'app://twofold/codes/index.html', admin: 'app://twofold/admin/index.html' },
      allowedOrigins: ['app://twofold'],
    });
  });

  it('on a second launch with a link, shows the window and queues the link until the vault is unlocked', async () => {
    const { electron, shell, showCodesWindow } = await load();
    expect(shell.claimSingleInstance()).toBe(true);
    const s = services();
    shell.whenReady(s);
    electron.app.emit('second-instance', {}, ['twofold'], '/', { otpauthUri: URI });
    expect(showCodesWindow).toHaveBeenCalledOnce();
    expect(s.scan.receiveLink).not.toHaveBeenCalled();
    s.unlock();
    expect(s.scan.receiveLink).toHaveBeenCalledWith(URI);
    expect(showCodesWindow).toHaveBeenCalledTimes(2);
  });
});

describe('whenReady', () => {
  it('locks down the session: app:// handler, CSP headers, permission handlers', async () => {
    const { shell } = await load();
    shell.whenReady(services());
    expect(rec.handled).toEqual(['app']);
    expect(rec.headerListeners).toBe(1);
    expect(rec.permissionHandlers).toBe(2);
  });

  it('puts a tray icon with the app icon, an application menu, and the saved global shortcut', async () => {
    const { shell, showCodesWindow } = await load();
    shell.whenReady(services({ globalShortcut: 'CommandOrControl+Shift+2' }));
    expect(rec.trays[0]?.icon).toMatch(/app\.asar\/build\/icons\/(16x16|32x32)\.png$/);
    expect(rec.appMenu).not.toBeNull();
    rec.shortcuts.get('CommandOrControl+Shift+2')?.();
    expect(showCodesWindow).toHaveBeenCalledOnce();
  });

  it('turns start at login on and off with the setting (XDG autostart on Linux, login items elsewhere)', async () => {
    const { shell } = await load();
    const s = services();
    shell.whenReady(s);
    s.settings.set({ startAtLogin: true });
    const entry = join(configHome, 'autostart', 'twofold.desktop');
    if (process.platform === 'linux') {
      await vi.waitFor(() => expect(existsSync(entry)).toBe(true));
      s.settings.set({ startAtLogin: false });
      await vi.waitFor(() => expect(existsSync(entry)).toBe(false));
    } else {
      expect(rec.loginItems.at(-1)).toMatchObject({ openAtLogin: true });
    }
  });

  it('follows a changed shortcut setting', async () => {
    const { shell } = await load();
    const s = services({ globalShortcut: 'Alt+F12' });
    shell.whenReady(s);
    s.settings.set({ globalShortcut: 'Ctrl+Alt+K' });
    expect([...rec.shortcuts.keys()]).toEqual(['Ctrl+Alt+K']);
  });

  it('locks the vault when the screen locks or the machine suspends', async () => {
    const { electron, shell } = await load();
    const s = services();
    shell.whenReady(s);
    s.unlock();
    electron.powerMonitor.emit('lock-screen');
    expect(s.vault.lock).toHaveBeenCalledTimes(1);
    electron.powerMonitor.emit('suspend');
    expect(s.vault.lock).toHaveBeenCalledTimes(2);
  });

  it('restores the saved window bounds and saves new ones', async () => {
    const { shell } = await load();
    const s = services({ windowBounds: { x: 40, y: 50, width: 420, height: 640, maximized: false } });
    shell.whenReady(s);
    const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
    const window = {
      on: (e: string, l: (event: { preventDefault(): void }) => void) => handlers.set(e, l),
      getNormalBounds: () => ({ x: 70, y: 80, width: 500, height: 700 }),
      isMaximized: () => false,
      isMinimized: () => false,
      isDestroyed: () => false,
      setBounds: vi.fn(),
      maximize: vi.fn(),
      hide: vi.fn(),
    };
    shell.windowCreated(window);
    expect(window.setBounds).toHaveBeenCalledWith({ x: 40, y: 50, width: 420, height: 640 });
    handlers.get('close')?.({ preventDefault: () => undefined });
    expect(s.settings.get().windowBounds).toEqual({ x: 70, y: 80, width: 500, height: 700, maximized: false });
  });

  it('lists the favourites in the tray while unlocked, and a click copies through the window\'s copy path', async () => {
    const { shell } = await load();
    const s = services();
    shell.whenReady(s);
    type Item = { id?: string; label?: string; click?: () => void };
    const menu = () => rec.trays[0]?.menu as Item[];
    expect(menu().some((i) => i.id?.startsWith('copy:'))).toBe(false);
    s.unlock();
    const favourite = menu().find((i) => i.id === 'copy:gh');
    expect(favourite?.label).toBe('GitHub (alice)');
    expect(menu().some((i) => i.id === 'copy:gl')).toBe(false);
    favourite?.click?.();
    expect(s.copyCode).toHaveBeenCalledWith('gh');
  });
});

describe('closing the codes window', () => {
  function closableWindow() {
    const handlers: Array<[string, (event: { preventDefault(): void }) => void]> = [];
    return {
      on: (e: string, l: (event: { preventDefault(): void }) => void) => handlers.push([e, l]),
      getNormalBounds: () => ({ x: 0, y: 0, width: 420, height: 640 }),
      isMaximized: () => false,
      isMinimized: () => false,
      isDestroyed: () => false,
      setBounds: vi.fn(),
      maximize: vi.fn(),
      hide: vi.fn(),
      /** What the OS does on the close button: 'close', then closed unless prevented. */
      close() {
        let prevented = false;
        for (const [e, l] of handlers) if (e === 'close') l({ preventDefault: () => (prevented = true) });
        return prevented ? 'kept' : 'closed';
      },
    };
  }

  it('keeps Twofold running in the tray: the window hides, the app does not quit, a notice shows once', async () => {
    const { electron, shell } = await load();
    const s = services();
    shell.whenReady(s);
    const window = closableWindow();
    shell.windowCreated(window);
    expect(window.close()).toBe('kept');
    expect(window.hide).toHaveBeenCalledOnce();
    expect((electron.app as unknown as { quit: ReturnType<typeof vi.fn> }).quit).not.toHaveBeenCalled();
    expect(rec.notifications).toEqual([expect.objectContaining({ title: 'Twofold is still running' })]);
    expect(s.settings.get().closeToTrayNoticeShown).toBe(true);
    expect(window.close()).toBe('kept');
    expect(rec.notifications).toHaveLength(1);
  });

  it('closes for real when the user chose to quit instead, and while the app quits', async () => {
    const { electron, shell } = await load();
    const s = services({ closeToTray: false });
    shell.whenReady(s);
    const window = closableWindow();
    shell.windowCreated(window);
    expect(window.close()).toBe('closed');
    s.settings.set({ closeToTray: true });
    electron.app.emit('before-quit');
    expect(window.close()).toBe('closed');
    expect(window.hide).not.toHaveBeenCalled();
  });
});
