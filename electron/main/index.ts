import { app, BrowserWindow, Notification } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcChannelNames, ipcContract } from '../../shared/ipc/contract';
import { ElectronSettingsStore } from './adapters/electron-settings-store';
import { electronClipboard } from './adapters/electron-clipboard';
import { SafeStorageKeyProtector } from './adapters/safe-storage-key-protector';
import { electronScanClipboard } from './adapters/scan-clipboard';
import { ElectronImageFilePicker } from './adapters/scan-file-dialog';
import { ElectronFileDialogs } from './adapters/file-dialogs';
import { TrayBackupNotifier } from './adapters/backup-notice';
import { ElectronConfirmDialog } from './adapters/electron-confirm-dialog';
import { ElectronScreenCapture } from './adapters/screen-capture';
import { electronUpdateSupport, ElectronUpdaterEngine } from './adapters/electron-updater-engine';
import { createAppServices, type AppServices } from './app-services';
import { copyAccountCode } from './services/codes';
import { createIpcDispatcher } from './ipc/dispatcher';
import { forwardServiceEvents } from './ipc/events';
import { createIpcHandlers } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register-handlers';
import { prepareShell } from './desktop/shell';
import { startedHidden } from './desktop/start-at-login';
import { userDataDir } from './services/settings/user-data-dir';
import { createAdminWindow } from './windows/admin-window';
import { createCodesWindow } from './windows/codes-window';
import { WindowRegistry } from './windows/window-registry';

/**
 * Main process entry: lifecycle and wiring only. Services are built in app-services.ts, IPC
 * in ipc/, windows in windows/, security and desktop integration (app:// pages, CSP,
 * permissions, single instance, tray, locks on screen lock and suspend) in desktop/shell.ts.
 */
const mainDir = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(mainDir, '..', 'preload', 'index.cjs');
const windows = new WindowRegistry();
let services: AppServices | null = null;
let codesWindow: BrowserWindow | null = null;
let adminWindow: BrowserWindow | null = null;

// The same folder the CLI computes without Electron, so both open one vault.
app.setPath('userData', userDataDir());

const shell = prepareShell({
  rendererRoot: join(mainDir, '..', 'renderer'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  showCodesWindow: () => showCodesWindow(),
  showAdminWindow: () => showAdminWindow(),
});

if (!shell.claimSingleInstance()) {
  app.quit();
} else {
  app.on('activate', () => showCodesWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!services) return;
    const closing = services;
    services = null;
    event.preventDefault();
    void closing.dispose().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const ready = await createAppServices({
    dataDir: app.getPath('userData'),
    settings: new ElectronSettingsStore({ onProblems: (problems) => console.warn('[settings] reset to defaults:', problems.join('; ')) }),
    clipboard: electronClipboard,
    keyProtector: new SafeStorageKeyProtector(),
    scan: { capture: new ElectronScreenCapture(() => BrowserWindow.getAllWindows(), () => shell.protection.isEnabled), clipboard: electronScanClipboard, filePicker: new ElectronImageFilePicker(() => BrowserWindow.getFocusedWindow()) },
    fileDialogs: new ElectronFileDialogs(() => BrowserWindow.getFocusedWindow()),
    backup: {
      dialogs: new ElectronFileDialogs(() => BrowserWindow.getFocusedWindow()),
      notifier: new TrayBackupNotifier({ isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) }, () => showCodesWindow()),
    },
    confirmDialog: new ElectronConfirmDialog(() => BrowserWindow.getFocusedWindow()),
    admin: { openWindow: () => showAdminWindow() },
    desktop: () => shell.desktopPort,
    updates: { engine: new ElectronUpdaterEngine(), currentVersion: app.getVersion(), unsupported: electronUpdateSupport() },
  });
  services = ready;
  registerIpcHandlers({
    channels: ipcChannelNames,
    dispatch: createIpcDispatcher(ipcContract, createIpcHandlers(ready)),
    allowedOrigins: shell.pages.allowedOrigins,
    windowKindOf: windows.kindOf,
  });
  forwardServiceEvents(ready, windows.send);
  shell.whenReady({
    ...ready,
    accounts: () => ready.vault.accounts(),
    copyCode: (id) => copyAccountCode(ready, id),
  });
  ready.updates.start();
  // Started at login: stay in the tray until the user asks for the window.
  if (!startedHidden(process.argv)) showCodesWindow();
}

function showCodesWindow(): void {
  if (!app.isReady() || !services) return;
  if (codesWindow && !codesWindow.isDestroyed()) {
    if (codesWindow.isMinimized()) codesWindow.restore();
    codesWindow.focus();
    return;
  }
  codesWindow = createCodesWindow({
    preloadPath,
    url: shell.pages.urls.codes,
    protection: shell.protection,
    onCreated: (window) => {
      windows.add(window, 'codes');
      shell.windowCreated(window);
    },
  });
}

/** The admin window: one at a time from the menu and the codes window (tests open several pages). */
function showAdminWindow(): void {
  if (!app.isReady() || !services) return;
  if (adminWindow && !adminWindow.isDestroyed()) return adminWindow.focus();
  adminWindow = createAdminWindow({ preloadPath, url: shell.pages.urls.admin, protection: shell.protection, onCreated: (window) => windows.add(window, 'admin') });
}
