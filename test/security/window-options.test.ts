import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { findInsecurePreferences } from '../../electron/main/security/web-preferences';
import { ContentProtection } from '../../electron/main/windows/content-protection';

/**
 * Every BrowserWindow the app builds, checked on the options object its factory really passes
 * to the BrowserWindow constructor (Electron itself cannot start here, so the constructor is a
 * recording stand-in; the options are the app's own).
 */
const constructed: Array<Record<string, unknown>> = [];
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
    on() {
      return this;
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  return { BrowserWindow: FakeBrowserWindow, default: { BrowserWindow: FakeBrowserWindow } };
});

describe('codes window', () => {
  it('is created with locked-down webPreferences and our preload', async () => {
    const { createCodesWindow } = await import('../../electron/main/windows/codes-window');
    constructed.length = 0;
    createCodesWindow({ preloadPath: '/app/out/preload/index.cjs', url: 'app://twofold/codes/index.html', protection: new ContentProtection(true) });
    expect(constructed).toHaveLength(1);
    const prefs = constructed[0]?.webPreferences as Record<string, unknown>;
    expect(findInsecurePreferences(prefs)).toEqual([]);
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/out/preload/index.cjs' });
  });
});

/**
 * Every window module (electron/main/windows/*-window.ts) exports its options as
 * `<name>WindowOptions(preloadPath, ...)`; each one is audited, so a window added later is
 * covered without touching this test.
 */
describe('every window module', () => {
  const dir = join(import.meta.dirname, '..', '..', 'electron', 'main', 'windows');
  const modules = readdirSync(dir).filter((f) => f.endsWith('-window.ts'));

  it('exists (the codes window at least)', () => {
    expect(modules).toContain('codes-window.ts');
  });

  it.each(modules)('%s builds locked-down webPreferences', async (file) => {
    const mod = (await import(join(dir, file))) as Record<string, unknown>;
    const factories = Object.entries(mod).filter(([name, value]) => name.endsWith('WindowOptions') && typeof value === 'function');
    expect(factories.length, `${file} should export a *WindowOptions(preloadPath) function`).toBeGreaterThan(0);
    for (const [name, factory] of factories) {
      const options = (factory as (preload: string) => { webPreferences?: Record<string, unknown> })('/app/out/preload/index.cjs');
      expect(findInsecurePreferences(options.webPreferences), name).toEqual([]);
    }
  });
});
