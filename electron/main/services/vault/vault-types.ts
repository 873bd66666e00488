import type { Account, AccountDraft } from '../../../../shared/otp/account';
import type { TrashedAccount } from './vault-format';

/**
 * The vault's public surface, shared by the Electron app (through IPC handlers) and the CLI.
 * The vault owns the key material: it is decrypted in this process and nowhere else.
 */

export type VaultState = 'missing' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** The vault file has an OS-keychain slot that can unlock it without the password. */
  hasKeychainSlot: boolean;
  /** Minutes of inactivity before auto-lock; 0 disables it. */
  autoLockMinutes: number;
}

export type VaultErrorCode =
  | 'wrong-password'
  | 'vault-missing'
  | 'vault-exists'
  | 'vault-locked'
  | 'vault-corrupt'
  | 'weak-password'
  | 'keychain-unavailable'
  | 'keychain-insecure'
  | 'keychain-failed'
  | 'account-not-found'
  | 'invalid-account'
  | 'too-many-attempts'
  | 'vault-out-of-bounds'
  | 'vault-rolled-back'
  | 'io-error';

/** A vault failure with a stable code and a message that says what to do next. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Availability of the OS keychain, as the KeyProtector reports it. */
export interface KeychainAvailability {
  available: boolean;
  /**
   * True where the only "keychain" stores the key in plain form (Linux safeStorage's
   * `basic_text` backend). Such a slot is refused unless the user opts in knowingly.
   */
  insecure: boolean;
  /** Backend name for display, e.g. "gnome_libsecret", "keychain", "dpapi", "basic_text". */
  backend: string;
}

/**
 * Port for the OS-keychain slot. In Electron it is safeStorage's async API; in tests an
 * in-memory fake. Key material flows through here: implementations must never log it.
 */
export interface KeyProtector {
  availability(): Promise<KeychainAvailability>;
  protect(vaultKey: Uint8Array): Promise<Uint8Array>;
  unprotect(blob: Uint8Array): Promise<Uint8Array>;
}

/** `icon`: a custom image (base64 PNG made by normaliseAccountIcon), null to remove it. */
export type AccountPatch = Partial<Pick<AccountDraft, 'issuer' | 'name' | 'tags' | 'favourite' | 'note'>> & { icon?: string | null };

export interface VaultApi {
  status(): VaultStatus;
  create(password: string, options?: { keychain?: boolean; allowInsecureKeychain?: boolean }): Promise<void>;
  unlock(password: string): Promise<void>;
  unlockWithKeychain(): Promise<void>;
  lock(): void;
  /** Changes the password and rotates the vault key (old password and key open nothing current). */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Checks the password against the vault without changing state (re-authentication for exports). */
  verifyPassword(password: string): Promise<boolean>;
  enableKeychain(options: { allowInsecure: boolean }): Promise<void>;
  /** Removes the keychain slot and rotates the vault key; needs the password to re-wrap it. */
  disableKeychain(password: string): Promise<void>;

  /** Accounts in display order. Throws VaultError('vault-locked') when locked. */
  accounts(): readonly Account[];
  /** Adds drafts atomically in one save: all are added or none. Returns the new accounts. */
  addAccounts(drafts: readonly AccountDraft[]): Promise<Account[]>;
  updateAccount(id: string, patch: AccountPatch): Promise<Account>;
  /**
   * Moves the account to the trash (issue #14). A trashed account keeps its secret, encrypted in
   * the vault, but is not in `accounts()`: it produces no code, is not exported or backed up, and
   * is deleted for good after 30 days (at the next save or unlock).
   */
  removeAccount(id: string): Promise<void>;
  /** Accounts in the trash that are still within their 30 days, oldest deletion first. */
  trashed(): readonly TrashedAccount[];
  /** Puts a trashed account back where it was, unchanged (same id and secret). */
  restoreFromTrash(id: string): Promise<Account>;
  /** Deletes one trashed account for good, or every one (`null`: empty the trash). */
  deleteFromTrash(id: string | null): Promise<void>;
  /**
   * Renames a tag on every account carrying it (merging where the new name is already there), or
   * removes it from every account (`to` null; the accounts stay). One save. Returns how many
   * accounts changed (0: none had the tag, nothing saved).
   */
  renameTag(from: string, to: string | null): Promise<number>;
  /** `ids` must be a permutation of the current account ids. */
  reorder(ids: readonly string[]): Promise<void>;
  /** Advances an HOTP account's counter by one and saves; returns the updated account. */
  advanceHotp(id: string): Promise<Account>;

  /**
   * Small named secrets kept encrypted in the vault beside the accounts (for example an admin
   * server's API key under `admin-server:<profile id>`). Throws VaultError('vault-locked') when locked.
   */
  getSecret(name: string): string | undefined;
  setSecret(name: string, value: string): Promise<void>;
  deleteSecret(name: string): Promise<void>;

  /** Records user activity for auto-lock. */
  touch(): void;
  setAutoLockMinutes(minutes: number): void;
  /** Called after every change of state or content. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}
