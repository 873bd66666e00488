import { DomainError } from '../domain-error';

/**
 * Why a scan produced nothing to add. Stable codes for the UI, the IPC layer and the CLI;
 * messages say what went wrong and what to do next.
 */
export const SCAN_ERROR_CODES = [
  'empty-file',
  'unsupported-image',
  'unreadable-image',
  'image-too-large',
  'file-not-found',
  'file-unreadable',
  'no-clipboard-content',
  'capture-failed',
  'capture-permission-denied',
  'decoder-failed',
  'nothing-pending',
  'vault-locked',
] as const;
export type ScanErrorCode = (typeof SCAN_ERROR_CODES)[number];

export class ScanError extends DomainError<ScanErrorCode> {
  override readonly name = 'ScanError';
}

export function isScanError(value: unknown): value is ScanError {
  return value instanceof ScanError;
}
