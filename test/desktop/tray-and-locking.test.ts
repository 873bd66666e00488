import { describe, expect, it, vi } from 'vitest';
import { createAppTray, trayMenuTemplate, type TrayLike } from '../../electron/main/desktop/tray';
import { LOCK_EVENTS, lockOnSystemEvents, type LockEvent } from '../../electron/main/desktop/lock-triggers';

function actions() {
  return { show: vi.fn(), lock: vi.fn(), quit: vi.fn(), copy: vi.fn() };
}

describe('tray', () => {
  it('offers Show, Lock and Quit, each doing what it says', () => {
    const a = actions();
    const items = trayMenuTemplate(a, { locked: false, favourites: [] });
    expect(items.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['Show Twofold', 'Lock Now', 'Quit Twofold']);
    for (const item of items) item.click?.({} as never, undefined, {} as never);
    expect(a.show).toHaveBeenCalledOnce();
    expect(a.lock).toHaveBeenCalledOnce();
    expect(a.quit).toHaveBeenCalledOnce();
  });

  it('greys out Lock while the vault is locked', () => {
    const lock = trayMenuTemplate(actions(), { locked: true, favourites: [{ id: 'a', label: 'GitHub' }] }).find((i) => i.id === 'lock');
    expect(lock).toMatchObject({ enabled: false, label: 'Locked' });
    // Nothing about the accounts shows while locked.
    expect(trayMenuTemplate(actions(), { locked: true, favourites: [{ id: 'a', label: 'GitHub' }] }).some((i) => i.id?.startsWith('copy:'))).toBe(false);
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
    const t = createAppTray({ createTray: () => tray, buildMenu: (template) => template, actions: a }, { locked: true, favourites: [] });
    click?.();
    expect(a.show).toHaveBeenCalledOnce();
    t.update({ locked: false, favourites: [] });
    expect(menus).toHaveLength(2);
    expect((menus[1] as Array<{ id?: string; enabled?: boolean }>).find((i) => i.id === 'lock')?.enabled).toBe(true);
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Twofold');
    t.destroy();
    expect(tray.destroy).toHaveBeenCalled();
  });
});

describe('tray favourites', () => {
  it('lists favourites first; one click copies that account, labels escape "&" and stay short', () => {
    const a = actions();
    const long = 'X'.repeat(80);
    const items = trayMenuTemplate(a, { locked: false, favourites: [{ id: 'gh', label: 'GitHub (alice)' }, { id: 'at', label: 'AT&T' }, { id: 'l', label: long }] });
    const copies = items.filter((i) => i.id?.startsWith('copy:'));
    expect(copies.map((i) => i.label)).toEqual(['GitHub (alice)', 'AT&&T', `${'X'.repeat(59)}…`]);
    copies[1]?.click?.({} as never, undefined, {} as never);
    expect(a.copy).toHaveBeenCalledWith('at');
    expect(items.findIndex((i) => i.id === 'show')).toBeGreaterThan(items.findIndex((i) => i.id === 'copy:l'));
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
