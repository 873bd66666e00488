import type { AppError } from '../../../shared/result';

/**
 * Turns whatever a handler threw into an error the renderer may see.
 *
 * Domain errors (VaultError, OtpUriError, ImportError, and any later area's error class) carry a
 * stable lowercase kebab-case `code` and a message written for people: they pass through with
 * their `field`. Everything else (Node's `ENOENT` with a file path, a TypeError, a failed result
 * schema) is a bug or an environment failure: the renderer gets a generic 'internal' error and
 * the details stay in the main process log. No stack trace ever crosses the boundary.
 */
const DOMAIN_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export const INTERNAL_ERROR: AppError = {
  code: 'internal',
  message: 'Something went wrong inside Twofold. Nothing was changed; try again, and restart Twofold if it keeps happening.',
};

export function isDomainError(error: unknown): error is Error & { code: string; field?: unknown } {
  return (
    error instanceof Error &&
    typeof (error as unknown as { code?: unknown }).code === 'string' &&
    DOMAIN_CODE.test((error as unknown as { code: string }).code) &&
    typeof error.message === 'string' &&
    error.message.length > 0
  );
}

export function toAppError(error: unknown): AppError | null {
  if (!isDomainError(error)) return null;
  const field = error.field;
  return typeof field === 'string' && field.length > 0
    ? { code: error.code, message: error.message, field }
    : { code: error.code, message: error.message };
}
