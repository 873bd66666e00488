import type { AccountDraft } from '../../otp/account';
import type { FormatParser, ParsedImport, SkippedEntry } from '../import-types';
import { assertEntryCount, MAX_JSON_DEPTH, jsonDepth } from '../limits';
import { isRecord, readTags } from '../draft-builder';
import { ImportError } from '../import-errors';
import { draftFromUri, lineEntry, meaningfulLines } from './uri-entry';

/**
 * Ente Auth's plain-text export: one otpauth:// URI per line, each with an extra `codeDisplay`
 * parameter holding URL-encoded JSON ({pinned, trashed, lastUsedAt, tapCount, tags, note}).
 * Pinned becomes a favourite, every tag a tag (in order), a note the note; entries in Ente's trash are skipped, as Ente itself no longer shows them.
 */
export const enteParser: FormatParser = {
  format: 'ente',
  matches(content) {
    if (content.kind !== 'text') return false;
    const first = meaningfulLines(content.text.slice(0, 4096))[0];
    return first !== undefined && /^otpauth:\/\//i.test(first.text) && /[?&]codeDisplay=/.test(content.text);
  },
  isEncrypted: () => false,
  parse(content) {
    return Promise.resolve(parseEnte(content.text));
  },
};

interface CodeDisplay {
  pinned: boolean;
  trashed: boolean;
  tags: string[];
  note: string;
}

function readCodeDisplay(uri: string): CodeDisplay {
  const fallback: CodeDisplay = { pinned: false, trashed: false, tags: [], note: '' };
  let raw: string | null;
  try {
    raw = new URL(uri).searchParams.get('codeDisplay');
  } catch {
    return fallback;
  }
  if (raw === null || jsonDepth(raw) > MAX_JSON_DEPTH) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // The display settings are cosmetic: a damaged one must not cost the account.
    return fallback;
  }
  if (!isRecord(value)) return fallback;
  return {
    pinned: value.pinned === true,
    trashed: value.trashed === true,
    // Not filtered here: a tag that breaks the tag rules stops the import naming it (readTags).
    tags: Array.isArray(value.tags) ? value.tags.filter((t): t is string => typeof t === 'string') : [],
    note: typeof value.note === 'string' ? value.note.slice(0, 4096) : '',
  };
}

function parseEnte(text: string): ParsedImport {
  const lines = meaningfulLines(text);
  assertEntryCount(lines.length);
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  for (const { line, text: uri } of lines) {
    if (!/^otpauth:\/\//i.test(uri)) {
      throw new ImportError('invalid-entry', `Line ${line} is not an otpauth:// link. Export again from Ente Auth.`, { entry: lineEntry(line) });
    }
    const built = draftFromUri(uri, lineEntry(line));
    if (!built.ok) {
      skipped.push({ entry: lineEntry(line), reason: built.reason });
      continue;
    }
    const display = readCodeDisplay(uri);
    const entry = lineEntry(line, built.draft);
    if (display.trashed) {
      skipped.push({ entry, reason: 'This account is in Ente Auth\'s trash. Restore it in Ente and export again to import it.' });
      continue;
    }
    accounts.push({ ...built.draft, favourite: display.pinned, tags: readTags(display.tags, entry), note: display.note });
  }
  return { accounts, skipped };
}
