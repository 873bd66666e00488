import { app, BrowserWindow, powerMonitor } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcChannelNames, ipcContract } from '../../shared/ipc/contract';
import { ElectronSettingsStore } from './adapters/electron-settings-store';
import { electronClipboard } from './adapters/electron-clipboard';
import { SafeStorageKeyProtector } from './adapters/safe-storage-key-protector';
import { electronScanClipboard } from './adapters/scan-clipboard';
import { ElectronImageFilePicker } from './adapters/scan-file-dialog';
import { ElectronFileDialogs } from './adapters/file-dialogs';
import { ElectronScreenCapture } from './adapters/screen-capture';
import { createAppServices, type AppServices } from './app-services';
import { createIpcDispatcher } from './ipc/dispatcher';
import { forwardServiceEvents } from './ipc/events';
import { createIpcHandlers } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register-handlers';
import { userDataDir } from './services/settings/user-data-dir';
import { createCodesWindow } from './windows/codes-window';
import { rendererPages } from './windows/renderer-pages';
import { WindowRegistry } from './windows/window-registry';

/**
 * Main process entry: lifecycle and wiring only. Services are built in app-services.ts, IPC
 * in ipc/, windows in windows/.
 */
const mainDir = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(mainDir, '..', 'preload', 'index.cjs');
const pages = rendererPages(mainDir, process.env.ELECTRON_RENDERER_URL);
const windows = new WindowRegistry();
let services: AppServices | null = null;
let codesWindow: BrowserWindow | null = null;

// The same folder the CLI computes without Electron, so both open one vault.
app.setPath('userData', userDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showCodesWindow());
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
    scan: { capture: new ElectronScreenCapture(() => BrowserWindow.getAllWindows()), clipboard: electronScanClipboard, filePicker: new ElectronImageFilePicker(() => BrowserWindow.getFocusedWindow()) },
    fileDialogs: new ElectronFileDialogs(() => BrowserWindow.getFocusedWindow()),
  });
  services = ready;
  registerIpcHandlers({
    channels: ipcChannelNames,
    dispatch: createIpcDispatcher(ipcContract, createIpcHandlers(ready)),
    allowedOrigins: pages.allowedOrigins,
    isOurWindow: windows.owns,
  });
  forwardServiceEvents(ready, windows.send);
  // DESIGN.md: the vault locks when the screen locks and when the machine suspends.
  powerMonitor.on('lock-screen', () => ready.vault.lock());
  powerMonitor.on('suspend', () => ready.vault.lock());
  showCodesWindow();
}

function showCodesWindow(): void {
  if (!app.isReady() || !services) return;
  if (codesWindow && !codesWindow.isDestroyed()) {
    if (codesWindow.isMinimized()) codesWindow.restore();
    codesWindow.focus();
    return;
  }
  codesWindow = createCodesWindow({ preloadPath, url: pages.urls.codes, onCreated: (window) => windows.add(window) });
}
