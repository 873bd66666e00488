import { describe, expect, it, vi } from 'vitest';
import { findInsecurePreferences } from '../../electron/main/security/web-preferences';
import { ContentProtection } from '../../electron/main/windows/content-protection';

/** The admin window's options as its factory passes them to BrowserWindow (a recording stand-in). */
const constructed: Array<Record<string, unknown>> = [];
const loaded: string[] = [];
vi.mock('electron', () => {
  class FakeBrowserWindow {
    webContents = { on: () => undefined, setWindowOpenHandler: () => undefined };
    constructor(options: Record<string, unknown>) {
      constructed.push(options);
    }
    once() {
      return this;
    }
    setContentProtection() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow: FakeBrowserWindow, default: { BrowserWindow: FakeBrowserWindow } };
});

describe('admin window', () => {
  it('is created with locked-down webPreferences, our preload and the admin page', async () => {
    const { createAdminWindow } = await import('../../electron/main/windows/admin-window');
    createAdminWindow({ preloadPath: '/app/out/preload/index.cjs', url: 'app://twofold/admin/index.html', protection: new ContentProtection(true) });
    expect(constructed).toHaveLength(1);
    const prefs = constructed[0]?.webPreferences as Record<string, unknown>;
    expect(findInsecurePreferences(prefs)).toEqual([]);
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/out/preload/index.cjs' });
    expect(loaded).toEqual(['app://twofold/admin/index.html']);
  });
});
