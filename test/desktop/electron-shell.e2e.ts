import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { anyTarget, describeElectron, ROOT } from '../electron/electron-target';

/**
 * The Electron shell itself, driven by Playwright's `_electron`: the single-instance lock (with
 * an otpauth:// link handed over), the tray menu, and auto-lock on screen lock and suspend.
 *
 * These need Electron's binary. It is fetched by the electron package's install step, which
 * needs network access; where it could not be fetched, every test here is skipped with that
 * reason, or fails under TWOFOLD_REQUIRE_ELECTRON=1 (see test/electron/electron-target.ts).
 * Never `require('electron')` to find it: that starts a download.
 *
 * Binary used, first found: the packaged app from `npm run dist:e2e` (fuses as released, except
 * inspect arguments, which Playwright needs), then node_modules/electron's binary with `.`.
 */
const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const electron = anyTarget();

/** A page object over the running app: what a user (or the OS) does, and what they would see. */
class TwofoldApp {
  private constructor(
    readonly app: ElectronApplication,
    readonly page: Page,
  ) {}

  static async launch(env: Record<string, string>): Promise<TwofoldApp> {
    const target = electron as NonNullable<typeof electron>;
    const app = await _electron.launch({ executablePath: target.executablePath, args: [...target.args, ...sandboxArgs()], cwd: ROOT, env });
    const page = await app.firstWindow();
    await page.waitForFunction(() => 'twofold' in globalThis);
    return new TwofoldApp(app, page);
  }

  vaultState(): Promise<string> {
    return this.page.evaluate(async () => {
      const r = (await (globalThis as unknown as { twofold: { vault: { status(): Promise<{ ok: boolean; value?: { state: string } }> } } }).twofold.vault.status());
      return r.ok && r.value ? r.value.state : 'error';
    });
  }

  createVault(password: string): Promise<unknown> {
    return this.page.evaluate(
      (pw) => (globalThis as unknown as { twofold: { vault: { create(p: string, o: object): Promise<unknown> } } }).twofold.vault.create(pw, {}),
      password,
    );
  }

  /** What the OS does when the screen locks or the machine sleeps. */
  systemEvent(event: 'lock-screen' | 'suspend'): Promise<void> {
    return this.app.evaluate(({ powerMonitor }, name) => void powerMonitor.emit(name), event);
  }

  windowCount(): Promise<number> {
    return this.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
  }

  /** The tray menu's labels, as the desktop integration built it (exposed under TWOFOLD_E2E=1). */
  trayLabels(): Promise<string[]> {
    return this.app.evaluate(() => {
      const d = (globalThis as { __twofoldDesktop?: { trayMenu: { items: Array<{ label: string; type: string }> } } }).__twofoldDesktop;
      return d ? d.trayMenu.items.filter((i) => i.type !== 'separator').map((i) => i.label) : [];
    });
  }

  clickTray(id: 'show' | 'lock' | 'quit'): Promise<void> {
    return this.app.evaluate((_e, itemId) => {
      const d = (globalThis as { __twofoldDesktop?: { trayMenu: { getMenuItemById(id: string): { click(): void } | null } } }).__twofoldDesktop;
      d?.trayMenu.getMenuItemById(itemId)?.click();
    }, id);
  }

  pendingLinks(): Promise<number> {
    return this.app.evaluate(() => (globalThis as { __twofoldDesktop?: { otpauthInbox: { size: number } } }).__twofoldDesktop?.otpauthInbox.size ?? -1);
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

function sandboxArgs(): string[] {
  // Chromium refuses to start its OS sandbox as root (CI containers); the JS sandbox
  // (webPreferences.sandbox) is unaffected.
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

let xvfb: ChildProcess | null = null;
let display = process.env.DISPLAY;
let dataHome: string;
let running: TwofoldApp | null = null;

function appEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // Its own userData (XDG_CONFIG_HOME) so the tests never touch a real vault.
  // (appData is APPDATA on Windows and under HOME on macOS: see user-data-dir.ts.)
  const home: Record<string, string> = process.platform === 'win32' ? { APPDATA: dataHome } : process.platform === 'darwin' ? { HOME: dataHome } : { XDG_CONFIG_HOME: dataHome };
  return { ...env, ...(display ? { DISPLAY: display } : {}), ...home, TWOFOLD_E2E: '1' };
}

describeElectron('Electron shell (_electron)', electron, () => {
  beforeAll(async () => {
    dataHome = mkdtempSync(join(tmpdir(), 'twofold-shell-'));
    if (process.platform === 'linux' && !display) {
      if (spawnSync('which', ['Xvfb']).status !== 0) throw new Error('No DISPLAY and no Xvfb: install xvfb (npm test does) to run the _electron tests.');
      display = ':97';
      xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 1000));
    }
  });

  afterEach(async () => {
    await running?.close().catch(() => undefined);
    running = null;
    rmSync(dataHome, { recursive: true, force: true });
    dataHome = mkdtempSync(join(tmpdir(), 'twofold-shell-'));
  });

  afterAll(() => {
    xvfb?.kill();
    rmSync(dataHome, { recursive: true, force: true });
  });

  it('a second launch exits at once, hands its otpauth link to the first, and opens no window', async () => {
    running = await TwofoldApp.launch(appEnv());
    const target = electron as NonNullable<typeof electron>;
    const second = spawnSync(target.executablePath, [...target.args, ...sandboxArgs(), URI], { cwd: ROOT, env: appEnv(), timeout: 30_000 });
    expect(second.status, String(second.stderr)).toBe(0);
    await expect.poll(() => running!.pendingLinks(), { timeout: 10_000 }).toBe(1);
    expect(await running.windowCount()).toBe(1);
  });

  it('has a tray menu with Show, Lock and Quit, and Lock locks the vault', async () => {
    running = await TwofoldApp.launch(appEnv());
    await running.createVault('correct horse battery staple');
    expect(await running.vaultState()).toBe('unlocked');
    await expect.poll(() => running!.trayLabels()).toEqual(['Show Twofold', 'Lock Now', 'Quit Twofold']);
    await running.clickTray('lock');
    await expect.poll(() => running!.vaultState()).toBe('locked');
    await expect.poll(() => running!.trayLabels()).toEqual(['Show Twofold', 'Locked', 'Quit Twofold']);
  });

  it.each(['lock-screen', 'suspend'] as const)('locks the vault when the OS reports %s', async (event) => {
    running = await TwofoldApp.launch(appEnv());
    await running.createVault('correct horse battery staple');
    expect(await running.vaultState()).toBe('unlocked');
    await running.systemEvent(event);
    await expect.poll(() => running!.vaultState()).toBe('locked');
  });
});
