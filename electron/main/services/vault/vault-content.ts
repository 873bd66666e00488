import { z } from 'zod';
import { AccountDraftSchema, AccountIconSchema, MAX_LABEL_LENGTH, type Account, type AccountDraft } from '../../../../shared/otp/account';
import { TagSchema, TagsSchema, hasTag, retagged } from '../../../../shared/otp/tags';
import { copyOtp } from '../../../../shared/otp/secret-bytes';
import { VaultError, type AccountPatch } from './vault-types';
import { CONTENT_VERSION, type TrashedAccount, type VaultContent } from './vault-format';

/**
 * Pure operations on the decrypted vault content. Each returns a new content object and never
 * mutates its input, so a save that fails leaves the in-memory vault exactly as it was.
 * Key material: accounts carry their OTP secrets, held in the session's SecretStore (see
 * secret-store.ts): copy an `otp` with `copyOtp`, never `{ ...otp }`, which would turn the
 * secret into a string that cannot be zeroed.
 */

export const emptyContent = (): VaultContent => ({ version: CONTENT_VERSION, accounts: [], secrets: {}, trash: [], generation: 0 });

/** Accounts are shared with callers: freeze them so nobody edits the vault behind its back. */
export function freezeAccount<A extends Account>(account: A): A {
  Object.freeze(account.otp);
  return Object.freeze(account);
}

export function validateDrafts(drafts: readonly unknown[]): AccountDraft[] {
  if (!Array.isArray(drafts)) throw new VaultError('invalid-account', 'Expected a list of accounts to add.');
  return drafts.map((draft, index) => {
    const parsed = AccountDraftSchema.safeParse(draft);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const label = describeDraft(draft);
    throw new VaultError(
      'invalid-account',
      `Account ${index + 1} of ${drafts.length}${label} is invalid: ${field ? `${field}: ` : ''}${issue?.message ?? 'unknown problem'}. Nothing was added; fix or remove it and try again.`,
      field || undefined,
    );
  });
}

function describeDraft(draft: unknown): string {
  if (!draft || typeof draft !== 'object') return '';
  const { issuer, name } = draft as { issuer?: unknown; name?: unknown };
  const parts = [issuer, name].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length ? ` (${parts.join(': ')})` : '';
}

export function addDrafts(content: VaultContent, drafts: AccountDraft[], ids: () => string, nowIso: string): { content: VaultContent; added: Account[] } {
  const added = drafts.map((d) => freezeAccount({ ...d, otp: copyOtp(d.otp), id: ids(), createdAt: nowIso, updatedAt: nowIso }));
  return { content: { ...content, accounts: [...content.accounts, ...added] }, added };
}

const PatchSchema = z
  .object({
    issuer: z.string().max(MAX_LABEL_LENGTH),
    name: z.string().max(MAX_LABEL_LENGTH),
    tags: TagsSchema,
    favourite: z.boolean(),
    note: z.string().max(4096),
    icon: AccountIconSchema.nullable(),
  })
  .partial()
  .strict();

export function indexOfAccount(content: VaultContent, id: string): number {
  const index = content.accounts.findIndex((a) => a.id === id);
  if (index < 0) throw new VaultError('account-not-found', 'That account is no longer in the vault. Refresh the list.', 'id');
  return index;
}

export function replaceAccount(content: VaultContent, index: number, next: Account): VaultContent {
  const accounts = [...content.accounts];
  accounts[index] = freezeAccount(next);
  return { ...content, accounts };
}

export function patchAccount(content: VaultContent, id: string, patch: AccountPatch, nowIso: string): { content: VaultContent; account: Account } {
  const parsed = PatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === 'tags') throw new VaultError('invalid-account', `${issue.message} Nothing was changed.`, 'tags');
    const field = issue?.path.join('.') || undefined;
    throw new VaultError('invalid-account', `Cannot change the account: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid change'}. Nothing was changed.`, field);
  }
  const index = indexOfAccount(content, id);
  const current = content.accounts[index]!;
  const { icon, ...fields } = parsed.data;
  const account: Account = { ...current, ...fields, otp: copyOtp(current.otp), updatedAt: nowIso };
  if (icon === null) delete account.icon;
  else if (icon !== undefined) account.icon = icon;
  return { content: replaceAccount(content, index, account), account };
}

/**
 * Renames a tag on every account carrying it (case-insensitively), trashed ones included so a
 * restored account does not bring the old name back; where an account already has `to`, the two
 * merge. Deleting (`to` null) removes the tag and keeps the accounts. One new content, so the
 * service saves it once: all accounts change or none. `next` is null when no account has the tag.
 */
export function renameTagEverywhere(content: VaultContent, from: unknown, to: unknown | null, nowIso: string): { content: VaultContent | null; changed: number } {
  // `from` names a tag already in the vault; it may be one an older Twofold stored that today's
  // rules refuse (that is why it is being renamed), so it is matched, not judged.
  if (typeof from !== 'string' || from.trim() === '' || from.length > MAX_LABEL_LENGTH) {
    throw new VaultError('invalid-account', 'Choose the tag to change from the list.', 'tag');
  }
  let target: string | null = null;
  if (to !== null) {
    const parsed = TagSchema.safeParse(to);
    if (!parsed.success) throw new VaultError('invalid-account', `${parsed.error.issues[0]?.message ?? 'The new name is not a valid tag.'} Nothing was renamed.`, 'name');
    target = parsed.data;
  }
  let changed = 0;
  const apply = <A extends Account>(account: A): A => {
    if (!hasTag(account.tags, from)) return account;
    changed += 1;
    return freezeAccount({ ...account, tags: retagged(account.tags, from, target), otp: copyOtp(account.otp), updatedAt: nowIso });
  };
  const accounts = content.accounts.map(apply);
  const trash = content.trash.map(apply);
  return { content: changed === 0 ? null : { ...content, accounts, trash }, changed };
}

/**
 * Days an account stays in the trash before it is deleted for good (issue #14: Ente and Aegis
 * users asked for a safety net; 30 days is what Ente's trash and most mail clients keep).
 */
export const TRASH_RETENTION_DAYS = 30;
export const TRASH_RETENTION_MS = TRASH_RETENTION_DAYS * 24 * 60 * 60 * 1000;

/** Moves the account to the trash: it leaves the list (no codes, no export) but keeps its secret. */
export function trashAccountById(content: VaultContent, id: string, nowIso: string): VaultContent {
  const index = indexOfAccount(content, id);
  const trashed: TrashedAccount = freezeAccount({ ...content.accounts[index]!, deletedAt: nowIso, formerIndex: index });
  return { ...content, accounts: content.accounts.filter((_, i) => i !== index), trash: [...content.trash, trashed] };
}

function indexInTrash(content: VaultContent, id: string): number {
  const index = content.trash.findIndex((a) => a.id === id);
  if (index < 0) throw new VaultError('account-not-found', 'That account is no longer in the trash (it was restored or deleted for good). Refresh the list.', 'id');
  return index;
}

/** Puts a trashed account back where it stood (or at the end), unchanged: same id, same secret. */
export function restoreFromTrash(content: VaultContent, id: string): { content: VaultContent; account: Account } {
  const index = indexInTrash(content, id);
  const { deletedAt: _deletedAt, formerIndex, ...rest } = content.trash[index]!;
  const account = freezeAccount({ ...rest, otp: copyOtp(rest.otp) });
  const accounts = [...content.accounts];
  accounts.splice(Math.min(formerIndex, accounts.length), 0, account);
  return { content: { ...content, accounts, trash: content.trash.filter((_, i) => i !== index) }, account };
}

/** Deletes a trashed account for good: its secret leaves the vault with the next save. */
export function deleteFromTrash(content: VaultContent, id: string | null): VaultContent {
  if (id === null) return { ...content, trash: [] };
  const index = indexInTrash(content, id);
  return { ...content, trash: content.trash.filter((_, i) => i !== index) };
}

/** True when the trashed account has been there for the whole retention period. */
export function isExpired(account: TrashedAccount, nowMs: number): boolean {
  const deleted = Date.parse(account.deletedAt);
  return !Number.isFinite(deleted) || nowMs - deleted >= TRASH_RETENTION_MS;
}

/** The content without the trashed accounts whose time is up; the same object when none is. */
export function purgeExpired(content: VaultContent, nowMs: number): VaultContent {
  const kept = content.trash.filter((a) => !isExpired(a, nowMs));
  return kept.length === content.trash.length ? content : { ...content, trash: kept };
}

export function reorderAccounts(content: VaultContent, ids: readonly string[]): VaultContent {
  const byId = new Map(content.accounts.map((a) => [a.id, a]));
  const unique = new Set(ids);
  if (!Array.isArray(ids) || ids.length !== content.accounts.length || unique.size !== ids.length || ids.some((id) => !byId.has(id))) {
    throw new VaultError('invalid-account', 'The new order must list every account exactly once. Nothing was reordered; refresh the list and try again.', 'ids');
  }
  return { ...content, accounts: ids.map((id) => byId.get(id)!) };
}

export function advanceCounter(content: VaultContent, id: string, nowIso: string): { content: VaultContent; account: Account } {
  const index = indexOfAccount(content, id);
  const current = content.accounts[index]!;
  if (current.otp.type !== 'hotp') {
    throw new VaultError('invalid-account', `"${current.issuer || current.name}" is a time-based account; only HOTP accounts have a counter to advance.`, 'id');
  }
  if (current.otp.counter >= Number.MAX_SAFE_INTEGER) throw new VaultError('invalid-account', 'The HOTP counter cannot go any higher.', 'counter');
  const account = { ...current, otp: copyOtp(current.otp, { counter: current.otp.counter + 1 }), updatedAt: nowIso };
  return { content: replaceAccount(content, index, account), account };
}

export const MAX_SECRET_NAME = 200;
export const MAX_SECRET_VALUE = 64 * 1024;

export function withSecret(content: VaultContent, name: string, value: string | undefined): VaultContent {
  assertSecretName(name);
  const secrets = { ...content.secrets };
  if (value === undefined) delete secrets[name];
  else {
    if (typeof value !== 'string' || value.length > MAX_SECRET_VALUE) {
      throw new VaultError('invalid-account', `A named secret must be a string of at most ${MAX_SECRET_VALUE} characters.`, 'value');
    }
    secrets[name] = value;
  }
  return { ...content, secrets };
}

export function assertSecretName(name: string): void {
  // "__proto__" would set the record's prototype instead of a key.
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_SECRET_NAME || name === '__proto__') {
    throw new VaultError('invalid-account', `A secret name must be 1 to ${MAX_SECRET_NAME} characters.`, 'name');
  }
}
