import { MAX_LABEL_LENGTH } from '../../otp/account';
import { MAX_TAG_LENGTH } from '../../otp/tags';
import { ImportError, describeEntry } from '../import-errors';
import type { DetectedContent, FormatParser, ParsedImport } from '../import-types';
import { assertEntryCount } from '../limits';
import { buildDraft, isRecord, readTags } from '../draft-builder';
import { draftFromUri } from './uri-entry';

/**
 * Bitwarden's unencrypted JSON export ({encrypted: false, folders, items}). Logins keep their
 * authenticator key in `login.totp`, as an otpauth:// URI, as `steam://<base32>` for Steam Guard,
 * or as a bare base32 key (TOTP, SHA1, 6 digits, 30 s — Bitwarden's defaults). Items without a key
 * are passwords, not authenticator accounts, and are left out without comment. The item name is
 * the issuer when the key carries none, the login's username the account name; the folder and, in
 * an organization's export, each collection (`collections` [{id, name}], `items[].collectionIds`)
 * become tags, folder first; "favorite" a favourite. Item notes belong to the password entry and are not copied.
 *
 * Encrypted and password-protected Bitwarden exports are refused with a clear message: they need
 * the Bitwarden account key or a separate KDF scheme.
 */
function rootOf(content: DetectedContent): Record<string, unknown> | null {
  return content.kind === 'json' && isRecord(content.json) ? content.json : null;
}

export const bitwardenParser: FormatParser = {
  format: 'bitwarden',
  matches(content) {
    const root = rootOf(content);
    return root !== null && typeof root.encrypted === 'boolean' && (Array.isArray(root.items) || 'data' in root || 'encKeyValidation_DO_NOT_EDIT' in root);
  },
  isEncrypted: () => false,
  parse(content) {
    const root = rootOf(content);
    if (!root) throw new ImportError('unsupported-format', 'This is not a Bitwarden export.');
    if (root.encrypted !== false || !Array.isArray(root.items)) {
      throw new ImportError(
        'unsupported-format',
        'This Bitwarden export is encrypted, which Twofold cannot read. In Bitwarden, choose Export vault → File format ".json" (not "Encrypted"), import that file, then delete it.',
      );
    }
    return Promise.resolve(readItems(root.items, readFolders(root.folders), readFolders(root.collections)));
  },
};

/** Folders or collections, [{id, name}], by id. */
function readFolders(folders: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(folders)) return names;
  for (const folder of folders) {
    if (isRecord(folder) && typeof folder.id === 'string' && typeof folder.name === 'string') names.set(folder.id, bitwardenTag(folder.name));
  }
  return names;
}

/**
 * A folder or collection name as a tag. Bitwarden nests folders as "Parent/Child" paths that may
 * run past MAX_TAG_LENGTH: such a name is cut (as the group was before tags), not refused, since
 * the path's start says what it is. Invisible characters are still refused by the tag rules.
 */
export function bitwardenTag(name: string): string {
  return name.trim().slice(0, MAX_TAG_LENGTH).trim();
}

function readItems(items: unknown[], folders: Map<string, string>, collections: Map<string, string>): ParsedImport {
  assertEntryCount(items.length);
  const result: ParsedImport = { accounts: [], skipped: [] };
  items.forEach((item, index) => {
    if (!isRecord(item) || !isRecord(item.login)) return;
    const itemName = typeof item.name === 'string' ? item.name.trim() : '';
    const folder = typeof item.folderId === 'string' ? folders.get(item.folderId) : undefined;
    const inCollections = Array.isArray(item.collectionIds) ? item.collectionIds.map((id: unknown) => (typeof id === 'string' ? collections.get(id) : undefined)) : [];
    const login: BitwardenLogin = {
      itemName,
      username: typeof item.login.username === 'string' ? item.login.username.trim() : '',
      totp: item.login.totp,
      tags: [folder, ...inCollections].filter((t): t is string => t !== undefined && t !== ''),
      favourite: item.favorite === true,
    };
    readBitwardenLogin(login, describeEntry(index, itemName).replace(/^entry/, 'item'), result);
  });
  return result;
}

/** One Bitwarden login, from the JSON export (an item) or the CSV export (a row). */
export interface BitwardenLogin {
  itemName: string;
  username: string;
  /** Key material: what Bitwarden stores as the login's authenticator key. */
  totp: unknown;
  /** Folder, then collections; empty names already dropped. */
  tags: string[];
  favourite: boolean;
}

/** Adds the login's account to `into` (or its reason to `skipped`); a login without a key adds nothing. */
export function readBitwardenLogin(login: BitwardenLogin, entry: string, into: ParsedImport): void {
  const { totp, itemName, username, tags, favourite } = login;
  if (typeof totp !== 'string' || totp.trim() === '') return;
  const key = totp.trim();
  if (/^otpauth:\/\//i.test(key)) {
    const built = draftFromUri(key, entry);
    if (!built.ok) {
      into.skipped.push({ entry, reason: built.reason });
      return;
    }
    const draft = built.draft;
    into.accounts.push({
      ...draft,
      issuer: draft.issuer === '' ? itemName.slice(0, MAX_LABEL_LENGTH) : draft.issuer,
      name: draft.name === '' ? username.slice(0, MAX_LABEL_LENGTH) : draft.name,
      tags: readTags(tags, entry),
      favourite,
    });
    return;
  }
  const steam = /^steam:\/\/(.*)$/i.exec(key);
  const built = buildDraft(
    { type: steam ? 'steam' : 'totp', issuer: itemName.slice(0, MAX_LABEL_LENGTH), name: username.slice(0, MAX_LABEL_LENGTH), secret: steam ? steam[1] : key, tags, favourite },
    entry,
  );
  if (built.ok) into.accounts.push(built.draft);
  else into.skipped.push({ entry, reason: built.reason });
}
