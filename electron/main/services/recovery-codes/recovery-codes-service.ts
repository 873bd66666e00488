import type { CopyResult } from '../../../../shared/ipc/codes-channels';
import type { Account } from '../../../../shared/otp/account';
import {
  MAX_RECOVERY_TEXT_LENGTH,
  mergeRecoveryCodes,
  parseRecoveryCodes,
  RecoveryCodesError,
  summariseRecoveryCodes,
  type RecoveryCode,
  type RecoveryCodesSummary,
} from '../../../../shared/otp/recovery-codes';
import type { SettingsStore } from '../../../../shared/settings';
import type { ClipboardGuard } from '../../clipboard/clipboard-guard';
import type { Clock } from '../clock';
import type { FileAccess, FileDialogPort } from '../import-export/file-ports';
import type { PasswordGate } from '../security/password-gate';
import { VaultError, type VaultApi } from '../vault/vault-types';

/** How long a reveal lets the window copy and mark that account's codes without the password again. */
export const REVEAL_GRANT_MS = 5 * 60_000;

export interface RecoveryCodesDeps {
  vault: VaultApi;
  /** The app's one rate-limited vault-password check (the one exports use). */
  gate: Pick<PasswordGate, 'check'>;
  clipboard: ClipboardGuard;
  settings: SettingsStore;
  clock: Pick<Clock, 'now'>;
  /** The open dialog and a size-capped reader for "Add from a .txt file"; absent where there is none. */
  files?: { dialogs: FileDialogPort; access: FileAccess };
}

export interface AddedRecoveryCodes {
  count: RecoveryCodesSummary;
  /** Codes read from the text (after duplicates were dropped). */
  read: number;
  /** Lines that were not codes, shown so the user can see what was left out. */
  skipped: string[];
  /** The codes as now stored, only while the account is revealed (the window shows them already); else null. */
  codes: RecoveryCode[] | null;
}

/**
 * Recovery codes kept with vault accounts (issue #13.6), main-process side.
 *
 * What it guarantees, against a compromised renderer calling any channel with any argument:
 * - No stored code leaves main except through `reveal`, which needs the vault password, checked
 *   here by the app's PasswordGate (same counter and growing delay as exports and unlock).
 * - A reveal grants that one account, for REVEAL_GRANT_MS and until the vault locks, the calls
 *   that act on codes the user is now looking at: copy one to the clipboard (auto-cleared like
 *   OTP codes), mark one used/unused, replace the set. Without the grant they are refused, so
 *   a renderer can neither put codes on the clipboard nor destroy a set unseen.
 * - Adding codes (append) needs no grant: it is the user giving codes, as typing a key is.
 * - Text and files are bounded (MAX_RECOVERY_TEXT_LENGTH); a larger file is refused after a stat,
 *   before it is read.
 */
export class RecoveryCodesService {
  private readonly grants = new Map<string, number>();

  constructor(private readonly deps: RecoveryCodesDeps) {
    deps.vault.onChange(() => {
      if (deps.vault.status().state !== 'unlocked') this.grants.clear();
    });
  }

  /** The account's codes, after the vault password; opens the grant for this account. */
  async reveal(id: string, password: string): Promise<RecoveryCode[]> {
    this.account(id);
    await this.deps.gate.check(password, { purpose: 'to show recovery codes' });
    const account = this.account(id);
    this.grants.set(id, this.deps.clock.now() + REVEAL_GRANT_MS);
    this.deps.vault.touch();
    return copyOf(account.recoveryCodes);
  }

  /** Forgets the grant (the window closed the revealed view). */
  hide(id: string): void {
    this.grants.delete(id);
  }

  /** Copies one revealed code through main, cleared after the same delay as OTP codes. Key material. */
  async copy(id: string, index: number): Promise<CopyResult> {
    const code = this.codeAt(this.granted(id), index);
    const clearsInSeconds = this.deps.settings.get().clipboardClearSeconds;
    await this.deps.clipboard.copy(code.code, clearsInSeconds);
    this.deps.vault.touch();
    return { clearsInSeconds };
  }

  /** Marks one revealed code used or unused; answers the codes as now stored. */
  async mark(id: string, index: number, used: boolean): Promise<RecoveryCode[]> {
    this.codeAt(this.granted(id), index);
    const account = await this.deps.vault.updateRecoveryCodes(id, (current) => current.map((c, i) => (i === index ? { ...c, used } : { ...c })));
    return copyOf(account.recoveryCodes);
  }

  /**
   * Adds pasted codes. `append` keeps the current set (duplicates dropped); `replace` drops it and
   * needs the grant when there is a set to drop (the user saw what they replace).
   */
  async add(id: string, text: string, mode: 'replace' | 'append'): Promise<AddedRecoveryCodes> {
    const account = this.account(id);
    const parsed = parseRecoveryCodes(text);
    if (mode === 'replace' && account.recoveryCodes?.length) this.granted(id);
    const saved = await this.deps.vault.updateRecoveryCodes(id, (current) => mergeRecoveryCodes(current, parsed.codes, mode));
    this.deps.vault.touch();
    return { count: summariseRecoveryCodes(saved.recoveryCodes), read: parsed.codes.length, skipped: parsed.skipped, codes: this.isGranted(id) ? copyOf(saved.recoveryCodes) : null };
  }

  /** Adds codes from a .txt file the user picks in main's open dialog; null when cancelled. */
  async addFromFile(id: string, mode: 'replace' | 'append'): Promise<AddedRecoveryCodes | null> {
    this.account(id);
    const files = this.deps.files;
    if (!files) throw new RecoveryCodesError('file-unreadable', 'Opening files is not available here. Paste the codes instead.');
    const path = await files.dialogs.chooseImportFile({ title: 'Add recovery codes from a text file', filters: [{ name: 'Text files', extensions: ['txt'] }] });
    if (path === null) return null;
    let read: { size: number; bytes: Uint8Array };
    try {
      read = await files.access.read(path, MAX_RECOVERY_TEXT_LENGTH);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new RecoveryCodesError('file-unreadable', `The file could not be read (${code}). Choose another file, or paste the codes.`);
    }
    if (read.size > MAX_RECOVERY_TEXT_LENGTH) {
      throw new RecoveryCodesError(
        'file-too-large',
        `That file is ${formatSize(read.size)}; a recovery-codes file is at most ${MAX_RECOVERY_TEXT_LENGTH / 1024} KB. Nothing was added: choose the .txt file with only your codes.`,
      );
    }
    return this.add(id, new TextDecoder('utf-8').decode(read.bytes), mode);
  }

  private account(id: string): Account {
    const account = this.deps.vault.accounts().find((a) => a.id === id);
    if (!account) throw new VaultError('account-not-found', 'That account is no longer in the vault. Refresh the list.', 'id');
    return account;
  }

  private isGranted(id: string): boolean {
    const until = this.grants.get(id);
    if (until !== undefined && this.deps.clock.now() < until) return true;
    this.grants.delete(id);
    return false;
  }

  private granted(id: string): Account {
    if (!this.isGranted(id)) throw new RecoveryCodesError('reveal-required', 'Show the recovery codes with your vault password first.');
    return this.account(id);
  }

  private codeAt(account: Account, index: number): RecoveryCode {
    const code = Number.isInteger(index) ? account.recoveryCodes?.[index] : undefined;
    if (!code) throw new RecoveryCodesError('no-such-code', 'That recovery code is no longer stored. Show the codes again.');
    return code;
  }
}

function copyOf(codes: readonly RecoveryCode[] | undefined): RecoveryCode[] {
  return (codes ?? []).map((c) => ({ code: c.code, used: c.used }));
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
