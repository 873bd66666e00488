import { fromUtf8 } from './encoding';
import { ImportError } from './import-errors';
import { IMPORT_FORMAT_LABELS, IMPORT_FORMATS, type DetectedContent, type FormatParser, type ImportFormat } from './import-types';
import { assertSize, parseJsonSafely } from './limits';
import { aegisParser } from './formats/aegis';
import { bitwardenParser } from './formats/bitwarden';
import { bitwardenCsvParser } from './formats/bitwarden-csv';
import { enteParser } from './formats/ente';
import { googleMigrationTextParser } from './formats/google-migration-text';
import { twoFasParser } from './formats/two-fas';
import { uriListParser } from './formats/uri-list';

/**
 * Reads the bytes of an import file into text or JSON and finds its format from the content, not
 * the file name (exports get renamed, and .txt/.json say little). Order matters only between the
 * text formats: Bitwarden CSV (by its header), Google-only lists, then Ente (otpauth lines with codeDisplay), then plain lists.
 */
export const PARSERS: readonly FormatParser[] = [aegisParser, twoFasParser, bitwardenParser, bitwardenCsvParser, googleMigrationTextParser, enteParser, uriListParser];

export function parserFor(format: ImportFormat): FormatParser {
  const parser = PARSERS.find((p) => p.format === format);
  if (!parser) throw new ImportError('unsupported-format', `Unknown import format "${format}".`);
  return parser;
}

export function readContent(bytes: Uint8Array): DetectedContent {
  assertSize(bytes.length);
  const decoded = fromUtf8(bytes);
  if (decoded === null) {
    throw new ImportError('unsupported-format', `This is not a text file, so it is not an export Twofold reads (${supportedList()}). Choose the exported file itself.`);
  }
  const text = decoded.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ImportError('empty-file', 'The file is empty: export your accounts again from the original app and choose that file.');
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return { kind: 'json', text, json: parseJsonSafely(text, 'file') };
  return { kind: 'text', text };
}

export function detectParser(content: DetectedContent): FormatParser {
  const parser = PARSERS.find((p) => p.matches(content));
  if (!parser) {
    throw new ImportError('unsupported-format', `Twofold does not recognise this file. It reads ${supportedList()}: export your accounts from the original app in one of these forms.`);
  }
  return parser;
}

export function supportedList(): string {
  return IMPORT_FORMATS.map((f) => IMPORT_FORMAT_LABELS[f]).join(', ');
}
