import { join } from 'node:path';
import type { SettingsStore } from '../../shared/settings';
import { ClipboardGuard, type ClipboardPort } from './clipboard/clipboard-guard';
import { AdminService, type FetchPort } from './services/admin-client';
import type { CoreServices } from './ipc/handlers/services';
import { systemClock, type Clock } from './services/clock';
import { CodePrivacy, CodesService } from './services/codes';
import { REVEAL_SECONDS } from '../../shared/ipc/codes-channels';
import { settingsOnlyDesktopPort, type DesktopPort } from './desktop/desktop-port';
import { UsageStats } from './services/usage/usage-stats';
import { createScanService, type ScanPorts, type ScanService } from './services/scan';
import { createImportExportService, nodeFileAccess, type FileDialogPort, type ImportExportService } from './services/import-export';
import { nodeImportCrypto } from './services/import-export/node-import-crypto';
import { BackupError, BackupService, nodeBackupFiles, type BackupFiles, type BackupNotifier, type FolderDialogPort } from './services/backup';
import { VAULT_FILE_NAME } from './services/settings/user-data-dir';
import { UpdateEngineError, UpdateService, type UpdateEngine, type UnsupportedReason } from './services/updates';
import { RecoveryCodesService } from './services/recovery-codes/recovery-codes-service';
import { PasswordGate, refuseAllConfirmations, settingsRollbackPort, type ConfirmDialogPort } from './services/security';
import { VaultService, type KeyProtector } from './services/vault';

/** Copy counts per account id (no names, no secrets): see UsageStats. */
const USAGE_FILE_NAME = 'usage.json';

/**
 * What the operating system provides. The Electron app passes adapters over safeStorage,
 * electron-store and `clipboard`; the e2e harness passes `conf`, fakes and a manual clock.
 */
export interface PlatformPorts {
  /** Folder of vault.json (the app's userData folder). */
  dataDir: string;
  settings: SettingsStore;
  clipboard: ClipboardPort;
  keyProtector?: KeyProtector;
  clock?: Clock;
  /** Screen capture, clipboard images and the open-file dialog for scanning QR codes. */
  scan?: ScanPorts;
  /** Open and save dialogs for import and export (exports are written only where the save dialog says). */
  fileDialogs?: FileDialogPort;
  /** Automatic backups: the folder picker, the failure notice (tray), and the folder's files. */
  backup?: { dialogs?: FolderDialogPort; notifier?: BackupNotifier; files?: BackupFiles; debounceMs?: number };
  /** Native confirmations shown by main; without one, every risky choice is refused. */
  confirmDialog?: ConfirmDialogPort;
  /** The admin client's HTTP (global fetch by default) and the admin window opener. */
  admin?: { fetch?: FetchPort; openWindow?: () => void };
  /**
   * The desktop shell's controls (global shortcut). Given a factory because the shell needs the
   * services first; without one, shortcuts are only checked and saved (harness, tests).
   */
  desktop?: (settings: SettingsStore) => DesktopPort;
  /** Automatic updates (electron-updater in the app). Absent: updates are off as "not installed". */
  updates?: UpdatePorts;
}

export interface UpdatePorts {
  engine: UpdateEngine;
  currentVersion: string;
  unsupported: UnsupportedReason | null;
}

/** For builds and harnesses without an updater: never called, since such a build is "not installed". */
const noUpdates: UpdatePorts = {
  engine: {
    fetchFeed: () => Promise.reject(new UpdateEngineError('feed-unreachable', 'no updater in this build')),
    download: () => Promise.reject(new UpdateEngineError('download-failed', 'no updater in this build')),
    discard: () => Promise.resolve(),
    installOnQuit: () => undefined,
    install: () => undefined,
  },
  currentVersion: '0.0.0',
  unsupported: 'not-installed',
};

export interface AppServices extends CoreServices {
  clock: Clock;
  scan: ScanService;
  importExport: ImportExportService;
  /** Recovery codes kept with vault accounts: reveal (password-gated), copy, mark, add. */
  recoveryCodes: RecoveryCodesService;
  admin: AdminService;
  desktop: DesktopPort;
  /** Checks, downloads and offers updates; `start()` begins its schedule (the app calls it, tests need not). */
  updates: UpdateService;
  backup: BackupService;
  /** Waits for pending saves, locks the vault, clears a copied code still on the clipboard. */
  dispose(): Promise<void>;
}

/**
 * The composition root: plain `new` calls, no container (Bitwarden's style). Both the Electron
 * main process and the e2e harness call it, so the harness runs the services the app runs.
 * To add a service for a new IPC area: construct it here, add it to `AppServices`, and give it
 * the ports it needs through `PlatformPorts`.
 */
export async function createAppServices(ports: PlatformPorts): Promise<AppServices> {
  const clock = ports.clock ?? systemClock;
  const { settings } = ports;
  const confirmDialog = ports.confirmDialog ?? refuseAllConfirmations;
  const vault = await VaultService.open({
    path: join(ports.dataDir, VAULT_FILE_NAME),
    keyProtector: ports.keyProtector,
    clock,
    autoLockMinutes: settings.get().autoLockMinutes,
    rollback: settingsRollbackPort(settings, confirmDialog),
  });
  const codes = new CodesService(vault, clock);
  const privacy = new CodePrivacy(() => clock.now(), REVEAL_SECONDS);
  const usage = await UsageStats.open(join(ports.dataDir, USAGE_FILE_NAME));
  const desktop = ports.desktop?.(settings) ?? settingsOnlyDesktopPort(settings);
  const clipboard = new ClipboardGuard(ports.clipboard, clock);
  const scan = createScanService(vault, ports.scan);
  const passwordGate = new PasswordGate({ verify: (password) => vault.verifyPassword(password), clock });
  const importExport = createImportExportService(vault, { gate: passwordGate, confirm: confirmDialog }, ports.fileDialogs);
  const files = ports.fileDialogs ? { dialogs: ports.fileDialogs, access: nodeFileAccess } : undefined;
  const recoveryCodes = new RecoveryCodesService({ vault, gate: passwordGate, clipboard, settings, clock, ...(files ? { files } : {}) });
  const admin = new AdminService({ vault, settings, clock, confirm: confirmDialog, ...ports.admin, ...(ports.fileDialogs ? { files: { dialogs: ports.fileDialogs, access: nodeFileAccess } } : {}) });
  // "Restart now?" is main's native dialog: a renderer can neither show it nor answer it.
  const confirmInstall = (version: string) =>
    confirmDialog.confirm({
      title: 'Update ready',
      message: `Twofold ${version} is downloaded and verified. Restart now to install it?`,
      detail: 'Choose Cancel to keep working: the update is installed when you quit Twofold.',
      confirmLabel: 'Restart now',
    });
  const updates = new UpdateService({ ...(ports.updates ?? noUpdates), confirmInstall, settings, clock });
  const backup = new BackupService({
    vault,
    gate: passwordGate,
    settings,
    clock,
    crypto: nodeImportCrypto,
    files: ports.backup?.files ?? nodeBackupFiles,
    dialogs: ports.backup?.dialogs ?? noFolderDialog,
    importPreview: (file, bytes) => importExport.previewFromBytes(file, bytes),
    ...(ports.backup?.notifier ? { notifier: ports.backup.notifier } : {}),
    ...(ports.backup?.debounceMs === undefined ? {} : { debounceMs: ports.backup.debounceMs }),
  });

  const unsubscribe = [
    settings.onChange((next) => {
      if (next.autoLockMinutes !== vault.status().autoLockMinutes) vault.setAutoLockMinutes(next.autoLockMinutes);
    }),
    // A code copied before the vault locked should not outlive the unlocked session.
    vault.onChange(() => {
      if (vault.status().state !== 'unlocked') {
        void clipboard.clearIfStillOurs();
        privacy.clear();
      }
    }),
  ];

  return {
    vault,
    codes,
    privacy,
    usage,
    desktop,
    settings,
    clipboard,
    keyProtector: ports.keyProtector,
    passwordGate,
    confirmDialog,
    clock,
    scan,
    importExport,
    recoveryCodes,
    admin,
    updates,
    backup,
    async dispose() {
      updates.dispose();
      importExport.cancel();
      await backup.settled();
      backup.dispose();
      for (const off of unsubscribe) off();
      // A copy's count is written after the copy answered (copy-code.ts): let it land first.
      await usage.settled();
      codes.dispose();
      await scan.dispose();
      await vault.close();
      await clipboard.clearIfStillOurs();
    },
  };
}

const noFolderDialog: FolderDialogPort = {
  chooseFolder: () => Promise.reject(new BackupError('folder-unavailable', 'No folder dialog is available here, so no backup folder can be chosen.')),
};
