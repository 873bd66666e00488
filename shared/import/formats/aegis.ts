import { ImportError, describeEntry } from '../import-errors';
import type { DetectedContent, FormatParser, ImportContext, ParsedImport, SkippedEntry } from '../import-types';
import type { AccountDraft } from '../../otp/account';
import { assertEntryCount, parseJsonSafely } from '../limits';
import { buildDraft, isRecord } from '../draft-builder';
import { decryptAegisContent, isEncryptedAegis } from './aegis-crypto';

/**
 * Aegis Authenticator backups (docs/vault.md in beemdevelopment/Aegis): `{version: 1, header,
 * db}`, where `db` is the content object (plain) or its base64 ciphertext (encrypted).
 *
 * Content versions: 1 and 2 give each entry an optional `group` *name*; 3 replaces it with a
 * `groups` list of UUIDs resolved through `db.groups` [{uuid, name}]. Every group becomes a tag,
 * in the entry's order, so an entry in several groups keeps all of them. Entries carry `favorite` and `note`; icons
 * are not imported (Twofold shows none).
 *
 * Issuer null: Aegis's own importers leave it null when the source had none; GNOME Authenticator
 * then reads the issuer from the name after the LAST "@" ("bob@example.com@GitHub" → issuer
 * "GitHub", account "bob@example.com"). We follow it, but only for null: an empty-string issuer
 * is what Aegis writes for "no issuer", and an address in the name must stay whole.
 */
const SUPPORTED_VAULT_VERSION = 1;
const MAX_CONTENT_VERSION = 3;

function rootOf(content: DetectedContent): Record<string, unknown> | null {
  return content.kind === 'json' && isRecord(content.json) ? content.json : null;
}

export const aegisParser: FormatParser = {
  format: 'aegis',
  matches(content) {
    const root = rootOf(content);
    return root !== null && 'header' in root && 'db' in root && typeof root.version === 'number';
  },
  isEncrypted(content) {
    const root = rootOf(content);
    return root !== null && isEncryptedAegis(root);
  },
  async parse(content, context) {
    const root = rootOf(content);
    if (!root) throw new ImportError('unsupported-format', 'This is not an Aegis backup (no vault object).');
    if (root.version !== SUPPORTED_VAULT_VERSION) {
      throw new ImportError('unsupported-version', `This Aegis backup has vault version ${String(root.version)}, which this Twofold does not know (it reads version 1). Update Twofold, or export again from Aegis.`);
    }
    let db: unknown = root.db;
    if (isEncryptedAegis(root)) {
      const text = await decryptAegisContent(root, context.password, context.crypto);
      db = parseJsonSafely(text, 'decrypted Aegis content');
    }
    return readContent(db, context);
  },
};

function readContent(db: unknown, _context: ImportContext): ParsedImport {
  if (!isRecord(db) || !Array.isArray(db.entries)) {
    throw new ImportError('file-damaged', 'This Aegis backup has no list of entries: export it again from Aegis.');
  }
  const version = db.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ImportError('file-damaged', 'This Aegis backup does not say which content version it is: export it again from Aegis.');
  }
  if (version > MAX_CONTENT_VERSION) {
    throw new ImportError('unsupported-version', `This Aegis backup uses content version ${version}, newer than this Twofold reads (up to ${MAX_CONTENT_VERSION}). Update Twofold.`);
  }
  assertEntryCount(db.entries.length);
  const groupNames = readGroups(db.groups);

  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  db.entries.forEach((raw: unknown, index) => {
    const entry = isRecord(raw) ? describeEntry(index, raw.issuer, raw.name) : describeEntry(index);
    if (!isRecord(raw)) throw new ImportError('invalid-entry', `${cap(entry)} is not an account object: export the backup again from Aegis.`, { entry });
    const info = isRecord(raw.info) ? raw.info : null;
    if (!info) throw new ImportError('invalid-entry', `${cap(entry)} is damaged: it has no OTP parameters. Fix or remove it in Aegis and export again.`, { entry });

    let issuer = raw.issuer;
    let name = raw.name;
    if (issuer === null && typeof name === 'string') {
      const at = name.lastIndexOf('@');
      if (at > 0 && at < name.length - 1) {
        issuer = name.slice(at + 1);
        name = name.slice(0, at);
      }
    }
    const built = buildDraft(
      {
        type: raw.type,
        issuer,
        name,
        secret: info.secret,
        algorithm: info.algo,
        digits: info.digits,
        period: info.period,
        counter: info.counter,
        tags: tagsOf(raw, groupNames, entry),
        favourite: raw.favorite,
        note: raw.note,
      },
      entry,
    );
    if (built.ok) accounts.push(built.draft);
    else skipped.push({ entry, reason: built.reason });
  });
  return { accounts, skipped };
}

function readGroups(groups: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(groups)) return names;
  for (const group of groups) {
    if (isRecord(group) && typeof group.uuid === 'string' && typeof group.name === 'string') names.set(group.uuid, group.name);
  }
  return names;
}

function tagsOf(raw: Record<string, unknown>, groupNames: Map<string, string>, entry: string): string[] {
  if (Array.isArray(raw.groups)) {
    return raw.groups.map((id: unknown) => {
      const name = typeof id === 'string' ? groupNames.get(id) : undefined;
      if (name === undefined) throw new ImportError('invalid-entry', `${cap(entry)} is in a group the backup does not define: export it again from Aegis.`, { entry });
      return name;
    });
  }
  return typeof raw.group === 'string' ? [raw.group] : [];
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
