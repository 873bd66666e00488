// Where Electron's binary is, without triggering a download: `require('electron')` in Electron 45
// downloads the binary when it is missing, so everything that only needs to *find* it (the
// `_electron` tests, `npm start`) reads the package's path.txt instead.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The Electron executable under node_modules/electron, or null when it is not installed. */
export function installedElectronBinary(root = REPO_ROOT) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * TWOFOLD_REQUIRE_ELECTRON=1 (set by .github/workflows/ci.yml): where Electron can run, a missing
 * binary is a broken CI set-up, so the _electron tests fail instead of skipping.
 */
export function electronRequired(env = process.env) {
  return env.TWOFOLD_REQUIRE_ELECTRON === '1';
}

/**
 * The unpacked app `npm run dist:e2e` built for this OS (fuses as released, except inspect
 * arguments, which Playwright needs), or null.
 */
export function packagedE2eApp(root = REPO_ROOT, platform = process.platform) {
  const out = join(root, 'dist', 'e2e');
  const candidates =
    platform === 'linux'
      ? ['linux-unpacked', 'linux-arm64-unpacked'].map((d) => join(out, d, 'twofold'))
      : platform === 'darwin'
        ? ['mac-arm64', 'mac', 'mac-universal'].map((d) => join(out, d, 'Twofold.app', 'Contents', 'MacOS', 'Twofold'))
        : ['win-unpacked', 'win-arm64-unpacked'].map((d) => join(out, d, 'Twofold.exe'));
  return candidates.find((file) => existsSync(file)) ?? null;
}
