import type { AccountDraft } from '../../otp/account';
import { ImportError } from '../import-errors';
import type { FormatParser, ParsedImport, SkippedEntry } from '../import-types';
import { assertEntryCount } from '../limits';
import { decodeMigrationLines, isMigrationLine } from './google-migration-text';
import { draftFromUri, lineEntry, meaningfulLines } from './uri-entry';

/**
 * A plain list of otpauth:// URIs, one per line (Aegis's "plain text" export, WinAuth, andOTP's
 * and many others' URI exports). Blank lines and "#" comments are ignored. Google Authenticator
 * migration links in the same list are read too, so a hand-assembled list loses nothing.
 */
export const uriListParser: FormatParser = {
  format: 'uri-list',
  matches(content) {
    if (content.kind !== 'text') return false;
    const first = meaningfulLines(content.text.slice(0, 4096))[0];
    return first !== undefined && /^otpauth(-migration)?:\/\//i.test(first.text);
  },
  isEncrypted: () => false,
  parse(content) {
    return Promise.resolve(parseUriLines(content.text));
  },
};

export function parseUriLines(text: string): ParsedImport {
  const lines = meaningfulLines(text);
  assertEntryCount(lines.length);
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  const migration = lines.filter((l) => isMigrationLine(l.text));
  for (const { line, text: uri } of lines) {
    if (isMigrationLine(uri)) continue;
    if (!/^otpauth:\/\//i.test(uri)) {
      const entry = lineEntry(line);
      throw new ImportError('invalid-entry', `Line ${line} is not an otpauth:// link. Remove it, or export the list again.`, { entry });
    }
    const built = draftFromUri(uri, lineEntry(line));
    if (built.ok) accounts.push(built.draft);
    else skipped.push({ entry: lineEntry(line), reason: built.reason });
  }
  if (migration.length > 0) {
    const google = decodeMigrationLines(migration);
    accounts.push(...google.accounts);
    skipped.push(...google.skipped);
  }
  return { accounts, skipped };
}
