import { describe, expect, it } from 'vitest';
import { restoreBounds, trackWindowState, type TrackableWindow } from '../../electron/main/desktop/window-state';
import { applicationMenuTemplate } from '../../electron/main/desktop/app-menu';
import type { WindowBounds } from '../../shared/settings';

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 860 } };
const external = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };

describe('window position restore', () => {
  const saved: WindowBounds = { x: 2000, y: 200, width: 500, height: 700, maximized: false };

  it('puts the window back where it was when that is still on a screen', () => {
    expect(restoreBounds(saved, [laptop, external])).toEqual(saved);
  });

  it('moves a window whose monitor was unplugged onto a remaining screen, fully visible', () => {
    const r = restoreBounds(saved, [laptop]);
    expect(r).toEqual({ x: 470, y: 80, width: 500, height: 700, maximized: false });
  });

  it('pulls back a window whose title bar is above the screen', () => {
    const r = restoreBounds({ ...saved, x: 100, y: -600 }, [laptop]);
    expect(r?.y).toBeGreaterThanOrEqual(0);
  });

  it('shrinks a window larger than the screen it is on, keeping maximised state', () => {
    const r = restoreBounds({ x: 0, y: 0, width: 3000, height: 2000, maximized: true }, [laptop]);
    expect(r).toEqual({ x: 0, y: 0, width: 1440, height: 860, maximized: true });
  });

  it('uses the default placement when nothing was saved', () => {
    expect(restoreBounds(undefined, [laptop])).toBeNull();
  });
});

describe('window state tracking', () => {
  function fakeWindow() {
    const listeners = new Map<string, Array<() => void>>();
    const state = { bounds: { x: 10, y: 20, width: 400, height: 600 }, maximized: false, minimized: false };
    const win: TrackableWindow = {
      on: (e, l) => listeners.set(e, [...(listeners.get(e) ?? []), l]),
      getNormalBounds: () => state.bounds,
      isMaximized: () => state.maximized,
      isMinimized: () => state.minimized,
      isDestroyed: () => false,
    };
    return { win, state, emit: (e: string) => listeners.get(e)?.forEach((l) => l()) };
  }
  function manualTimers() {
    const queue: Array<() => void> = [];
    return {
      timers: { setTimeout: (fn: () => void) => queue.push(fn) - 1, clearTimeout: (h: unknown) => (queue[h as number] = () => {}) },
      flush: () => queue.splice(0).forEach((f) => f()),
    };
  }

  it('saves once after a drag settles, and at once on close', () => {
    const { win, state, emit } = fakeWindow();
    const saves: WindowBounds[] = [];
    const t = manualTimers();
    trackWindowState(win, (b) => saves.push(b), t.timers);
    emit('move');
    state.bounds = { x: 50, y: 60, width: 400, height: 600 };
    emit('move');
    t.flush();
    expect(saves).toEqual([{ x: 50, y: 60, width: 400, height: 600, maximized: false }]);
    state.maximized = true;
    emit('maximize');
    emit('close');
    expect(saves.at(-1)).toEqual({ x: 50, y: 60, width: 400, height: 600, maximized: true });
  });

  it('does not save the bounds of a minimised window', () => {
    const { win, state, emit } = fakeWindow();
    const saves: WindowBounds[] = [];
    state.minimized = true;
    trackWindowState(win, (b) => saves.push(b), manualTimers().timers);
    emit('close');
    expect(saves).toEqual([]);
  });
});

describe('application menu', () => {
  const actions = { lock: () => {}, showCodes: () => {} };
  const roles = (t: ReturnType<typeof applicationMenuTemplate>): string[] =>
    t.flatMap((m) => [m.role ?? '', ...((m.submenu as Array<{ role?: string }>) ?? []).map((i) => i.role ?? '')]).filter(Boolean);

  it('has the standard edit, view and window roles, so the usual shortcuts work', () => {
    const r = roles(applicationMenuTemplate(actions, { platform: 'linux', appName: 'Twofold', development: false }));
    expect(r).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'minimize', 'close', 'zoomIn', 'zoomOut', 'resetZoom']));
    expect(r).not.toContain('toggleDevTools');
  });

  it('puts the app menu first on macOS, and offers Lock with a shortcut', () => {
    const t = applicationMenuTemplate(actions, { platform: 'darwin', appName: 'Twofold', development: false });
    expect(t[0]?.label).toBe('Twofold');
    expect(roles(t)).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'quit']));
    const lock = (t[0]?.submenu as Array<{ id?: string; accelerator?: string }>).find((i) => i.id === 'lock');
    expect(lock?.accelerator).toBe('CommandOrControl+L');
  });

  it('offers developer tools only in development', () => {
    expect(roles(applicationMenuTemplate(actions, { platform: 'linux', appName: 'Twofold', development: true }))).toContain('toggleDevTools');
  });
});
