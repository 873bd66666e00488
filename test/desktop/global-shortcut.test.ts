import { describe, expect, it, vi } from 'vitest';
import { GlobalShortcutBinding, acceleratorProblem } from '../../electron/main/desktop/global-shortcut';

function registry(taken: string[] = []) {
  const bound = new Map<string, () => void>();
  return {
    bound,
    register: vi.fn((accel: string, cb: () => void) => {
      if (taken.includes(accel) || bound.has(accel)) return false;
      bound.set(accel, cb);
      return true;
    }),
    unregister: vi.fn((accel: string) => void bound.delete(accel)),
  };
}

describe('accelerator check', () => {
  it.each(['CommandOrControl+Shift+2', 'Alt+F12', 'Ctrl+Alt+Space', 'Super+T', 'CmdOrCtrl+Plus'])('accepts %s', (a) => {
    expect(acceleratorProblem(a)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['T', /needs Ctrl, Alt/],
    ['Shift+T', /needs Ctrl, Alt/],
    ['Ctrl+', /ends with "\+"/],
    ['Hyper+T', /"hyper" is not a modifier/],
    ['Ctrl+Ctrl+T', /repeated/],
    ['Ctrl+Banana', /"Banana" is not a key name/],
    [' Ctrl+T', /spaces/],
  ])('refuses %j with a message saying why', (a, why) => {
    const problem = acceleratorProblem(a);
    expect(problem?.code).toBe('invalid-accelerator');
    expect(problem?.message).toMatch(why);
    expect(problem?.message).toContain('Example: CommandOrControl+Shift+2');
  });
});

describe('global shortcut binding', () => {
  it('shows the window when pressed, and moves to a new combination cleanly', () => {
    const r = registry();
    const show = vi.fn();
    const b = new GlobalShortcutBinding(r, show);
    expect(b.apply('CommandOrControl+Shift+2')).toEqual({ ok: true, active: 'CommandOrControl+Shift+2' });
    r.bound.get('CommandOrControl+Shift+2')?.();
    expect(show).toHaveBeenCalledOnce();
    expect(b.apply('Alt+F12')).toEqual({ ok: true, active: 'Alt+F12' });
    expect([...r.bound.keys()]).toEqual(['Alt+F12']);
  });

  it('keeps the previous shortcut when the new one is taken by another app', () => {
    const r = registry(['Ctrl+Alt+T']);
    const b = new GlobalShortcutBinding(r, () => {});
    b.apply('Alt+F12');
    const result = b.apply('Ctrl+Alt+T');
    expect(result).toMatchObject({ ok: false, error: { code: 'shortcut-taken' }, active: 'Alt+F12' });
    expect([...r.bound.keys()]).toEqual(['Alt+F12']);
  });

  it('does not touch the registered shortcut for an invalid one', () => {
    const r = registry();
    const b = new GlobalShortcutBinding(r, () => {});
    b.apply('Alt+F12');
    expect(b.apply('T')).toMatchObject({ ok: false, error: { code: 'invalid-accelerator' }, active: 'Alt+F12' });
    expect(r.unregister).not.toHaveBeenCalled();
  });

  it('removes the shortcut when set to none', () => {
    const r = registry();
    const b = new GlobalShortcutBinding(r, () => {});
    b.apply('Alt+F12');
    expect(b.apply(null)).toEqual({ ok: true, active: null });
    expect(r.bound.size).toBe(0);
  });
});
