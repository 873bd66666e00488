import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { electronRequired, installedElectronBinary, packagedE2eApp } from '../../scripts/electron-binary.mjs';

/**
 * Where the `_electron` tests find Electron, and what they do where it is missing.
 *
 * Electron's binary is downloaded by node_modules/electron/install.js, which needs network
 * access. Where it is missing these tests skip, saying why; under TWOFOLD_REQUIRE_ELECTRON=1 (the
 * GitHub workflows, where it can be downloaded) the same absence is a failing test instead, so
 * a broken set-up can never pass as "all skipped".
 */
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SKIP_REASON = 'Electron binary not installed here (it cannot be downloaded): skipping _electron tests';
export const PACKAGED_SKIP_REASON = 'No packaged app in dist/e2e (run `npm run dist:e2e` where Electron can be downloaded): skipping the packaged-app tests';

export interface ElectronTarget {
  executablePath: string;
  /** `['.']` for node_modules/electron's binary (it loads the repository), nothing for a packaged app. */
  args: string[];
  packaged: boolean;
}

/** The packaged app from `npm run dist:e2e` (fuses as released), or null. */
export function packagedTarget(): ElectronTarget | null {
  const app = packagedE2eApp(ROOT);
  return app ? { executablePath: app, args: [], packaged: true } : null;
}

/** The packaged app if built, else node_modules/electron's binary over out/ (`npm run build`). */
export function anyTarget(): ElectronTarget | null {
  const packaged = packagedTarget();
  if (packaged) return packaged;
  const binary = installedElectronBinary(ROOT);
  if (!binary || !existsSync(join(ROOT, 'out', 'main', 'index.js'))) return null;
  return { executablePath: binary, args: ['.'], packaged: false };
}

/**
 * `describe` for tests that need Electron: with a target, runs `body(target)`; without one,
 * registers one skipped test named for the reason, or (TWOFOLD_REQUIRE_ELECTRON=1) one that fails.
 */
export function describeElectron(name: string, target: ElectronTarget | null, body: (target: ElectronTarget) => void, reason = SKIP_REASON): void {
  if (target) {
    describe(name, () => body(target));
    return;
  }
  if (electronRequired()) {
    describe(name, () => {
      it(`needs Electron: ${reason} — but TWOFOLD_REQUIRE_ELECTRON=1 says it must run here`, () => {
        throw new Error(`${reason}. TWOFOLD_REQUIRE_ELECTRON=1 is set, so this is a failure: install the binary (node node_modules/electron/install.js) and build the app (npm run build; npm run dist:e2e for the packaged-app tests).`);
      });
    });
    return;
  }
  console.warn(`[${name}] ${reason}`);
  describe(name, () => {
    it.skip(reason, () => {});
  });
}

/** Chromium refuses its OS sandbox as root (CI containers); the renderer's JS sandbox is unaffected. */
export function sandboxArgs(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

/**
 * A fresh, private data folder for one app run, passed the way each OS's Electron finds its
 * appData (XDG_CONFIG_HOME on Linux, HOME on macOS, APPDATA on Windows), so no test touches
 * a real vault. See electron/main/services/settings/user-data-dir.ts.
 */
export class AppDataHome {
  readonly dir = mkdtempSync(join(tmpdir(), 'twofold-electron-'));

  env(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    // The harness flag: exposes the tray menu and link inbox to app.evaluate (no secrets).
    env.TWOFOLD_E2E = '1';
    delete env.ELECTRON_RUN_AS_NODE;
    if (process.platform === 'win32') env.APPDATA = this.dir;
    else if (process.platform === 'darwin') env.HOME = this.dir;
    else env.XDG_CONFIG_HOME = this.dir;
    if (display.current) env.DISPLAY = display.current;
    return { ...env, ...extra };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Linux without a DISPLAY (CI outside xvfb-run): an Xvfb of our own. Elsewhere: nothing. */
export const display: { current: string | undefined; xvfb: ChildProcess | null } = { current: process.env.DISPLAY, xvfb: null };

export async function ensureDisplay(): Promise<void> {
  if (process.platform !== 'linux' || display.current) return;
  if (spawnSync('which', ['Xvfb']).status !== 0) throw new Error('No DISPLAY and no Xvfb: install xvfb (npm test does) or run under xvfb-run to run the _electron tests.');
  display.current = ':97';
  display.xvfb = spawn('Xvfb', [display.current, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1000));
}

export function stopDisplay(): void {
  display.xvfb?.kill();
  display.xvfb = null;
  display.current = process.env.DISPLAY;
}
