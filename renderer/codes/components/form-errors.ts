import type { AppError } from '../../../shared/result';

/**
 * Puts an error from main under the form field it names. Errors for a field the form does not
 * have (or with no field) go under `fallback`, so no message is ever lost.
 */
export function errorsByField<F extends string>(error: AppError, fields: readonly F[], fallback: F, aliases: Partial<Record<string, F>> = {}): Partial<Record<F, string>> {
  const raw = error.field ?? '';
  const named = (aliases[raw] ?? raw) as F;
  return { [fields.includes(named) ? named : fallback]: error.message } as Partial<Record<F, string>>;
}
