import { ImportError } from './import-errors';

/**
 * Input limits, checked before any parsing. A real export of even a few thousand accounts is a
 * few megabytes at most (a 1,000-account encrypted Aegis file is ~0.3 MB), so anything above
 * these limits is not an authenticator export, and refusing it early keeps a hostile or mistaken
 * file from exhausting memory or the stack.
 */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
/** Aegis, 2FAS and Bitwarden files nest 5 levels deep; 64 leaves room for any future field. */
export const MAX_JSON_DEPTH = 64;
export const MAX_IMPORT_ENTRIES = 10_000;

export function assertSize(byteLength: number): void {
  if (byteLength > MAX_IMPORT_BYTES) {
    throw new ImportError(
      'too-large',
      `The file is too large to be an authenticator export (${formatMiB(byteLength)}, at most ${formatMiB(MAX_IMPORT_BYTES)}). Choose the export file itself, not an archive or a disk image.`,
    );
  }
}

export function assertEntryCount(count: number): void {
  if (count > MAX_IMPORT_ENTRIES) {
    throw new ImportError('too-large', `The file lists ${count} accounts; at most ${MAX_IMPORT_ENTRIES} can be imported at once. Split the export into smaller files.`);
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Deepest nesting of arrays and objects in JSON text, counted without parsing (strings skipped,
 * escapes honoured). JSON.parse itself is recursive and overflows the stack on a few hundred
 * thousand "[" (RangeError), so the depth is measured first and the error made clear.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return max;
}

/** JSON.parse with the depth limit up front; a syntax error becomes 'file-damaged'. */
export function parseJsonSafely(text: string, what: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new ImportError(
      'too-deeply-nested',
      `The ${what} is nested more than ${MAX_JSON_DEPTH} levels deep, which no authenticator export is: it is damaged or not an export.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ImportError('too-deeply-nested', `The ${what} is too deeply nested to read: it is damaged or not an export.`);
    }
    throw new ImportError('file-damaged', `The ${what} is not valid JSON (it may be truncated or damaged): export it again from the original app.`);
  }
}
