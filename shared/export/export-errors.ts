import { DomainError } from '../domain-error';

/** Errors raised while exporting; `code` is stable, `message` says what to do. */
export const EXPORT_ERROR_CODES = ['weak-password', 'nothing-to-export', 'cancelled', 'wrong-password', 'write-failed', 'account-not-found'] as const;
export type ExportErrorCode = (typeof EXPORT_ERROR_CODES)[number];

export class ExportError extends DomainError<ExportErrorCode> {
  override readonly name = 'ExportError';
}

export function isExportError(value: unknown): value is ExportError {
  return value instanceof ExportError;
}

/** Export passwords protect every secret in the file: same floor as the vault (NIST SP 800-63B §5.1.1.1). */
export const MIN_EXPORT_PASSWORD_LENGTH = 8;

export function assertExportPassword(password: string): void {
  if ([...password].length < MIN_EXPORT_PASSWORD_LENGTH) {
    throw new ExportError(
      'weak-password',
      `The export password must be at least ${MIN_EXPORT_PASSWORD_LENGTH} characters long: it is all that protects every key in the file. Choose a longer one.`,
    );
  }
}
