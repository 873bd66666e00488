import { ipcContract } from '../../shared/ipc/contract';
import { createAppServices, type AppServices, type UpdatePorts } from '../../electron/main/app-services';
import { createIpcDispatcher, type IpcDispatch } from '../../electron/main/ipc/dispatcher';
import { forwardServiceEvents, type EventSink } from '../../electron/main/ipc/events';
import { createIpcHandlers } from '../../electron/main/ipc/handlers';
import { restrictToWindow, type WindowKind } from '../../electron/main/ipc/window-access';
import { ManualClock } from '../../electron/main/services/clock';
import type { ConfirmDialogPort } from '../../electron/main/services/security';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import type { FileDialogPort } from '../../electron/main/services/import-export/file-ports';
import type { BackupNotifier, FolderDialogPort } from '../../electron/main/services/backup';
import type { ScanPorts } from '../../electron/main/services/scan';
import { FakeClipboard, FakeKeyProtector } from './fakes';
import { settingsOnlyDesktopPort } from '../../electron/main/desktop/desktop-port';

export interface BackendOptions {
  dataDir: string;
  clock: ManualClock;
  clipboard: FakeClipboard;
  keyProtector: FakeKeyProtector | undefined;
  /** The open/save dialogs of import and export (CodesApp passes a ScriptedFileDialogs). */
  fileDialogs?: FileDialogPort;
  /** An updater (e.g. FeedUpdateEngine over a feed on 127.0.0.1); default: none, updates off as "not installed". */
  updates?: UpdatePorts;
  /** The backup folder picker (CodesApp passes its ScriptedFileDialogs). */
  folderDialog?: FolderDialogPort;
  backupNotifier?: BackupNotifier;
  /** Screen capture, clipboard image and image picker for "Scan QR code" (none by default). */
  scan?: ScanPorts;
  /** The native confirmation dialog main shows (CodesApp passes a ScriptedConfirmDialog). */
  confirmDialog?: ConfirmDialogPort;
  /** Global shortcuts "another app" owns: binding one is refused as taken. */
  takenShortcuts?: readonly string[] | undefined;
}

/**
 * The main process of the harness: the app's real services over `dataDir` (vault file, conf
 * settings), composed by the app's own `createAppServices`, behind the app's own dispatcher and
 * handler table. Only the Electron pieces are replaced: the clipboard, the keychain, the clock,
 * and the transport (the sender check belongs to ipcMain and is unit-tested on its own).
 */
export class HarnessBackend {
  /** Every dispatched call, channel names only (arguments can be passwords). */
  readonly calls: string[] = [];
  private constructor(
    readonly services: AppServices,
    readonly dispatch: IpcDispatch,
    /** Failures the dispatcher reported as 'internal' (bugs): a test can assert there are none. */
    readonly internalErrors: string[],
    private readonly stopEvents: () => void,
  ) {}

  static async start(options: BackendOptions, emit: EventSink): Promise<HarnessBackend> {
    const services = await createAppServices({
      dataDir: options.dataDir,
      settings: new ConfSettingsStore({ dir: options.dataDir }),
      clipboard: options.clipboard,
      keyProtector: options.keyProtector,
      clock: options.clock,
      fileDialogs: options.fileDialogs,
      backup: { ...(options.folderDialog ? { dialogs: options.folderDialog } : {}), ...(options.backupNotifier ? { notifier: options.backupNotifier } : {}) },
      scan: options.scan,
      confirmDialog: options.confirmDialog,
      desktop: (settings) => settingsOnlyDesktopPort(settings, options.takenShortcuts ?? []),
      updates: options.updates,
    });
    const internalErrors: string[] = [];
    const dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), {
      report: (channel, problem, error) => internalErrors.push(`${channel}: ${problem}${error instanceof Error ? `: ${error.stack}` : ''}`),
    });
    const stopEvents = forwardServiceEvents(services, emit);
    return new HarnessBackend(services, dispatch, internalErrors, stopEvents);
  }

  /** A call from the test itself (seeding): every channel, as main's own code could. */
  invoke(channel: string, args: unknown): ReturnType<IpcDispatch> {
    this.calls.push(channel);
    return this.dispatch(channel, args);
  }

  /** A call from a page: only the channels its window may use (window-access.ts), as ipcMain does. */
  invokeFrom(window: WindowKind, channel: string, args: unknown): ReturnType<IpcDispatch> {
    this.calls.push(channel);
    return (this.byWindow[window] ??= restrictToWindow(this.dispatch, window))(channel, args);
  }

  private readonly byWindow: Partial<Record<WindowKind, IpcDispatch>> = {};

  async dispose(): Promise<void> {
    this.stopEvents();
    await this.services.dispose();
  }
}
