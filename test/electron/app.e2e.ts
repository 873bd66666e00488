import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron } from 'playwright-core';
import { installedElectronBinary } from '../../scripts/electron-binary.mjs';
import { expect, it } from 'vitest';
import { describeElectron } from './electron-target';

/**
 * The real Electron shell, through Playwright's `_electron`. Electron's binary is downloaded by
 * its install step, which needs network access; where it is missing these tests are skipped
 * with that reason (everything below the shell is covered by the Chromium harness), or fail
 * under TWOFOLD_REQUIRE_ELECTRON=1 (electron-target.ts). The binary is found without
 * `require('electron')`, which would start a download.
 */
const binary = installedElectronBinary();
const repoRoot = resolve(import.meta.dirname, '..', '..');

describeElectron('Electron shell (_electron)', binary ? { executablePath: binary, args: [repoRoot], packaged: false } : null, () => {
  it('opens the codes window on the first-run screen with the preload API and no Node in the page', async () => {
    const config = await mkdtemp(join(tmpdir(), 'twofold-electron-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: [repoRoot, '--no-sandbox'],
      env: { ...process.env, XDG_CONFIG_HOME: config, ELECTRON_ENABLE_LOGGING: '1' },
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
      expect(await page.title()).toBe('Twofold');
      const shape = await page.evaluate(`({
        status: typeof window.twofold?.vault?.status,
        on: typeof window.twofold?.on,
        ipcRenderer: typeof window.ipcRenderer,
        require: typeof window.require,
        process: typeof window.process,
      })`);
      expect(shape).toEqual({ status: 'function', on: 'function', ipcRenderer: 'undefined', require: 'undefined', process: 'undefined' });
      expect(await page.evaluate('window.twofold.vault.status()')).toMatchObject({ ok: true, value: { state: 'missing' } });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()))).toEqual(['Twofold']);
    } finally {
      await app.close();
      await rm(config, { recursive: true, force: true });
    }
  });
});
