import type { SettingsStore } from '../../../../shared/settings';
import type { ClipboardGuard } from '../../clipboard/clipboard-guard';
import type { CodePrivacy, CodesService } from '../../services/codes';
import type { UsageStats } from '../../services/usage/usage-stats';
import type { ConfirmDialogPort, PasswordGate } from '../../services/security';
import type { KeyProtector, VaultApi, VaultStatus } from '../../services/vault';

/**
 * The services the IPC handlers call. The composition root (app-services.ts) builds them with
 * plain `new`; the e2e harness builds the same ones over a temporary directory.
 */
export interface CoreServices {
  vault: VaultApi & { refresh(): Promise<VaultStatus> };
  codes: CodesService;
  /** What of each code reaches the renderer ("hide codes", next-code preview). */
  privacy: CodePrivacy;
  /** Copy counts for the "most used" / "recently used" orders. */
  usage: UsageStats;
  settings: SettingsStore;
  clipboard: ClipboardGuard;
  /** Absent where there is no OS keychain at all. */
  keyProtector: KeyProtector | undefined;
  /** The rate-limited vault-password check for anything that lets secrets leave (see PasswordGate). */
  passwordGate: PasswordGate;
  /** Native confirmations shown by main (plain export, insecure keychain). */
  confirmDialog: ConfirmDialogPort;
}
