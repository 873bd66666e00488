import type { AuditActor } from '../domain/audit-log';
import type { IssuedSet, RecoveryMatch } from '../domain/recovery-codes';
import type { EntryPoint, VerifyOutcome } from '../domain/totp-verifier';
import type { UserRow } from '../domain/user-repo';
import type { ServiceContext } from './context';

export type RecoveryOutcome = { ok: true; remaining: number } | Exclude<VerifyOutcome, { ok: true }>;

/**
 * The slow half of checking a recovery code, before the transaction: the Argon2 comparisons.
 * A locked user gets none (the transaction refuses anyway), so a locked account costs no hashing.
 */
export async function matchRecoveryCode(ctx: ServiceContext, user: UserRow, canonical: string): Promise<RecoveryMatch> {
  if (ctx.totp.lockOutcome(user, ctx.clock.now())) return null;
  return ctx.recovery.match(user.id, canonical);
}

/**
 * The transactional half: the same lock as TOTP codes (NIST SP 800-63B §5.2.2: 5 failures → 15
 * minutes, 100 → admin reset), then spends the matched code once. A wrong code, a used one, one
 * of another user or of a voided set all count as a failure. Audited with the number remaining.
 */
export function useRecoveryCode(ctx: ServiceContext, user: UserRow, match: RecoveryMatch, now: number, entryPoint: EntryPoint, actor: AuditActor): RecoveryOutcome {
  const subject = { id: user.id, username: user.username };
  const locked = ctx.totp.lockOutcome(user, now);
  if (locked && !locked.ok) {
    ctx.audit.append(now, 'mfa-verify-failed', actor, subject, { entryPoint, reason: 'locked', factor: 'recovery-code' });
    return locked;
  }
  if (match && !match.used && ctx.recovery.spend(user.id, match.id, now)) {
    ctx.totp.recordSuccess(user.id);
    const remaining = ctx.recovery.remaining(user.id);
    ctx.audit.append(now, 'mfa-recovery-code-used', actor, subject, { entryPoint, remaining });
    return { ok: true, remaining };
  }
  const used = match !== null;
  ctx.audit.append(now, 'mfa-verify-failed', actor, subject, { entryPoint, reason: used ? 'used-recovery-code' : 'wrong-recovery-code', factor: 'recovery-code' });
  const failed = ctx.totp.recordFailure(user.id, now, used ? 'recovery-code-used' : 'recovery-code-invalid', entryPoint, actor, subject);
  return failed.ok ? { ok: false, code: 'recovery-code-invalid', lockedUntil: null } : failed;
}

/** Stores a freshly drawn set in place of the old one and audits it. Inside the caller's transaction. */
export function issueRecoveryCodes(ctx: ServiceContext, user: UserRow, set: IssuedSet, now: number, actor: AuditActor, reason: 'enrollment' | 'regenerated'): string[] {
  ctx.recovery.replace(user.id, set, now);
  ctx.audit.append(now, 'mfa-recovery-codes-issued', actor, { id: user.id, username: user.username }, { count: set.codes.length, reason });
  return set.codes;
}
