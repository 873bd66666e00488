import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ContentProtection } from '../../electron/main/windows/content-protection';

/**
 * Content protection (screenshots and screen sharing see a blank window) is requested for every
 * window the app creates, before its page loads, and follows the setting afterwards. BrowserWindow
 * is a recording stand-in (Electron cannot start here); the factories are the app's own.
 */
const events: string[] = [];
vi.mock('electron', () => {
  let seq = 0;
  class FakeBrowserWindow {
    readonly n = ++seq;
    private closed: Array<() => void> = [];
    destroyed = false;
    webContents = { on: () => undefined, setWindowOpenHandler: () => undefined };
    constructor(readonly options: Record<string, unknown>) {
      events.push(`new ${this.n} ${String(options.title)}`);
    }
    setContentProtection(enable: boolean) {
      events.push(`protect ${this.n} ${enable}`);
    }
    isDestroyed() {
      return this.destroyed;
    }
    once(event: string, listener: () => void) {
      if (event === 'closed') this.closed.push(listener);
      return this;
    }
    on() {
      return this;
    }
    loadURL() {
      events.push(`load ${this.n}`);
      return Promise.resolve();
    }
    close() {
      this.destroyed = true;
      for (const l of this.closed) l();
    }
  }
  return { BrowserWindow: FakeBrowserWindow, default: { BrowserWindow: FakeBrowserWindow } };
});

const dir = join(import.meta.dirname, '..', '..', 'electron', 'main', 'windows');
const windowModules = readdirSync(dir).filter((f) => f.endsWith('-window.ts'));

async function createEveryWindow(protection: ContentProtection) {
  const created: Array<{ close(): void }> = [];
  for (const file of windowModules) {
    const mod = (await import(join(dir, file))) as Record<string, unknown>;
    for (const [name, factory] of Object.entries(mod)) {
      if (!/^create\w+Window$/.test(name) || typeof factory !== 'function') continue;
      created.push(factory({ preloadPath: '/app/out/preload/index.cjs', url: `app://twofold/${name}.html`, protection }) as { close(): void });
    }
  }
  return created;
}

describe('content protection', () => {
  it('is requested for every window the app creates, before its page loads', async () => {
    events.length = 0;
    const windows = await createEveryWindow(new ContentProtection(true));
    expect(windows.length).toBeGreaterThanOrEqual(2);
    for (let n = 1; n <= windows.length; n += 1) {
      const mine = events.filter((e) => e.split(' ')[1] === String(n)).map((e) => e.split(' ')[0] + (e.startsWith('protect') ? ` ${e.split(' ')[2]}` : ''));
      expect(mine, `window ${n}`).toEqual(['new', 'protect true', 'load']);
    }
  });

  it('follows the setting in every open window, and leaves closed ones alone', async () => {
    events.length = 0;
    const protection = new ContentProtection(true);
    const [first, second] = await createEveryWindow(protection);
    second?.close();
    events.length = 0;
    protection.setEnabled(false);
    expect(events).toEqual(['protect 3 false']);
    expect(protection.isEnabled).toBe(false);
    events.length = 0;
    await createEveryWindow(protection);
    expect(events.filter((e) => e.startsWith('protect'))).toEqual(['protect 5 false', 'protect 6 false']);
    first?.close();
  });
});
