import { describe, expect, it, vi } from 'vitest';
import { installDesktopIntegration, rememberWindowBounds } from '../../electron/main/desktop/desktop-integration';
import type { trayMenuTemplate } from '../../electron/main/desktop/tray';
import type { LockEvent } from '../../electron/main/desktop/lock-triggers';

type MenuItemConstructorOptions = ReturnType<typeof trayMenuTemplate>[number];

function setup(options: { trayFails?: boolean; taken?: string[] } = {}) {
  let locked = false;
  const power = new Map<LockEvent, () => void>();
  const shortcuts = new Map<string, () => void>();
  const menus: MenuItemConstructorOptions[][] = [];
  const deps = {
    electron: {
      createTray: vi.fn(() => {
        if (options.trayFails) throw new Error('no StatusNotifier host');
        return { setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
      }),
      buildMenu: (template: MenuItemConstructorOptions[]) => (menus.push(template), template),
      setApplicationMenu: vi.fn(),
      globalShortcut: {
        register: (a: string, cb: () => void) => !(options.taken ?? []).includes(a) && (shortcuts.set(a, cb), true),
        unregister: (a: string) => void shortcuts.delete(a),
        unregisterAll: () => shortcuts.clear(),
      },
      powerMonitor: { on: (e: LockEvent, l: () => void) => power.set(e, l), removeListener: (e: LockEvent) => power.delete(e) },
    },
    platform: 'linux' as const,
    appName: 'Twofold',
    development: false,
    trayIconPath: '/app/build/icons/32x32.png',
    vault: { lock: vi.fn(() => (locked = true)), isLocked: () => locked },
    showCodesWindow: vi.fn(),
    quit: vi.fn(),
    log: vi.fn(),
  };
  return { deps, power, shortcuts, menus, setLocked: (l: boolean) => (locked = l) };
}

describe('desktop integration', () => {
  it('locks the vault on screen lock and suspend, and the tray menu follows', () => {
    const s = setup();
    const d = installDesktopIntegration(s.deps);
    const lockItem = () => (d.trayMenu as MenuItemConstructorOptions[]).find((i) => i.id === 'lock');
    expect(lockItem()?.enabled).toBe(true);
    s.power.get('lock-screen')?.();
    expect(s.deps.vault.lock).toHaveBeenCalledOnce();
    d.vaultChanged();
    expect(lockItem()?.enabled).toBe(false);
    s.power.get('suspend')?.();
    expect(s.deps.vault.lock).toHaveBeenCalledTimes(2);
    expect(s.deps.electron.createTray).toHaveBeenCalledWith('/app/build/icons/32x32.png');
  });

  it('binds the configured global shortcut to showing the window, and reports a taken one', () => {
    const s = setup({ taken: ['Ctrl+Alt+T'] });
    const d = installDesktopIntegration(s.deps);
    expect(d.applySettings({ globalShortcut: 'CommandOrControl+Shift+2' }).shortcut.ok).toBe(true);
    s.shortcuts.get('CommandOrControl+Shift+2')?.();
    expect(s.deps.showCodesWindow).toHaveBeenCalledOnce();
    const refused = d.applySettings({ globalShortcut: 'Ctrl+Alt+T' }).shortcut;
    expect(refused).toMatchObject({ ok: false, active: 'CommandOrControl+Shift+2' });
    expect(s.deps.log).toHaveBeenCalledWith(expect.stringContaining('already used'));
  });

  it('installs an application menu and keeps working without a notification area', () => {
    const s = setup({ trayFails: true });
    const d = installDesktopIntegration(s.deps);
    expect(s.deps.electron.setApplicationMenu).toHaveBeenCalledOnce();
    expect(s.deps.log).toHaveBeenCalledWith(expect.stringContaining('no tray icon'));
    expect(() => d.vaultChanged()).not.toThrow();
    d.dispose();
    expect(s.power.size).toBe(0);
  });
});

describe('rememberWindowBounds', () => {
  it('restores saved bounds and maximised state before the window shows', () => {
    const calls: string[] = [];
    const win = {
      on: vi.fn(),
      getNormalBounds: () => ({ x: 0, y: 0, width: 1, height: 1 }),
      isMaximized: () => false,
      isMinimized: () => false,
      isDestroyed: () => false,
      setBounds: (b: object) => calls.push(`setBounds ${JSON.stringify(b)}`),
      maximize: () => calls.push('maximize'),
    };
    rememberWindowBounds(win, {
      displays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      load: () => ({ x: 100, y: 120, width: 420, height: 640, maximized: true }),
      save: vi.fn(),
    });
    expect(calls).toEqual(['setBounds {"x":100,"y":120,"width":420,"height":640}', 'maximize']);
    expect(win.on).toHaveBeenCalledWith('close', expect.any(Function));
  });
});
