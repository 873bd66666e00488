import { basename } from 'node:path';
import { ExportError } from '../../../../shared/export/export-errors';
import { exportAegisEncrypted, type AegisExportOptions } from '../../../../shared/export/aegis-export';
import { exportUriList } from '../../../../shared/export/uri-list-export';
import type { ImportCrypto } from '../../../../shared/import/import-crypto';
import { ImportError } from '../../../../shared/import/import-errors';
import { inspectImportFile, readImportFile } from '../../../../shared/import/import-file';
import { planImport, toImportPreview, type ImportPreview } from '../../../../shared/import/import-preview';
import type { ImportFormat, ParsedImport } from '../../../../shared/import/import-types';
import type { AccountDraft } from '../../../../shared/otp/account';
import { MAX_IMPORT_BYTES, assertSize } from '../../../../shared/import/limits';
import type { VaultApi } from '../vault/vault-types';
import type { ConfirmDialogPort } from '../security/confirm-dialog';
import type { PasswordGate } from '../security/password-gate';
import { PrivateFileError } from '../files/private-file';
import { accountQrDataUrl } from './account-qr';
import type { FileAccess, FileDialogPort } from './file-ports';

/**
 * Import and export for the app and the CLI, in the main process (or the CLI process).
 *
 * Import is two steps: `preview*` reads and parses the file and keeps the resulting drafts here
 * (they hold the secrets); the caller gets a secret-free preview and a token. `confirm(token)`
 * re-checks duplicates against the vault as it is now and adds everything in one all-or-nothing
 * `addAccounts`. A file that needs a password waits here until `supplyPassword`.
 *
 * Export goes only to the path the save dialog returns; a cancelled dialog writes nothing.
 *
 * Key material: pending imports hold secrets until confirmed, cancelled or replaced; export
 * passwords are used once and not kept.
 *
 * DESIGN (secrets in memory, issue #12 item 7): imports and exports are text, so here secrets
 * are JavaScript strings: parsed from a file, a URI or JSON on import, read from the vault's
 * buffers through `otp.secret` (shared/otp/secret-bytes.ts) to format an export, a QR code, or
 * the duplicate check of an import preview. A string cannot be zeroed: it is immutable, the
 * engine may copy it, and only the garbage collector frees it, so it may outlive a lock in the
 * heap. What we do instead: these strings live only for the one operation the user asked for
 * (a pending import until confirmed, cancelled or replaced; an export while it is written), are
 * never cached in a field beyond that, and never logged. The code path (unlock → codes → lock)
 * makes no such string at all (test/vault/vault-memory-dump.test.ts).
 */
export interface ImportExportServiceOptions {
  vault: VaultApi;
  crypto: ImportCrypto;
  dialogs: FileDialogPort;
  files: FileAccess;
  /** The vault-password check every export passes first (rate-limited; see PasswordGate). */
  gate: Pick<PasswordGate, 'check'>;
  /** The native dialog that confirms an unencrypted export (a renderer cannot confirm it). */
  confirm: ConfirmDialogPort;
  /** Tests lower the export KDF cost; production uses Aegis's defaults. */
  aegisExport?: AegisExportOptions;
  /** Token source; defaults to random UUIDs from the crypto port. */
  newToken?: () => string;
}

export type PreviewOutcome =
  | { status: 'needs-password'; token: string; file: string; format: ImportFormat }
  | { status: 'ready'; token: string; file: string; preview: ImportPreview };

export interface SavedExport {
  path: string;
  accounts: number;
}

interface Pending {
  token: string;
  file: string;
  bytes: Uint8Array;
  format?: ImportFormat;
  parsed?: ParsedImport & { format: ImportFormat };
  /** Key material: the drafts the preview listed under "Will be added", in its order. */
  previewed?: AccountDraft[];
}

const IMPORT_FILTERS = [
  { name: 'Authenticator exports', extensions: ['json', '2fas', 'txt', 'csv'] },
  { name: 'All files', extensions: ['*'] },
];

export class ImportExportService {
  private pending: Pending | null = null;

  constructor(private readonly options: ImportExportServiceOptions) {}

  /** Opens the file dialog and previews the chosen file; null when the user cancels. */
  async previewFromDialog(): Promise<PreviewOutcome | null> {
    const path = await this.options.dialogs.chooseImportFile({ title: 'Import accounts', filters: IMPORT_FILTERS });
    if (path === null) return null;
    return this.previewFromPath(path);
  }

  async previewFromPath(path: string, password?: string, format?: ImportFormat): Promise<PreviewOutcome> {
    const file = basename(path);
    let read: { size: number; bytes: Uint8Array };
    try {
      read = await this.options.files.read(path, MAX_IMPORT_BYTES);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new ImportError('unreadable-file', `${file}: the file cannot be read (${code}). Check that it exists and that you may read it.`, { file });
    }
    try {
      assertSize(read.size);
    } catch (error) {
      throw (error as ImportError).withFile(file);
    }
    return this.previewFromBytes(file, read.bytes, password, format);
  }

  /** A file the renderer read (dropped on the window). Key material: the bytes may hold secrets. */
  async previewFromBytes(file: string, bytes: Uint8Array, password?: string, format?: ImportFormat): Promise<PreviewOutcome> {
    this.cancel();
    try {
      assertSize(bytes.length);
    } catch (error) {
      throw (error as ImportError).withFile(file);
    }
    const token = this.options.newToken?.() ?? randomToken(this.options.crypto);
    const pending: Pending = format === undefined ? { token, file, bytes } : { token, file, bytes, format };
    const inspected = inspectImportFile(format === undefined ? { file, bytes } : { file, bytes, format });
    if (inspected.encrypted && (password === undefined || password === '')) {
      this.pending = pending;
      return { status: 'needs-password', token, file, format: inspected.format };
    }
    return this.parse(pending, password);
  }

  /** Supplies the password of the file waiting for one. A wrong password keeps it waiting. */
  async supplyPassword(token: string, password: string): Promise<PreviewOutcome> {
    const pending = this.pendingFor(token);
    return this.parse(pending, password);
  }

  /**
   * Adds the previewed accounts (all or nothing) and forgets the pending import. `selected` picks
   * some of them by their position in the preview's "Will be added" list (the per-account
   * checkboxes); without it every one is added. Duplicates are checked again against the vault as
   * it is now, so an account added meanwhile is not added twice.
   */
  async confirm(token: string, selected?: readonly number[]): Promise<{ added: number; duplicates: number; skipped: number; notChosen: number }> {
    const pending = this.pendingFor(token);
    if (!pending.parsed || !pending.previewed) throw new ImportError('needs-password', `${pending.file}: enter the file's password first.`, { file: pending.file });
    const previewed = pending.previewed;
    let chosen = previewed;
    if (selected !== undefined) {
      const picked = new Set(selected);
      if ([...picked].some((i) => !Number.isInteger(i) || i < 0 || i >= previewed.length)) {
        throw new ImportError('nothing-to-import', 'The chosen accounts do not match this preview any more: choose the file again.');
      }
      chosen = previewed.filter((_, i) => picked.has(i));
    }
    const plan = planImport(pending.parsed.format, chosen, pending.parsed.skipped, this.options.vault.accounts());
    if (plan.toAdd.length > 0) await this.options.vault.addAccounts(plan.toAdd);
    this.cancel();
    const earlierDuplicates = pending.parsed.accounts.length - previewed.length;
    return { added: plan.toAdd.length, duplicates: plan.duplicates.length + earlierDuplicates, skipped: plan.skipped.length, notChosen: previewed.length - chosen.length };
  }

  /** Forgets the pending import and the secrets it holds. */
  cancel(): void {
    if (this.pending) this.pending.bytes.fill(0);
    this.pending = null;
  }

  /**
   * Encrypted Aegis vault of every account, to the path the save dialog returns; null if cancelled.
   * The vault password is checked first: the export password is the renderer's choice, so without
   * this a compromised renderer could re-encrypt every secret under a password it knows.
   */
  async exportAegis(vaultPassword: string, exportPassword: string): Promise<SavedExport | null> {
    await this.options.gate.check(vaultPassword, { field: 'vaultPassword', purpose: 'to export' });
    const accounts = this.options.vault.accounts();
    const text = await exportAegisEncrypted(accounts, exportPassword, this.options.crypto, this.options.aegisExport);
    return this.save(text, accounts.length, {
      title: 'Export an encrypted Aegis backup',
      defaultName: `twofold-aegis-export-${dateStamp()}.json`,
      filters: [{ name: 'Aegis backup', extensions: ['json'] }],
    });
  }

  /**
   * Plain otpauth URI list, unencrypted: the vault password, then the warning in a native dialog
   * shown by main (null when the user declines it or cancels the save dialog).
   */
  async exportUris(vaultPassword: string): Promise<SavedExport | null> {
    await this.options.gate.check(vaultPassword, { field: 'vaultPassword', purpose: 'to export' });
    const confirmed = await this.options.confirm.confirm({
      title: 'Export without encryption?',
      message: 'The file will hold every account’s secret key in plain text.',
      detail:
        'Anyone who can read the file can generate all your codes. Import it where you need it, then delete it; never put it in a synced folder or send it by e-mail. For a backup, export an encrypted Aegis file instead.',
      confirmLabel: 'Export unencrypted',
    });
    if (!confirmed) return null;
    const accounts = this.options.vault.accounts();
    const text = exportUriList(accounts);
    return this.save(text, accounts.length, {
      title: 'Export an UNENCRYPTED list of otpauth links',
      defaultName: `twofold-otpauth-links-${dateStamp()}.txt`,
      filters: [{ name: 'Text', extensions: ['txt'] }],
    });
  }

  /**
   * The QR code of one account, after the vault password is entered again.
   * Deliberate secret crossing: the returned image encodes the account's secret and goes to the
   * renderer to be shown; the re-authentication is what makes this acceptable.
   */
  async accountQr(accountId: string, vaultPassword: string): Promise<string> {
    await this.options.gate.check(vaultPassword, { field: 'vaultPassword', purpose: 'to show the QR code' });
    const account = this.options.vault.accounts().find((a) => a.id === accountId);
    if (!account) throw new ExportError('account-not-found', 'This account no longer exists: it may have been removed.');
    return accountQrDataUrl(account);
  }

  private async parse(pending: Pending, password: string | undefined): Promise<PreviewOutcome> {
    const input = { file: pending.file, bytes: pending.bytes, ...(password === undefined ? {} : { password }), ...(pending.format === undefined ? {} : { format: pending.format }) };
    let result;
    try {
      result = await readImportFile(input, this.options.crypto);
    } catch (error) {
      // A wrong password leaves the file waiting, so the user can try again without choosing it anew.
      if (error instanceof ImportError && (error.code === 'wrong-password' || error.code === 'needs-password')) this.pending = pending;
      else if (this.pending?.token === pending.token) this.cancel();
      throw error;
    }
    pending.parsed = result;
    this.pending = pending;
    const plan = planImport(result.format, result.accounts, result.skipped, this.options.vault.accounts());
    pending.previewed = plan.toAdd;
    return { status: 'ready', token: pending.token, file: pending.file, preview: toImportPreview(plan) };
  }

  private pendingFor(token: string): Pending {
    if (!this.pending || this.pending.token !== token) {
      throw new ImportError('nothing-to-import', 'This import is no longer pending (it was cancelled or replaced): choose the file again.');
    }
    return this.pending;
  }

  private async save(text: string, accounts: number, dialog: Parameters<FileDialogPort['chooseExportPath']>[0]): Promise<SavedExport | null> {
    const path = await this.options.dialogs.chooseExportPath(dialog);
    if (path === null) return null;
    try {
      await this.options.files.write(path, text);
    } catch (error) {
      if (error instanceof PrivateFileError) throw new ExportError('write-failed', `Nothing was exported: ${error.message}`);
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new ExportError('write-failed', `The export could not be written to ${path} (${code}). Choose a folder you can write to.`);
    }
    return { path, accounts };
  }
}

function randomToken(crypto: ImportCrypto): string {
  return Array.from(crypto.randomBytes(16), (b) => b.toString(16).padStart(2, '0')).join('');
}

function dateStamp(): string {
  return new Date().toISOString().slice(0, 10);
}
