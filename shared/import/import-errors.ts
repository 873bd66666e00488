/**
 * Errors raised while reading an import file. The `code` is stable (the UI, the IPC layer and the
 * CLI switch on it); the `message` says what is wrong and what to do. `file` names the file being
 * imported and `entry` the offending entry (for example "entry 3 (Deno: Mason)"), so a user with a
 * 500-account backup can find the one that stopped the import.
 *
 * An import that throws adds nothing: parsers collect every draft first, and the vault adds them
 * in one all-or-nothing save afterwards.
 */
export const IMPORT_ERROR_CODES = [
  'empty-file',
  'unreadable-file',
  'too-large',
  'too-deeply-nested',
  'unsupported-format',
  'unsupported-version',
  'needs-password',
  'wrong-password',
  'file-damaged',
  'invalid-entry',
  'nothing-to-import',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;
  /** The file name as the user knows it (no directory), when there is one. */
  readonly file?: string;
  /** The entry at fault, described for people ("entry 3 (Deno: Mason)"). */
  readonly entry?: string;

  constructor(code: ImportErrorCode, message: string, details: { file?: string; entry?: string } = {}) {
    super(message);
    this.code = code;
    if (details.file !== undefined) this.file = details.file;
    if (details.entry !== undefined) this.entry = details.entry;
  }

  /** The same error, with the file name put in front of the message. */
  /** The offending entry, under the name the IPC error mapping passes on (`AppError.field`). */
  get field(): string | undefined {
    return this.entry;
  }

  withFile(file: string): ImportError {
    if (this.file !== undefined) return this;
    const entry = this.entry === undefined ? {} : { entry: this.entry };
    return new ImportError(this.code, `${file}: ${this.message}`, { file, ...entry });
  }
}

export function isImportError(value: unknown): value is ImportError {
  return value instanceof ImportError;
}

/** A short, printable description of an entry for messages; never includes a secret. */
export function describeEntry(index: number, issuer?: unknown, name?: unknown): string {
  const parts = [issuer, name].filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => clip(p, 40));
  return parts.length > 0 ? `entry ${index + 1} (${parts.join(': ')})` : `entry ${index + 1}`;
}

export function clip(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
