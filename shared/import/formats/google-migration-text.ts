import type { AccountDraft } from '../../otp/account';
import { MigrationError, parseMigrationUri, withoutMigrationLabel, type MigrationPage } from '../../otp/google-migration';
import { MigrationBatchCollector } from '../../otp/migration-batch';
import { ImportError, clip } from '../import-errors';
import type { FormatParser, ParsedImport, SkippedEntry } from '../import-types';
import { assertEntryCount } from '../limits';
import { meaningfulLines } from './uri-entry';

/**
 * Google Authenticator export links (`otpauth-migration://offline?data=…`) pasted as text, one per
 * line, for example read off the export QR codes with another tool. Decoding is the otp module's
 * (`parseMigrationUri`, written once); this module groups the pages of each export by batch_id and
 * page count, as `MigrationBatchCollector` does for scans, so one paste may hold several exports.
 * Pages missing from an export are reported (their accounts cannot be imported), the pages present
 * still import.
 */
export function isMigrationLine(text: string): boolean {
  // "QR-Code:otpauth-migration://…" too: a label some QR readers and scripts put before each link.
  return /^otpauth-migration:/i.test(withoutMigrationLabel(text));
}

export const googleMigrationTextParser: FormatParser = {
  format: 'google-migration-text',
  matches(content) {
    if (content.kind !== 'text') return false;
    const lines = meaningfulLines(content.text.slice(0, 64 * 1024));
    return lines.length > 0 && lines.every((l) => isMigrationLine(l.text));
  },
  isEncrypted: () => false,
  parse(content) {
    const lines = meaningfulLines(content.text);
    for (const { line, text } of lines) {
      if (!isMigrationLine(text)) {
        throw new ImportError('invalid-entry', `Line ${line} is not a Google Authenticator export link (otpauth-migration://). Remove it and try again.`, { entry: `line ${line}` });
      }
    }
    return Promise.resolve(decodeMigrationLines(lines));
  },
};

/** Decodes migration links (with their line numbers) into drafts, grouping multi-page exports. */
export function decodeMigrationLines(lines: readonly { line: number; text: string }[]): ParsedImport {
  const exports = new Map<string, { collector: MigrationBatchCollector; firstLine: number; pages: Map<number, MigrationPage> }>();
  for (const { line, text } of lines) {
    let page;
    try {
      page = parseMigrationUri(text);
    } catch (error) {
      if (error instanceof MigrationError) {
        throw new ImportError('invalid-entry', `Line ${line} is a damaged Google Authenticator export link: ${error.message}`, { entry: `line ${line}` });
      }
      throw error;
    }
    const { id, size } = page.batch;
    const key = id === null ? (size === 1 ? `line:${line}` : `none:${size}`) : `${id}:${size}`;
    let group = exports.get(key);
    if (!group) {
      group = { collector: new MigrationBatchCollector(), firstLine: line, pages: new Map() };
      exports.set(key, group);
    }
    // The collector decides what belongs to the export; a page seen twice is added once.
    if (group.collector.add(page).kind === 'added') group.pages.set(page.batch.index, page);
  }

  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  for (const { collector, firstLine, pages } of exports.values()) {
    const progress = collector.progress();
    if (progress && !progress.complete) {
      skipped.push({
        entry: `Google Authenticator export starting on line ${firstLine}`,
        reason: `${progress.missingMessage ?? 'pages are missing'}: add the missing export links to import the accounts on them.`,
      });
    }
    const ordered = [...pages.entries()].sort(([a], [b]) => a - b).map(([, page]) => page);
    accounts.push(...ordered.flatMap((page) => page.accounts));
    for (const item of ordered.flatMap((page) => page.unsupported)) {
      const label = [item.issuer, item.name].filter((p) => p !== '').map((p) => clip(p, 40)).join(': ');
      skipped.push({ entry: label === '' ? `Google Authenticator account` : label, reason: item.reason });
    }
  }
  assertEntryCount(accounts.length);
  return { accounts, skipped };
}
