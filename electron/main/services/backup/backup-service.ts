import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { aegisPasswordSlot, sealAegisVault, AEGIS_EXPORT_SCRYPT } from '../../../../shared/export/aegis-export';
import { assertExportPassword } from '../../../../shared/export/export-errors';
import { base64ToBytes, bytesToHex, fromUtf8, hexToBytes, wipe } from '../../../../shared/import/encoding';
import type { ImportCrypto, ScryptParams } from '../../../../shared/import/import-crypto';
import { MAX_IMPORT_BYTES } from '../../../../shared/import/limits';
import type { Account } from '../../../../shared/otp/account';
import type { SettingsStore } from '../../../../shared/settings';
import type { Clock, TimerHandle } from '../clock';
import type { PreviewOutcome } from '../import-export/import-export-service';
import type { VaultApi } from '../vault/vault-types';
import { BACKUP_CONFIG_SECRET, parseBackupConfig, VERSION_NAME, versionName, versionTime, type BackupConfig } from './backup-config';
import { BackupError } from './backup-errors';
import type { BackupFiles } from './backup-files';

/** Tells the user a backup failed outside the window (Electron: a tray/system notification). */
export interface BackupNotifier {
  backupFailed(message: string): void;
}

/** Asks the user for a folder (Electron: the native folder picker, in main). */
export interface FolderDialogPort {
  chooseFolder(options: { title: string }): Promise<string | null>;
}

export interface BackupStatus {
  configured: boolean;
  folder: string | null;
  /** Which password opens the backups: the vault password, or a separate backup password. */
  protectedBy: 'vault' | 'separate' | null;
  keep: number;
  lastBackupAt: string | null;
  /** Why the last backup failed (cleared by the next success); the window shows it as a banner. */
  lastError: string | null;
  /** The vault is usually unlocked by the OS keychain and the password was not typed for a while. */
  passwordReminderDue: boolean;
}

export interface BackupVersion {
  name: string;
  createdAt: string;
  /** Accounts in it, or null when this vault's backup key cannot open it (`problem` says why). */
  accounts: number | null;
  problem: string | null;
}

/** The rate-limited vault-password check in main (PasswordGate); throws VaultError when wrong. */
export interface VaultPasswordGate {
  check(password: string, options?: { field?: string; purpose?: string }): Promise<void>;
}

export interface BackupServiceOptions {
  vault: VaultApi;
  /** Checks the vault password with the app's shared failure counter and delay. */
  gate: VaultPasswordGate;
  settings: SettingsStore;
  clock: Clock;
  crypto: ImportCrypto;
  files: BackupFiles;
  dialogs: FolderDialogPort;
  /** Hands a decrypted backup to the normal import preview. */
  importPreview: (file: string, bytes: Uint8Array) => Promise<PreviewOutcome>;
  notifier?: BackupNotifier;
  /** Quiet time after a change before the backup is written (default 2 s). */
  debounceMs?: number;
  /** Tests lower the KDF cost of the backup password slot; production uses Aegis's defaults. */
  scrypt?: ScryptParams;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_VERSIONS_LISTED = 200;

/**
 * Automatic encrypted backups (issue #14 item 1), in the main process.
 *
 * Format: an encrypted Aegis vault (docs/vault.md of beemdevelopment/Aegis: scrypt password slot,
 * AES-256-GCM content), so Aegis and every app that imports Aegis backups can restore it. The
 * master key and its password slot are made once, when backups are set up or their password is
 * changed (the only scrypt runs), and kept in the vault; each version is then one AES-GCM pass
 * with a fresh nonce, which keeps a backup of 1,000 accounts far under the 300 ms budget
 * (bench/backup.ts) and off every window's thread (async I/O in main).
 *
 * When: `debounceMs` after the last change of the accounts (a burst of edits gives one version),
 * and a daily check that catches changes made while Twofold was closed (the CLI) and retries a
 * failed backup. An unchanged vault writes no new version, so older versions are not pushed out.
 * The newest `backupKeep` versions are kept; only files named like ours are ever deleted.
 *
 * What: the accounts in the list. Trashed accounts are left out on purpose, so restoring a backup
 * never brings back what the user deleted; named secrets (admin API keys) never leave the vault.
 *
 * Security boundary: choosing the folder and setting a separate backup password re-encrypt every
 * secret under something the caller picks, so both require the vault password, checked here in
 * main; the folder comes from the native dialog in main, never from the renderer.
 * A failed backup never blocks use: it is reported (banner, notification) and retried.
 */
export class BackupService {
  private readonly listeners = new Set<(status: BackupStatus) => void>();
  private readonly debounceMs: number;
  private debounce: TimerHandle | null = null;
  private daily: TimerHandle | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastDigest: string | null = null;
  private lastBackupAt: string | null = null;
  private lastError: string | null = null;
  private wasUnlocked = false;
  private readonly offVault: () => void;
  private readonly offSettings: () => void;

  constructor(private readonly options: BackupServiceOptions) {
    this.debounceMs = options.debounceMs ?? 2000;
    this.offVault = options.vault.onChange(() => this.vaultChanged());
    this.offSettings = options.settings.onChange(() => this.emit());
  }

  status(): BackupStatus {
    const config = this.config();
    const settings = this.options.settings.get();
    return {
      configured: config !== null,
      folder: config?.folder ?? null,
      protectedBy: config?.protectedBy ?? null,
      keep: settings.backupKeep,
      lastBackupAt: this.lastBackupAt,
      lastError: config ? this.lastError : null,
      passwordReminderDue: this.passwordReminderDue(),
    };
  }

  onChange(listener: (status: BackupStatus) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Sets up backups, or moves them, to a folder the user picks in the native dialog. Requires the
   * vault password. A first set-up protects the backups with the vault password. Null = cancelled.
   */
  async chooseFolder(vaultPassword: string): Promise<BackupStatus | null> {
    await this.requireVaultPassword(vaultPassword);
    const folder = await this.options.dialogs.chooseFolder({ title: 'Choose a folder for automatic backups' });
    if (folder === null) return null;
    const existing = this.config();
    const config = existing ? { ...existing, folder } : await this.newConfig(folder, vaultPassword);
    await this.saveConfig(config);
    await this.backupNow();
    return this.status();
  }

  /** Chooses which password opens the backups. Requires the vault password; writes a new version. */
  async setPassword(vaultPassword: string, choice: { protectedBy: 'vault' } | { protectedBy: 'separate'; password: string }): Promise<BackupStatus> {
    await this.requireVaultPassword(vaultPassword);
    const config = this.requireConfig();
    let password = vaultPassword;
    if (choice.protectedBy === 'separate') {
      assertExportPassword(choice.password);
      password = choice.password;
    }
    const masterKey = keyOf(config);
    try {
      const slot = await aegisPasswordSlot(password, masterKey, this.options.crypto, this.options.scrypt ?? AEGIS_EXPORT_SCRYPT);
      await this.saveConfig({ ...config, protectedBy: choice.protectedBy, slot });
    } finally {
      wipe(masterKey);
    }
    await this.backupNow();
    return this.status();
  }

  /** Called after the vault password changed: backups it protects follow the new password. */
  async vaultPasswordChanged(newPassword: string): Promise<void> {
    const config = this.config();
    if (!config || config.protectedBy !== 'vault') return;
    const masterKey = keyOf(config);
    try {
      const slot = await aegisPasswordSlot(newPassword, masterKey, this.options.crypto, this.options.scrypt ?? AEGIS_EXPORT_SCRYPT);
      await this.saveConfig({ ...config, slot });
    } finally {
      wipe(masterKey);
    }
    await this.backupNow();
  }

  /** Stops automatic backups. The versions already written stay where they are. */
  async turnOff(): Promise<BackupStatus> {
    this.cancelTimers();
    await this.options.vault.deleteSecret(BACKUP_CONFIG_SECRET);
    this.lastError = null;
    this.emit();
    return this.status();
  }

  /**
   * Writes a version now ("Back up now", a new folder or password). Never throws: a failure is in
   * `status().lastError`. Without `force`, a vault whose accounts equal the newest version's
   * writes nothing.
   */
  backupNow(force = true): Promise<void> {
    this.debounce?.cancel();
    this.debounce = null;
    const run = this.running.then(() => this.write(force));
    this.running = run;
    return run;
  }

  /** Resolves when the backup in progress (if any) has finished. For tests and shutdown. */
  settled(): Promise<void> {
    return this.running;
  }

  /** The versions in the backup folder, newest first, with their account counts. */
  async versions(): Promise<BackupVersion[]> {
    const config = this.requireConfig();
    let names: string[];
    try {
      names = await this.options.files.list(config.folder);
    } catch (error) {
      throw new BackupError('folder-unavailable', folderProblem(config.folder, error, 'read'));
    }
    const ours = names
      .filter((n) => VERSION_NAME.test(n))
      .sort()
      .reverse()
      .slice(0, MAX_VERSIONS_LISTED);
    const out: BackupVersion[] = [];
    for (const name of ours) {
      const createdAt = new Date(versionTime(name) ?? 0).toISOString();
      const opened = await this.open(config, name);
      out.push(
        opened.ok
          ? { name, createdAt, accounts: opened.accounts, problem: null }
          : { name, createdAt, accounts: null, problem: opened.problem },
      );
    }
    return out;
  }

  /**
   * Opens a version in the normal import preview. One this vault's backup key opens is previewed
   * at once (the user is signed in: no secret leaves main); any other file (an older key, another
   * app's backup, something that is not a backup) goes through the import as a file, which asks
   * its password or says what is wrong. Nothing is added before the user confirms the preview.
   */
  async restorePreview(name: string): Promise<PreviewOutcome> {
    if (!VERSION_NAME.test(name)) throw new BackupError('not-a-backup', `"${name}" is not a Twofold backup version.`);
    const config = this.requireConfig();
    const opened = await this.open(config, name);
    if (opened.ok) {
      const plain = JSON.stringify({ version: 1, header: { slots: null, params: null }, db: opened.content });
      return this.options.importPreview(name, new TextEncoder().encode(plain));
    }
    if (opened.bytes) return this.options.importPreview(name, opened.bytes);
    throw new BackupError('not-a-backup', `${name}: ${opened.problem}`);
  }

  /** Checks the vault password for the reminder; on success the reminder waits its full period again. */
  async checkPassword(password: string): Promise<void> {
    await this.options.gate.check(password, { field: 'vaultPassword', purpose: 'to check it' });
    this.passwordEntered();
  }

  /** The vault password was typed successfully (unlock, check): restart the reminder's period. */
  passwordEntered(): void {
    this.options.settings.set({ lastPasswordEntryAt: new Date(this.options.clock.now()).toISOString() });
  }

  dispose(): void {
    this.cancelTimers();
    this.offVault();
    this.offSettings();
  }

  private passwordReminderDue(): boolean {
    const settings = this.options.settings.get();
    if (settings.passwordReminderDays === 0 || !this.options.vault.status().hasKeychainSlot) return false;
    const last = settings.lastPasswordEntryAt === null ? null : Date.parse(settings.lastPasswordEntryAt);
    if (last === null) {
      // Never recorded (a vault from before this setting): start counting now rather than nag at once.
      this.passwordEntered();
      return false;
    }
    return this.options.clock.now() - last >= settings.passwordReminderDays * DAY_MS;
  }

  private vaultChanged(): void {
    const unlocked = this.options.vault.status().state === 'unlocked';
    if (!unlocked) {
      this.wasUnlocked = false;
      this.cancelTimers();
      this.emit();
      return;
    }
    const newSession = !this.wasUnlocked;
    this.wasUnlocked = true;
    const config = this.config();
    if (!config) {
      this.emit();
      return;
    }
    if (newSession) {
      // A new session: compare with the newest version on disk (the CLI may have changed things).
      // (Backups set up during a session write their first version themselves, in chooseFolder.)
      void this.reconcile(config);
    } else if (digestOf(this.options.vault.accounts()) !== this.lastDigest) {
      this.debounce?.cancel();
      this.debounce = this.options.clock.setTimer(this.debounceMs, () => {
        this.debounce = null;
        void this.backupNow(false);
      });
    }
    this.emit();
  }

  /** The daily check: a new version when the accounts differ from the newest one, or the last try failed. */
  private async reconcile(config: BackupConfig): Promise<void> {
    this.scheduleDaily();
    if (this.lastDigest === null) {
      try {
        const newest = (await this.options.files.list(config.folder)).filter((n) => VERSION_NAME.test(n)).sort().at(-1);
        const opened = newest ? await this.open(config, newest) : null;
        if (opened?.ok) {
          this.lastDigest = opened.digest;
          this.lastBackupAt = new Date(versionTime(newest!) ?? 0).toISOString();
        }
      } catch {
        // The write below reports the folder's problem.
      }
    }
    if (this.options.vault.status().state !== 'unlocked') return;
    await this.backupNow(false);
    this.emit();
  }

  private scheduleDaily(): void {
    this.daily?.cancel();
    this.daily = this.options.clock.setTimer(DAY_MS, () => {
      const config = this.config();
      if (config && this.options.vault.status().state === 'unlocked') void this.reconcile(config);
    });
  }

  private async write(force: boolean): Promise<void> {
    if (this.options.vault.status().state !== 'unlocked') return;
    const config = this.config();
    if (!config) return;
    const accounts = this.options.vault.accounts();
    const digest = digestOf(accounts);
    if (!force && digest === this.lastDigest && this.lastError === null) return;
    const masterKey = keyOf(config);
    try {
      const text = await sealAegisVault(accounts, masterKey, config.slot, this.options.crypto);
      const names = await this.options.files.list(config.folder);
      // Two versions in one millisecond: the later one is named a millisecond on, so names sort by time.
      let now = this.options.clock.now();
      while (names.includes(versionName(now))) now++;
      await this.options.files.writeAtomically(join(config.folder, versionName(now)), text);
      await this.prune(config.folder);
      this.lastDigest = digest;
      this.lastBackupAt = new Date(now).toISOString();
      this.lastError = null;
    } catch (error) {
      const failedBefore = this.lastError !== null;
      this.lastError = folderProblem(config.folder, error, 'write');
      if (!failedBefore) this.options.notifier?.backupFailed(this.lastError);
    } finally {
      wipe(masterKey);
      this.emit();
    }
  }

  private async prune(folder: string): Promise<void> {
    const keep = this.options.settings.get().backupKeep;
    const ours = (await this.options.files.list(folder)).filter((n) => VERSION_NAME.test(n)).sort().reverse();
    for (const name of ours.slice(keep)) await this.options.files.remove(join(folder, name));
  }

  /** Reads and decrypts a version with this vault's backup key. Key material: `content` holds secrets. */
  private async open(
    config: BackupConfig,
    name: string,
  ): Promise<{ ok: true; accounts: number; content: unknown; digest: string } | { ok: false; problem: string; bytes?: Uint8Array }> {
    let text: string;
    try {
      text = await this.options.files.read(join(config.folder, name), MAX_IMPORT_BYTES);
    } catch (error) {
      return { ok: false, problem: folderProblem(config.folder, error, 'read') };
    }
    const bytes = new TextEncoder().encode(text);
    let file: { header?: { params?: { nonce?: unknown; tag?: unknown } }; db?: unknown };
    try {
      file = JSON.parse(text) as typeof file;
    } catch {
      return { ok: false, problem: 'This file is not a Twofold backup (it is not an encrypted Aegis vault). It may be damaged.', bytes };
    }
    const nonce = file?.header?.params?.nonce;
    const tag = file?.header?.params?.tag;
    if (typeof nonce !== 'string' || typeof tag !== 'string' || typeof file.db !== 'string') {
      return { ok: false, problem: 'This file is not a Twofold backup (it is not an encrypted Aegis vault). It may be damaged.', bytes };
    }
    const masterKey = keyOf(config);
    let plain: Uint8Array | null;
    try {
      const [n, c, t] = [hexToBytes(nonce), base64ToBytes(file.db), hexToBytes(tag)];
      plain = n && c && t && n.length === 12 && t.length === 16 ? await this.options.crypto.aesGcmDecrypt(masterKey, n, c, t) : null;
    } catch {
      plain = null;
    } finally {
      wipe(masterKey);
    }
    const json = plain ? fromUtf8(plain) : null;
    wipe(plain);
    if (json === null) {
      return { ok: false, problem: 'Written with another backup password or by another app: restore it as a file, with the password that protects it.', bytes };
    }
    try {
      const content = JSON.parse(json) as { entries?: unknown[]; groups?: unknown[] };
      const entries = Array.isArray(content.entries) ? content.entries : [];
      const groups = new Map((Array.isArray(content.groups) ? content.groups : []).map((g) => [(g as { uuid?: unknown })?.uuid, (g as { name?: unknown })?.name]));
      return { ok: true, accounts: entries.length, content, digest: digestOfEntries(entries, groups) };
    } catch {
      return { ok: false, problem: 'This backup is damaged: its content is not readable.', bytes };
    }
  }

  private async newConfig(folder: string, password: string): Promise<BackupConfig> {
    const masterKey = this.options.crypto.randomBytes(32);
    try {
      const slot = await aegisPasswordSlot(password, masterKey, this.options.crypto, this.options.scrypt ?? AEGIS_EXPORT_SCRYPT);
      return { folder, protectedBy: 'vault', masterKey: bytesToHex(masterKey), slot };
    } finally {
      wipe(masterKey);
    }
  }

  private async saveConfig(config: BackupConfig): Promise<void> {
    this.lastError = null;
    await this.options.vault.setSecret(BACKUP_CONFIG_SECRET, JSON.stringify(config));
  }

  private config(): BackupConfig | null {
    if (this.options.vault.status().state !== 'unlocked') return null;
    return parseBackupConfig(this.options.vault.getSecret(BACKUP_CONFIG_SECRET));
  }

  private requireConfig(): BackupConfig {
    const config = this.config();
    if (!config) throw new BackupError('not-configured', 'Automatic backups are not set up: choose a backup folder in Settings → Backups first.');
    return config;
  }

  /**
   * The vault password, checked in main (the app's PasswordGate: one failure counter with the
   * exports and the keychain, a growing delay after 5 failures) before anything that re-encrypts
   * the secrets under a password or into a folder the caller chooses.
   */
  private async requireVaultPassword(password: string): Promise<void> {
    await this.options.gate.check(password, { field: 'vaultPassword', purpose: 'to change where or how backups are saved' });
    this.passwordEntered();
  }

  private cancelTimers(): void {
    this.debounce?.cancel();
    this.daily?.cancel();
    this.debounce = null;
    this.daily = null;
  }

  private emit(): void {
    const status = this.status();
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch {
        // A listener's failure must not stop a backup.
      }
    }
  }
}

/** The backup master key (validated hex in the config schema). Key material: wipe after use. */
function keyOf(config: BackupConfig): Uint8Array {
  const key = hexToBytes(config.masterKey);
  if (!key || key.length !== 32) throw new BackupError('not-configured', 'The backup settings in the vault are damaged: choose the backup folder again in Settings → Backups.');
  return key;
}

/**
 * What identifies a version's accounts: every field a backup holds, in order (not ids or timestamps).
 * DESIGN (secrets in memory, issue #12 item 7): a backup is an Aegis file, text, so this digest and
 * the backup itself read each `otp.secret` as a string (shared/otp/secret-bytes.ts): with backups
 * on, every change and every backup leaves such strings to the garbage collector. They live for
 * this one computation, are never cached (only the digest is kept) and never logged.
 */
function digestOf(accounts: readonly Account[]): string {
  return digestOfEntries(
    accounts.map((a) => ({ type: a.otp.type, issuer: a.issuer, name: a.name, note: a.note, favorite: a.favourite, info: a.otp, tags: a.tags })),
  );
}

function digestOfEntries(entries: readonly unknown[], groups: ReadonlyMap<unknown, unknown> = new Map()): string {
  const normal = entries.map((e) => {
    const entry = (e ?? {}) as { type?: unknown; issuer?: unknown; name?: unknown; note?: unknown; favorite?: unknown; tags?: unknown; groups?: unknown; info?: { secret?: unknown; algo?: unknown; algorithm?: unknown; digits?: unknown; period?: unknown; counter?: unknown; type?: unknown } };
    const info = entry.info ?? {};
    // Every tag, in order: an account whose tags changed is a new version (Aegis v3 groups by uuid).
    const tags = Array.isArray(entry.tags) ? entry.tags : Array.isArray(entry.groups) ? entry.groups.map((id: unknown) => groups.get(id) ?? null) : [];
    return [entry.type, entry.issuer, entry.name, entry.note, entry.favorite, tags, info.secret, info.algo ?? info.algorithm, info.digits, info.period ?? null, info.counter ?? null];
  });
  return createHash('sha256').update(JSON.stringify(normal)).digest('hex');
}

/** A message that says what is wrong with the folder and what to do; the vault is never affected. */
export function folderProblem(folder: string, error: unknown, doing: 'read' | 'write'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const safe = ' Your accounts are safe in the vault.';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `The backup folder ${folder} is missing (was a drive unplugged or the folder moved?). Reconnect it, or choose another folder in Settings → Backups.${safe}`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Twofold may not ${doing === 'write' ? 'write to' : 'read'} the backup folder ${folder} (it is read-only or you lack permission). Choose another folder in Settings → Backups.${safe}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `The disk holding the backup folder ${folder} is full. Free some space, or choose a folder on another disk in Settings → Backups.${safe}`;
    case 'EFBIG':
      return 'This file is too large to be a Twofold backup.';
    default:
      return `The backup could not be ${doing === 'write' ? 'written to' : 'read from'} ${folder} (${code ?? 'unknown error'}). Check the folder, or choose another in Settings → Backups.${safe}`;
  }
}
