import { describe, expect, it, vi } from 'vitest';
import { createAppTray, trayMenuTemplate, type TrayLike } from '../../electron/main/desktop/tray';
import { LOCK_EVENTS, lockOnSystemEvents, type LockEvent } from '../../electron/main/desktop/lock-triggers';

function actions() {
  return { show: vi.fn(), lock: vi.fn(), quit: vi.fn() };
}

describe('tray', () => {
  it('offers Show, Lock and Quit, each doing what it says', () => {
    const a = actions();
    const items = trayMenuTemplate(a, { locked: false });
    expect(items.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['Show Twofold', 'Lock Now', 'Quit Twofold']);
    for (const item of items) item.click?.({} as never, undefined, {} as never);
    expect(a.show).toHaveBeenCalledOnce();
    expect(a.lock).toHaveBeenCalledOnce();
    expect(a.quit).toHaveBeenCalledOnce();
  });

  it('greys out Lock while the vault is locked', () => {
    const lock = trayMenuTemplate(actions(), { locked: true }).find((i) => i.id === 'lock');
    expect(lock).toMatchObject({ enabled: false, label: 'Locked' });
  });

  it('installs the menu on the tray, shows the window on click, and follows the vault state', () => {
    const menus: unknown[] = [];
    let click: (() => void) | undefined;
    const tray: TrayLike = {
      setToolTip: vi.fn(),
      setContextMenu: (m) => menus.push(m),
      on: (_e, l) => (click = l),
      destroy: vi.fn(),
    };
    const a = actions();
    const t = createAppTray({ createTray: () => tray, buildMenu: (template) => template, actions: a }, { locked: true });
    click?.();
    expect(a.show).toHaveBeenCalledOnce();
    t.update({ locked: false });
    expect(menus).toHaveLength(2);
    expect((menus[1] as Array<{ id?: string; enabled?: boolean }>).find((i) => i.id === 'lock')?.enabled).toBe(true);
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Twofold');
    t.destroy();
    expect(tray.destroy).toHaveBeenCalled();
  });
});

describe('auto-lock on system events', () => {
  function fakePowerMonitor() {
    const listeners = new Map<LockEvent, Set<() => void>>();
    return {
      on: (e: LockEvent, l: () => void) => listeners.set(e, (listeners.get(e) ?? new Set()).add(l)),
      removeListener: (e: LockEvent, l: () => void) => listeners.get(e)?.delete(l),
      emit: (e: LockEvent) => listeners.get(e)?.forEach((l) => l()),
      count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
    };
  }

  it.each(LOCK_EVENTS)('locks the vault on %s', (event) => {
    const pm = fakePowerMonitor();
    const lock = vi.fn();
    const seen: string[] = [];
    lockOnSystemEvents(pm, lock, (e) => seen.push(e));
    pm.emit(event);
    expect(lock).toHaveBeenCalledOnce();
    expect(seen).toEqual([event]);
  });

  it('includes screen lock and suspend, and stops listening when disposed', () => {
    expect(LOCK_EVENTS).toEqual(expect.arrayContaining(['lock-screen', 'suspend']));
    const pm = fakePowerMonitor();
    const lock = vi.fn();
    const stop = lockOnSystemEvents(pm, lock);
    stop();
    pm.emit('suspend');
    expect(lock).not.toHaveBeenCalled();
    expect(pm.count()).toBe(0);
  });
});
