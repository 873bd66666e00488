import { randomUUID } from 'node:crypto';
import type { Account, AccountDraft } from '../../../../shared/otp/account';
import { systemClock, type Clock } from '../clock';
import { AutoLockTimer } from './auto-lock';
import { MutationQueue } from './mutation-queue';
import * as content from './vault-content';
import { cellsOf, decodeContent, encodeContent } from './vault-content-codec';
import { allocateSecret, SecretStore, type SecretAllocator } from './secret-store';
import { newVaultKey, open, seal, wipe } from './vault-crypto';
import { b64, contentAad, serializeVaultFile, unb64, VAULT_FORMAT, VAULT_VERSION, type Slot, type TrashedAccount, type VaultContent, type VaultFile } from './vault-format';
import { corruptVaultError, digestOnDisk, readVaultFile, removeOrphanedTempFiles, writeVaultFileAtomically, type LoadedVaultFile } from './vault-file';
import {
  assertKeychainUsable,
  assertPasswordPolicy,
  createKeychainSlot,
  createPasswordSlot,
  keychainSlotOf,
  openKeychainSlot,
  openPasswordSlot,
  passwordSlotOf,
} from './vault-slots';
import { VaultError, type AccountPatch, type KeyProtector, type VaultApi, type VaultState, type VaultStatus } from './vault-types';

export interface VaultServiceOptions {
  /** The vault file, e.g. `<userData>/vault.json`. */
  path: string;
  /** The OS keychain; absent in the CLI and where no keychain exists. */
  keyProtector?: KeyProtector;
  clock?: Clock;
  /** Default 5; 0 disables auto-lock. */
  autoLockMinutes?: number;
  /** Where the newest change seen is kept, outside the vault (the app: settings; the CLI reads them, cli/vault-access.ts). Absent: no rollback check. */
  rollback?: RollbackPort;
  /**
   * Allocates the buffer each held secret is copied into (default `allocateSecret`, secret-store.ts). A seam for
   * tests, which capture every buffer to check that lock zeroed it.
   */
  allocateSecret?: SecretAllocator;
}

/** The newest vault change seen: the vault's id and its change counter (both from inside the encrypted content). */
export interface VaultSeen {
  vaultId: string;
  generation: number;
}

/**
 * Rollback detection (issue #12). Every save raises a counter inside the encrypted content; the
 * newest value seen is kept outside the vault file. Unlocking a file of the same vault with a
 * lower counter (an old copy put back by a sync tool, a restore, or someone who wants a removed
 * account back) asks `confirmOlder` before the content is used; a no refuses the unlock.
 * It does not catch a rollback of the settings file together with the vault.
 */
export interface RollbackPort {
  lastSeen(): VaultSeen | null;
  record(seen: VaultSeen): void;
  confirmOlder(info: { path: string; fileGeneration: number; seenGeneration: number }): Promise<boolean>;
}

/**
 * DESIGN (secrets in memory, issue #12 item 7): what a lock erases, and what it cannot.
 * - Buffers are zeroed: the vault key (on lock, after every rotation, on a failed unlock),
 *   derived KEKs (vault-slots.ts), the decrypted plaintext right after it is split (`decrypt`),
 *   the plaintext built for a save right after it is encrypted (`save`), every OTP secret the
 *   vault holds (the session's SecretStore: copied out of the plaintext into cells, never
 *   through a string; zeroed on lock, and when a save drops an account for good) and the
 *   CodeCalculator's copies the HMAC reads (cleared on lock by the codes service). The HMAC key
 *   goes from those copies to OpenSSL without a JavaScript copy (codes/node-hmac.ts).
 * - JavaScript strings cannot be zeroed: they are immutable, V8 may copy them, and only the
 *   garbage collector frees them, so a string may outlive a lock in the heap or in swap. Strings
 *   that still carry secrets: the named secrets (`getSecret`, e.g. an admin server's API key, sent
 *   as an HTTP header), passwords typed by the user (they arrive over IPC or stdin as strings),
 *   a version-1 vault's plaintext until its next save rewrites it (vault-content-codec.ts), and
 *   any `otp.secret` a caller reads on purpose (export, reveal, import duplicate checks: see
 *   shared/otp/secret-bytes.ts). Those are short-lived, never cached, never logged.
 * - Out of scope: an attacker who can read this process's memory while it is unlocked can read
 *   the secrets in use; the design protects files at rest, the IPC boundary, and what a memory
 *   dump taken after lock reveals of the unlock → code path.
 */
interface Session {
  /** Key material: the vault key in clear. Wiped on lock. */
  key: Buffer;
  content: VaultContent;
  /** Key material: every OTP secret of `content`. Wiped on lock. */
  secrets: SecretStore;
}

/**
 * The vault, owned by the main process (or the CLI process): it alone holds the vault key and
 * the decrypted accounts. Every mutation is queued so saves never interleave, builds a new content
 * object, saves it atomically, and only then replaces the in-memory state: a failed save changes
 * nothing. Create with `await VaultService.open(options)`.
 */
export class VaultService implements VaultApi {
  readonly path: string;
  private readonly protector: KeyProtector | undefined;
  private readonly rollback: RollbackPort | undefined;
  private readonly clock: Clock;
  private readonly allocateSecret: SecretAllocator;
  private readonly queue = new MutationQueue();
  private readonly autoLock: AutoLockTimer;
  private readonly listeners = new Set<() => void>();
  private loaded: LoadedVaultFile | null = null;
  private fileExists = false;
  private session: Session | null = null;

  private constructor(options: VaultServiceOptions) {
    this.path = options.path;
    this.protector = options.keyProtector;
    this.rollback = options.rollback;
    this.clock = options.clock ?? systemClock;
    this.allocateSecret = options.allocateSecret ?? allocateSecret;
    this.autoLock = new AutoLockTimer(this.clock, validMinutes(options.autoLockMinutes ?? 5), () => this.lock());
  }

  /** Opens the service over `options.path`; a damaged file is reported by `unlock`, not here. */
  static async open(options: VaultServiceOptions): Promise<VaultService> {
    const service = new VaultService(options);
    await service.refresh();
    return service;
  }

  /** Re-reads the file's header while locked (another program may have created or changed it). */
  async refresh(): Promise<VaultStatus> {
    await this.queue.run(async () => {
      if (this.session) return;
      const state = await readVaultFile(this.path);
      this.fileExists = state.kind !== 'missing';
      this.loaded = state.kind === 'ok' ? state.loaded : null;
    });
    return this.status();
  }

  status(): VaultStatus {
    const state: VaultState = this.session ? 'unlocked' : this.fileExists ? 'locked' : 'missing';
    return {
      state,
      hasKeychainSlot: Boolean(this.loaded && keychainSlotOf(this.loaded.file.slots)),
      autoLockMinutes: this.autoLock.idleMinutes,
    };
  }

  create(password: string, options: { keychain?: boolean; allowInsecureKeychain?: boolean } = {}): Promise<void> {
    return this.queue.run(async () => {
      assertPasswordPolicy(password);
      const existing = await readVaultFile(this.path);
      if (existing.kind !== 'missing') {
        throw new VaultError('vault-exists', `A vault already exists at ${this.path}. Unlock it, or choose another file.`);
      }
      if (options.keychain) await assertKeychainUsable(this.protector, options.allowInsecureKeychain ?? false);
      const key = newVaultKey();
      try {
        const slots: Slot[] = [await createPasswordSlot(password, key)];
        if (options.keychain) slots.push(await createKeychainSlot(this.protector, key, options.allowInsecureKeychain ?? false));
        const fresh = await this.save(key, slots, content.emptyContent(), null);
        this.startSession({ key, content: fresh, secrets: new SecretStore(this.allocateSecret) }, null);
      } catch (error) {
        wipe(key);
        throw error;
      }
    });
  }

  unlock(password: string): Promise<void> {
    return this.queue.run(async () => {
      const loaded = await this.readForUnlock();
      const key = await openPasswordSlot(passwordSlotOf(loaded.file.slots), password);
      if (!key) throw new VaultError('wrong-password', 'Wrong password.', 'password');
      const opened = this.decrypt(key, loaded.file);
      if (!opened) throw await corruptVaultError(this.path, 'its encrypted content does not authenticate (it was altered)');
      await this.checkRollback(opened);
      this.startSession(opened, loaded);
      await this.purgeTrash();
    });
  }

  unlockWithKeychain(): Promise<void> {
    return this.queue.run(async () => {
      const loaded = await this.readForUnlock();
      const slot = keychainSlotOf(loaded.file.slots);
      if (!slot) throw new VaultError('keychain-unavailable', 'This vault has no keychain unlock set up. Unlock with your password.');
      const key = await openKeychainSlot(this.protector, slot);
      const opened = this.decrypt(key, loaded.file);
      if (!opened) {
        throw new VaultError(
          'keychain-failed',
          'The key kept in the OS keychain does not open this vault. Unlock with your password, then turn keychain unlock off and on again.',
        );
      }
      await this.checkRollback(opened);
      this.startSession(opened, loaded);
      await this.purgeTrash();
    });
  }

  /**
   * Deletes for good the trashed accounts whose 30 days are over, so their secrets leave the file.
   * A failed save here (disk full) is not an unlock failure: the accounts stay hidden (`trashed()`
   * filters them) and go with the next save.
   */
  private async purgeTrash(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const next = content.purgeExpired(session.content, this.clock.now());
    if (next === session.content) return;
    try {
      await this.commit(session, this.loaded!.file.slots, next);
    } catch {
      // Kept for the next save; see above.
    }
  }

  lock(): void {
    const session = this.session;
    this.autoLock.stop();
    if (!session) return;
    this.session = null;
    session.secrets.wipeAll();
    wipe(session.key);
    this.emit();
  }

  /**
   * Changes the password and rotates the vault key (issue #12): a new random key encrypts the
   * content, the new password slot and (when the keychain can still wrap it) the keychain slot
   * wrap it, and `<file>.bak` is replaced by a copy under the new key. Afterwards neither the old
   * password nor the old key opens vault.json or its .bak. Copies made before (the user's own
   * backups, exports) stay readable with the old password: no program can reach those.
   */
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return this.queue.run(async () => {
      const session = this.requireSession();
      assertPasswordPolicy(newPassword, 'newPassword');
      await this.assertPassword(currentPassword, 'Wrong password. The password was not changed.', 'currentPassword');
      await this.rotate(session, newPassword, 'keep');
    });
  }

  async verifyPassword(password: string): Promise<boolean> {
    await this.queue.idle();
    // Locked and never read (or damaged): read it now, so a damaged file says so.
    const loaded = this.loaded ?? (await this.readForUnlock());
    const key = await openPasswordSlot(passwordSlotOf(loaded.file.slots), password);
    wipe(key);
    return key !== null;
  }

  enableKeychain(options: { allowInsecure: boolean }): Promise<void> {
    return this.queue.run(async () => {
      const session = this.requireSession();
      const slot = await createKeychainSlot(this.protector, session.key, options.allowInsecure);
      await this.commit(session, [...this.loaded!.file.slots.filter((s) => s.type !== 'keychain'), slot], session.content);
    });
  }

  /**
   * Removes the keychain slot and rotates the vault key (the keychain's copy of the old key then
   * opens nothing). Needs the password: the remaining password slot must wrap the new key.
   */
  disableKeychain(password: string): Promise<void> {
    return this.queue.run(async () => {
      const session = this.requireSession();
      await this.assertPassword(password, 'Wrong password. Keychain unlock is still on.', 'password');
      if (!keychainSlotOf(this.loaded!.file.slots)) return;
      await this.rotate(session, password, 'drop');
    });
  }

  private async assertPassword(password: string, message: string, field: string): Promise<void> {
    const check = await openPasswordSlot(passwordSlotOf(this.loaded!.file.slots), password);
    if (!check) throw new VaultError('wrong-password', message, field);
    wipe(check);
  }

  /** New vault key, slots re-wrapped, content re-encrypted, `.bak` replaced under the new key. */
  private async rotate(session: Session, password: string, keychain: 'keep' | 'drop'): Promise<void> {
    const key = newVaultKey();
    try {
      const slots: Slot[] = [await createPasswordSlot(password, key)];
      if (keychain === 'keep' && keychainSlotOf(this.loaded!.file.slots)) {
        // The user opted in to this keychain when the slot was made. If it cannot wrap the new
        // key now, the slot is dropped: it could only ever open the old key.
        const rewrapped = await createKeychainSlot(this.protector, key, true).catch(() => null);
        if (rewrapped) slots.push(rewrapped);
      }
      session.content = await this.save(key, slots, session.content, this.loaded!.digest, { backupUnderNewKey: true });
    } catch (error) {
      wipe(key);
      throw error;
    }
    const old = session.key;
    session.key = key;
    wipe(old);
    this.emit();
  }

  accounts(): readonly Account[] {
    return [...this.requireSession().content.accounts];
  }

  addAccounts(drafts: readonly AccountDraft[]): Promise<Account[]> {
    return this.mutate((c, secrets) => {
      const valid = content.validateDrafts(drafts).map((d) => ({ ...d, otp: secrets.holdOtp(d.otp) }));
      const { content: next, added } = content.addDrafts(c, valid, randomUUID, this.nowIso());
      return { next: valid.length ? next : null, result: added };
    });
  }

  updateAccount(id: string, patch: AccountPatch): Promise<Account> {
    return this.mutate((c) => {
      const { content: next, account } = content.patchAccount(c, id, patch, this.nowIso());
      return { next, result: account };
    });
  }

  removeAccount(id: string): Promise<void> {
    return this.mutate((c) => ({ next: content.trashAccountById(c, id, this.nowIso()), result: undefined }));
  }

  trashed(): readonly TrashedAccount[] {
    const now = this.clock.now();
    return this.requireSession().content.trash.filter((a) => !content.isExpired(a, now));
  }

  restoreFromTrash(id: string): Promise<Account> {
    return this.mutate((c) => {
      const { content: next, account } = content.restoreFromTrash(c, id);
      return { next, result: account };
    });
  }

  deleteFromTrash(id: string | null): Promise<void> {
    return this.mutate((c) => ({ next: id === null && c.trash.length === 0 ? null : content.deleteFromTrash(c, id), result: undefined }));
  }

  renameTag(from: string, to: string | null): Promise<number> {
    return this.mutate((c) => {
      const { content: next, changed } = content.renameTagEverywhere(c, from, to, this.nowIso());
      return { next, result: changed };
    });
  }

  reorder(ids: readonly string[]): Promise<void> {
    return this.mutate((c) => ({ next: content.reorderAccounts(c, ids), result: undefined }));
  }

  advanceHotp(id: string): Promise<Account> {
    return this.mutate((c) => {
      const { content: next, account } = content.advanceCounter(c, id, this.nowIso());
      return { next, result: account };
    });
  }

  getSecret(name: string): string | undefined {
    const secrets = this.requireSession().content.secrets;
    return Object.hasOwn(secrets, name) ? secrets[name] : undefined;
  }

  setSecret(name: string, value: string): Promise<void> {
    return this.mutate((c) => ({ next: c.secrets[name] === value ? null : content.withSecret(c, name, value), result: undefined }));
  }

  deleteSecret(name: string): Promise<void> {
    return this.mutate((c) => ({ next: Object.hasOwn(c.secrets, name) ? content.withSecret(c, name, undefined) : null, result: undefined }));
  }

  touch(): void {
    this.autoLock.touch();
  }

  setAutoLockMinutes(minutes: number): void {
    this.autoLock.setMinutes(validMinutes(minutes));
    this.emit();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Waits for queued saves, then locks and stops the auto-lock timer (on quit). */
  async close(): Promise<void> {
    await this.queue.idle();
    this.lock();
  }

  private mutate<T>(change: (current: VaultContent, secrets: SecretStore) => { next: VaultContent | null; result: T }): Promise<T> {
    return this.queue.run(async () => {
      const session = this.requireSession();
      this.autoLock.touch();
      // Trashed accounts past their 30 days go with whatever is saved next (and at unlock).
      const current = content.purgeExpired(session.content, this.clock.now());
      const { next, result } = change(current, session.secrets);
      const toSave = next ?? (current === session.content ? null : current);
      if (toSave) await this.commit(session, this.loaded!.file.slots, toSave);
      return result;
    });
  }

  /** Saves, then (only after the save succeeded) makes `next` the in-memory state. */
  private async commit(session: Session, slots: Slot[], next: VaultContent): Promise<void> {
    const saved = await this.save(session.key, slots, next, this.loaded!.digest);
    if (this.session === session) {
      session.content = saved;
      // Secrets of accounts deleted for good (and of drafts whose save failed) are zeroed now.
      session.secrets.retain(cellsOf(saved));
    }
    this.emit();
  }

  /**
   * Encrypts and writes. `expectedDigest` is the hash of the bytes this service last read or
   * wrote: if the file now holds something else (the CLI added an account while the app was
   * unlocked), saving would silently drop that change, so refuse instead.
   */
  /** Returns the content as saved: with its vault id and the raised change counter. */
  private async save(key: Buffer, slots: Slot[], unstamped: VaultContent, expectedDigest: string | null, options: { backupUnderNewKey?: boolean } = {}): Promise<VaultContent> {
    const next: VaultContent = { ...unstamped, vaultId: unstamped.vaultId ?? randomUUID(), generation: Math.min(unstamped.generation + 1, Number.MAX_SAFE_INTEGER) };
    if (expectedDigest !== null) {
      const onDisk = await digestOnDisk(this.path);
      if (onDisk !== null && onDisk !== expectedDigest) {
        throw new VaultError(
          'io-error',
          `The vault file ${this.path} was changed by another program (perhaps the twofold command) since Twofold unlocked it. Nothing was saved: lock the vault, unlock it again to load the other change, then retry.`,
        );
      }
    }
    const header = { format: VAULT_FORMAT, version: VAULT_VERSION, slots } as const;
    const plain = encodeContent(next);
    let sealed;
    try {
      sealed = seal(key, plain, contentAad(header));
    } finally {
      wipe(plain);
    }
    const body: Omit<VaultFile, 'checksum'> = {
      ...header,
      content: { cipher: 'aes-256-gcm', nonce: b64(sealed.nonce), tag: b64(sealed.tag), data: b64(sealed.ciphertext) },
    };
    const { text, file } = serializeVaultFile(body);
    // After a key rotation the backup is this same file (same accounts) under the new key: the
    // previous .bak, under the old key, must not stay beside it.
    const digest = await writeVaultFileAtomically(this.path, text, options.backupUnderNewKey ? { backupText: text } : {});
    this.loaded = { file, digest };
    this.fileExists = true;
    this.rollback?.record({ vaultId: next.vaultId!, generation: next.generation });
    return next;
  }

  /**
   * Before decrypted content is used: when it is an older change of the vault than the newest
   * seen here, ask (rollback port); a no wipes the key and secrets and refuses with 'vault-rolled-back'.
   */
  private async checkRollback(session: Session): Promise<void> {
    const opened = session.content;
    if (!this.rollback || !opened.vaultId) return;
    const seen = this.rollback.lastSeen();
    if (seen && seen.vaultId === opened.vaultId && opened.generation < seen.generation) {
      const useIt = await this.rollback.confirmOlder({ path: this.path, fileGeneration: opened.generation, seenGeneration: seen.generation });
      if (!useIt) {
        session.secrets.wipeAll();
        wipe(session.key);
        throw new VaultError(
          'vault-rolled-back',
          `The vault file ${this.path} is an older copy (change ${opened.generation}; Twofold has already seen change ${seen.generation} of this vault): accounts added or changed since are missing from it. It was not opened. If you restored it on purpose, unlock again and choose to open it; otherwise put the newer file back.`,
        );
      }
    }
    this.rollback.record({ vaultId: opened.vaultId, generation: opened.generation });
  }

  /** Reads the file fresh from disk: unlocking always sees what another program saved. */
  private async readForUnlock(): Promise<LoadedVaultFile> {
    const state = await readVaultFile(this.path);
    if (state.kind === 'missing') {
      if (!this.session) this.fileExists = false;
      throw new VaultError('vault-missing', `There is no vault at ${this.path}. Create one first (twofold vault init).`);
    }
    if (state.kind === 'corrupt') throw state.error;
    return state.loaded;
  }

  /**
   * Decrypts the content into a new session (its secrets copied into a new SecretStore, the
   * plaintext zeroed), or returns null (and wipes the key) when a key that unwrapped does not
   * open it: the content was altered, or a keychain slot is stale.
   */
  private decrypt(key: Buffer, file: VaultFile): Session | null {
    const plain = open(key, { nonce: unb64(file.content.nonce), ciphertext: unb64(file.content.data), tag: unb64(file.content.tag) }, contentAad(file));
    const secrets = new SecretStore(this.allocateSecret);
    const parsed = plain ? decodeContent(plain, secrets) : null;
    wipe(plain);
    if (!parsed) {
      secrets.wipeAll();
      wipe(key);
      return null;
    }
    return { key, content: parsed, secrets };
  }

  private startSession(next: Session, loaded: LoadedVaultFile | null): void {
    const previous = this.session;
    this.session = next;
    if (loaded) this.loaded = loaded;
    this.fileExists = true;
    if (previous && previous.key !== next.key) wipe(previous.key);
    if (previous && previous.secrets !== next.secrets) previous.secrets.wipeAll();
    this.autoLock.start();
    void removeOrphanedTempFiles(this.path);
    this.emit();
  }

  private requireSession(): Session {
    if (!this.session) throw new VaultError('vault-locked', 'The vault is locked. Unlock it first.');
    return this.session;
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A listener's failure must not undo or block a committed change.
      }
    }
  }
}

function validMinutes(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > 24 * 60) {
    throw new VaultError('invalid-account', 'Auto-lock minutes must be between 0 (never) and 1440.', 'autoLockMinutes');
  }
  return Math.floor(minutes);
}
