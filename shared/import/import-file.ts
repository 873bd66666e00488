import { detectParser, parserFor, readContent } from './detect-format';
import type { ImportCrypto } from './import-crypto';
import { ImportError, isImportError } from './import-errors';
import { IMPORT_FORMAT_LABELS, type ImportFormat, type ParsedImport } from './import-types';

/**
 * Reads an import file: size and depth limits, format detection (or the forced format), then the
 * format's parser. Every failure is an `ImportError` whose message starts with the file name.
 * Nothing here touches the vault: the caller previews the result and adds it all at once.
 */
export interface ImportInput {
  /** The file name as the user knows it, for messages. */
  file: string;
  bytes: Uint8Array;
  /** Key material: the export's password, for encrypted exports. */
  password?: string;
  /** Skips detection (the CLI's --format); the file must still be of that format. */
  format?: ImportFormat;
}

export interface ImportResult extends ParsedImport {
  format: ImportFormat;
  encrypted: boolean;
}

/** What the file is, without decrypting it: lets a UI ask for a password only when needed. */
export function inspectImportFile(input: Pick<ImportInput, 'file' | 'bytes' | 'format'>): { format: ImportFormat; encrypted: boolean } {
  return withFileName(input.file, () => {
    const content = readContent(input.bytes);
    const parser = choose(content, input.format);
    return { format: parser.format, encrypted: parser.isEncrypted(content) };
  });
}

export async function readImportFile(input: ImportInput, crypto: ImportCrypto): Promise<ImportResult> {
  return withFileNameAsync(input.file, async () => {
    const content = readContent(input.bytes);
    const parser = choose(content, input.format);
    const context = input.password === undefined ? { file: input.file, crypto } : { file: input.file, crypto, password: input.password };
    const parsed = await parser.parse(content, context);
    if (parsed.accounts.length === 0 && parsed.skipped.length === 0) {
      throw new ImportError('nothing-to-import', `This ${IMPORT_FORMAT_LABELS[parser.format]} holds no authenticator accounts.`);
    }
    return { format: parser.format, encrypted: parser.isEncrypted(content), ...parsed };
  });
}

function choose(content: Parameters<typeof detectParser>[0], format: ImportFormat | undefined) {
  if (format === undefined) return detectParser(content);
  const parser = parserFor(format);
  if (!parser.matches(content)) {
    throw new ImportError('unsupported-format', `This file is not a ${IMPORT_FORMAT_LABELS[format]}. Leave out the format to let Twofold detect it, or choose the right file.`);
  }
  return parser;
}

function withFileName<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw isImportError(error) ? error.withFile(file) : error;
  }
}

async function withFileNameAsync<T>(file: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw isImportError(error) ? error.withFile(file) : error;
  }
}
