import { contextWords, judgePassword } from '../../shared/password-rules';
import type { AuditActor } from '../domain/audit-log';
import type { Admission, Permit } from '../domain/password-throttle';
import { ProblemError, unwrap, type TxResult } from '../domain/problem-error';
import type { UserRow } from '../domain/user-repo';
import type { ServiceContext } from './context';

const iso = (ms: number) => new Date(ms).toISOString();

/** The refusal of a throttled password check: the same whether the password was right or wrong. */
export function throttledProblem(admission: Extract<Admission, { ok: false }>, now: number): ProblemError {
  const { retryAt } = admission;
  if (retryAt === null) {
    return new ProblemError(
      'too-many-password-attempts',
      'Password checks for this account are locked after 100 wrong passwords in a row. Ask an administrator to unlock the account.',
      { lockedUntil: null },
    );
  }
  const who = admission.limit === 'address' ? 'from your network address' : 'for this account';
  return new ProblemError(
    'too-many-password-attempts',
    `Too many wrong passwords ${who}. Try again after ${iso(retryAt)}.`,
    { lockedUntil: iso(retryAt) },
    { 'retry-after': String(Math.max(1, Math.ceil((retryAt - now) / 1000))) },
  );
}

/**
 * Checks a password under the throttle (server/domain/password-throttle.ts). On success runs
 * `then` inside the transaction that resets the counts; on failure records the failure and an
 * audit event (`login-failed`, with the entry point) in one transaction and throws.
 */
export async function checkPasswordThrottled<T>(
  ctx: ServiceContext,
  input: {
    username: string;
    password: string;
    ip: string;
    entryPoint: string;
    wrong: ProblemError;
    /** Slow work (Argon2 of recovery codes) done only after a correct password, before the transaction. */
    afterPassword?: (() => Promise<void>) | undefined;
  },
  then: (user: UserRow, permit: Permit, now: number) => TxResult<T>,
): Promise<T> {
  const admission = ctx.throttle.admit(input.username, input.ip, ctx.clock.now());
  if (!admission.ok) throw throttledProblem(admission, ctx.clock.now());
  const { permit } = admission;
  try {
    const user = ctx.users.byUsername(input.username);
    const passwordOk = user ? await ctx.hasher.verify(user.password_hash, input.password) : await ctx.hasher.verifyDummy(input.password);
    if (passwordOk && input.afterPassword) await input.afterPassword();
    return unwrap(
      ctx.tx((): TxResult<T> => {
        const now = ctx.clock.now();
        // Re-read after the await: the user may have been deleted, renamed or reset meanwhile.
        const fresh = user ? ctx.users.byId(user.id) : undefined;
        if (!fresh || !passwordOk || fresh.password_hash !== user?.password_hash) {
          const f = ctx.throttle.failed(permit, now);
          if (fresh) {
            const actor: AuditActor = { id: fresh.id, username: fresh.username, via: 'api' };
            ctx.audit.append(now, 'login-failed', actor, { id: fresh.id, username: fresh.username }, {
              reason: 'wrong-password',
              entryPoint: input.entryPoint,
              failures: f.failures,
              delayedUntil: f.delayedUntil === null ? null : iso(f.delayedUntil),
              locked: f.locked,
            });
          }
          return { ok: false, problem: input.wrong };
        }
        ctx.throttle.succeeded(permit, now);
        return then(fresh, permit, now);
      }),
    );
  } finally {
    ctx.throttle.release(permit);
  }
}

/** Refuses a password someone is about to set (400 `password-too-weak`, saying why). */
export function assertAcceptablePassword(password: string, username: string, issuer: string, field = 'password'): void {
  const verdict = judgePassword(password, contextWords(username, issuer));
  if (verdict.refusal) {
    throw new ProblemError('password-too-weak', verdict.message, {
      field,
      errors: [{ location: 'body', field, message: verdict.message }],
    });
  }
}
