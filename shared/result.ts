/**
 * Replies that can fail travel as a tagged union, never as thrown strings or sentinels
 * (the Signal Desktop pattern). `code` is stable and machine-readable; `message` is for people.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E = AppError> = Ok<T> | Err<E>;

export interface AppError {
  readonly code: string;
  readonly message: string;
  /** The offending field or item, when there is one. */
  readonly field?: string;
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
