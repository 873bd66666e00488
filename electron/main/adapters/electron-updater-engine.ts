import { accessSync, constants } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { asEngineError, UpdateEngineError, updateSupport, type DownloadedUpdate, type UpdateEngine, type UpdateInfo, type UnsupportedReason } from '../services/updates';

/**
 * electron-updater (GitHub provider: the owner/repo electron-builder wrote into app-update.yml
 * from `publish` in electron-builder.yml) behind the UpdateEngine port. Thin on purpose: the
 * UpdateService decides when to check, what to download and what to install.
 *
 * What electron-updater verifies before its download resolves: the SHA-512 the feed published
 * (every platform); on Windows the Authenticode signature against the publisher name of the
 * running build; on macOS Squirrel.Mac installs only a bundle whose code signature satisfies the
 * running app's designated requirement. The service then re-hashes the file before any install.
 * @see https://www.electron.build/auto-update
 */
export class ElectronUpdaterEngine implements UpdateEngine {
  private configured: typeof electronUpdater.autoUpdater | null = null;

  /** Built on first use: a build that never updates (portable, dev) never even reads app-update.yml. */
  private get updater(): typeof electronUpdater.autoUpdater {
    if (this.configured) return this.configured;
    const updater = electronUpdater.autoUpdater;
    // Decisions stay with the service: no download without it, no downgrades, no pre-releases.
    updater.autoDownload = false;
    // Armed only after the service verified the download (installOnQuit): a download that fails
    // Twofold's own SHA-512 check must not be installed at quit by electron-updater.
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    updater.allowPrerelease = false;
    updater.logger = null;
    // An install that fails on the Squirrel.Mac / NSIS side must not crash the main process.
    updater.on('error', (error: Error) => console.warn('[updates]', error.message));
    this.configured = updater;
    return updater;
  }

  async fetchFeed(): Promise<unknown> {
    try {
      const result = await this.updater.checkForUpdates();
      if (!result) throw new UpdateEngineError('feed-unreachable', 'The updater is not active in this build.');
      return result.updateInfo;
    } catch (error) {
      throw asEngineError(error, 'feed-unreachable');
    }
  }

  async download(info: UpdateInfo): Promise<DownloadedUpdate> {
    let files: string[];
    try {
      files = await this.updater.downloadUpdate();
    } catch (error) {
      throw asEngineError(error, 'download-failed');
    }
    // The installer (nsis .exe, AppImage, macOS .zip) is the file the feed lists by name.
    for (const file of files) {
      const entry = info.files.find((f) => f.url === basename(file));
      if (entry) return { file, entry };
    }
    await Promise.all(files.map((f) => rm(f, { force: true })));
    throw new UpdateEngineError('verification-failed', 'the downloaded file is not one the release lists');
  }

  async discard(file: string): Promise<void> {
    await rm(file, { force: true });
  }

  installOnQuit(): void {
    this.updater.autoInstallOnAppQuit = true;
  }

  install(): void {
    this.updater.quitAndInstall(false, true);
  }
}

/** Why this copy cannot update itself, from the running process. */
export function electronUpdateSupport(): UnsupportedReason | null {
  return updateSupport({
    packaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
    execPath: process.execPath,
    canWrite: (folder) => {
      try {
        accessSync(folder, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  });
}
