import { MAX_LABEL_LENGTH, type AccountDraft } from '../../otp/account';
import { ImportError, describeEntry } from '../import-errors';
import type { DetectedContent, FormatParser, ParsedImport, SkippedEntry } from '../import-types';
import { assertEntryCount } from '../limits';
import { buildDraft, isRecord } from '../draft-builder';
import { draftFromUri } from './uri-entry';

/**
 * Bitwarden's unencrypted JSON export ({encrypted: false, folders, items}). Logins keep their
 * authenticator key in `login.totp`, as an otpauth:// URI, as `steam://<base32>` for Steam Guard,
 * or as a bare base32 key (TOTP, SHA1, 6 digits, 30 s — Bitwarden's defaults). Items without a key
 * are passwords, not authenticator accounts, and are left out without comment. The item name is
 * the issuer when the key carries none, the login's username the account name; the folder becomes
 * the group and "favorite" a favourite. Item notes belong to the password entry and are not copied.
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
    return Promise.resolve(readItems(root.items, readFolders(root.folders)));
  },
};

function readFolders(folders: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(folders)) return names;
  for (const folder of folders) {
    // Twofold's group names are at most MAX_LABEL_LENGTH; a longer folder name is cut, not refused.
    if (isRecord(folder) && typeof folder.id === 'string' && typeof folder.name === 'string') names.set(folder.id, folder.name.trim().slice(0, MAX_LABEL_LENGTH));
  }
  return names;
}

function readItems(items: unknown[], folders: Map<string, string>): ParsedImport {
  assertEntryCount(items.length);
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  items.forEach((item, index) => {
    if (!isRecord(item) || !isRecord(item.login)) return;
    const totp = item.login.totp;
    if (typeof totp !== 'string' || totp.trim() === '') return;
    const itemName = typeof item.name === 'string' ? item.name.trim() : '';
    const username = typeof item.login.username === 'string' ? item.login.username.trim() : '';
    const entry = describeEntry(index, itemName).replace(/^entry/, 'item');
    const folder = typeof item.folderId === 'string' ? folders.get(item.folderId) : undefined;
    const group = folder === undefined || folder === '' ? null : folder;
    const favourite = item.favorite === true;
    const key = totp.trim();

    if (/^otpauth:\/\//i.test(key)) {
      const built = draftFromUri(key, entry);
      if (!built.ok) {
        skipped.push({ entry, reason: built.reason });
        return;
      }
      const draft = built.draft;
      accounts.push({
        ...draft,
        issuer: draft.issuer === '' ? itemName.slice(0, MAX_LABEL_LENGTH) : draft.issuer,
        name: draft.name === '' ? username.slice(0, MAX_LABEL_LENGTH) : draft.name,
        group,
        favourite,
      });
      return;
    }
    const steam = /^steam:\/\/(.*)$/i.exec(key);
    const built = buildDraft(
      { type: steam ? 'steam' : 'totp', issuer: itemName.slice(0, MAX_LABEL_LENGTH), name: username.slice(0, MAX_LABEL_LENGTH), secret: steam ? steam[1] : key, group, favourite },
      entry,
    );
    if (built.ok) accounts.push(built.draft);
    else skipped.push({ entry, reason: built.reason });
  });
  return { accounts, skipped };
}
