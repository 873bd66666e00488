import { PROBLEMS, type ProblemCode } from '../../shared/admin-api';

/** Extension members a problem may carry (RFC 9457 §3.2); never secrets. */
export interface ProblemExtras {
  field?: string;
  errors?: { location: 'body' | 'query' | 'params' | 'headers'; field: string; message: string }[];
  lockedUntil?: string | null;
  restartLogin?: boolean;
}

/** HTTP headers that go with a problem (not part of its body). */
export interface ProblemHeaders {
  'retry-after'?: string;
}

/** A refusal with a stable code, turned into application/problem+json by the HTTP layer. */
export class ProblemError extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
    readonly headers: ProblemHeaders = {},
  ) {
    super(`${code}: ${detail}`);
    this.status = PROBLEMS[code].status;
  }
}

/** A transaction's answer: commit, then either return the value or throw the problem. */
export type TxResult<T> = { ok: true; value: T } | { ok: false; problem: ProblemError };
export const txOk = <T>(value: T): TxResult<T> => ({ ok: true, value });
export const txFail = (code: ProblemCode, detail: string, extras?: ProblemExtras, headers?: ProblemHeaders): TxResult<never> => ({
  ok: false,
  problem: new ProblemError(code, detail, extras, headers),
});
export function unwrap<T>(r: TxResult<T>): T {
  if (!r.ok) throw r.problem;
  return r.value;
}
