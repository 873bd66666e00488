import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { statementCache, type Sql } from '../storage/statement-cache';
import { Secret, TOTP } from 'otpauth';
import { THROTTLE_RULES, TOTP_RULES, type ProblemCode } from '../../shared/admin-api';
import type { SecretBox } from '../crypto/secret-box';
import type { AuditActor, AuditLog } from './audit-log';
import type { UserRow } from './user-repo';

/** Where a code was entered; recorded in the audit log. */
export type EntryPoint = 'login' | 'enrollment-confirm' | 'login-enrollment' | 'disable' | 'policy-change' | 'step-up' | 'recovery-codes';

export type VerifyOutcome =
  | { ok: true; step: number }
  | { ok: false; code: Extract<ProblemCode, FailureCode | 'too-many-attempts'>; lockedUntil: number | null };

/** A wrong TOTP code, a replayed one, or a wrong or used recovery code: each counts toward the same throttle. */
export type FailureCode = Extract<ProblemCode, 'mfa-code-invalid' | 'mfa-code-replayed' | 'recovery-code-invalid' | 'recovery-code-used'>;

export const secretContext = (userId: string): string => `twofold:totp-secret:${userId}`;

/** 20 CSPRNG bytes (RFC 4226 §4 R6 recommends 160 bits). Key material. */
export function newTotpSecret(): Buffer {
  return randomBytes(TOTP_RULES.secretBytes);
}

export function totpFor(secret: Uint8Array, issuer: string, username: string): TOTP {
  return new TOTP({
    issuer,
    label: username,
    issuerInLabel: true,
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
    algorithm: TOTP_RULES.algorithm,
    digits: TOTP_RULES.digits,
    period: TOTP_RULES.periodSeconds,
  });
}

/**
 * Verifies a TOTP code for a user, with replay protection and throttling, as one unit that the
 * caller runs inside its own transaction (and commits even when the code is wrong, so failures
 * count). Never throws for a wrong code: callers turn the outcome into a problem after commit.
 *
 * - RFC 6238 §5.2: ±1 step of skew, and each time step is accepted at most once per user across
 *   every entry point: `UPDATE … WHERE totp_last_step < step` is a compare-and-set, and a code of
 *   an older step than the last accepted one is refused too.
 * - NIST SP 800-63B §5.2.2: 5 consecutive failures lock for 15 minutes; 100 lock until an admin
 *   reset. A replayed code counts as a failure.
 *
 * Key material: decrypts the secret (enrolled, or the pending one when `source` is 'pending').
 */
export class TotpVerifier {
  private readonly sql: Sql;

  constructor(
    db: Database,
    private readonly box: SecretBox,
    private readonly audit: AuditLog,
  ) {
    this.sql = statementCache(db);
  }

  lockOutcome(user: UserRow, now: number): VerifyOutcome | null {
    if (user.totp_locked_permanently === 1) return { ok: false, code: 'too-many-attempts', lockedUntil: null };
    if (user.totp_locked_until !== null && user.totp_locked_until > now) {
      return { ok: false, code: 'too-many-attempts', lockedUntil: user.totp_locked_until };
    }
    return null;
  }

  verify(user: UserRow, sealed: Buffer, code: string, now: number, entryPoint: EntryPoint, actor: AuditActor): VerifyOutcome {
    const subject = { id: user.id, username: user.username };
    const locked = this.lockOutcome(user, now);
    if (locked) {
      this.audit.append(now, 'mfa-verify-failed', actor, subject, { entryPoint, reason: 'locked' });
      return locked;
    }
    const secret = this.box.open(sealed, secretContext(user.id));
    // The static form: no TOTP instance (issuer, label) is needed just to check a code.
    const delta = TOTP.validate({
      token: code,
      secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
      algorithm: TOTP_RULES.algorithm,
      digits: TOTP_RULES.digits,
      period: TOTP_RULES.periodSeconds,
      timestamp: now,
      window: TOTP_RULES.window,
    });
    secret.fill(0);
    if (delta !== null) {
      const step = Math.floor(now / 1000 / TOTP_RULES.periodSeconds) + delta;
      const accepted = this.sql(
          `UPDATE users SET totp_last_step = @step, totp_last_used_at = @now, totp_failures = 0, totp_locked_until = NULL
           WHERE id = @id AND (totp_last_step IS NULL OR totp_last_step < @step)`,
        )
        .run({ id: user.id, step, now }).changes === 1;
      if (accepted) {
        this.audit.append(now, 'mfa-verify-succeeded', actor, subject, { entryPoint });
        return { ok: true, step };
      }
      this.audit.append(now, 'mfa-replay-rejected', actor, subject, { entryPoint });
      return this.recordFailure(user.id, now, 'mfa-code-replayed', entryPoint, actor, subject);
    }
    this.audit.append(now, 'mfa-verify-failed', actor, subject, { entryPoint, reason: 'wrong-code' });
    return this.recordFailure(user.id, now, 'mfa-code-invalid', entryPoint, actor, subject);
  }

  /** Counts one failed attempt (TOTP or recovery code) and locks at 5 / 100; inside the caller's transaction. */
  recordFailure(
    userId: string,
    now: number,
    code: FailureCode,
    entryPoint: EntryPoint,
    actor: AuditActor,
    subject: { id: string; username: string },
  ): VerifyOutcome {
    const { totp_failures: failures } = this.sql('UPDATE users SET totp_failures = totp_failures + 1 WHERE id = ? RETURNING totp_failures')
      .get(userId) as { totp_failures: number };
    if (failures >= THROTTLE_RULES.permanentLockAfter) {
      this.sql('UPDATE users SET totp_locked_permanently = 1, totp_locked_until = NULL WHERE id = ?').run(userId);
      this.audit.append(now, 'mfa-locked', actor, subject, { entryPoint, failures, until: 'admin-reset' });
      return { ok: false, code: 'too-many-attempts', lockedUntil: null };
    }
    if (failures % THROTTLE_RULES.shortLockAfter === 0) {
      const until = now + THROTTLE_RULES.shortLockMinutes * 60_000;
      this.sql('UPDATE users SET totp_locked_until = ? WHERE id = ?').run(until, userId);
      this.audit.append(now, 'mfa-locked', actor, subject, { entryPoint, failures, until: new Date(until).toISOString() });
      return { ok: false, code: 'too-many-attempts', lockedUntil: until };
    }
    return { ok: false, code, lockedUntil: null };
  }

  /** A recovery code was accepted: like a correct TOTP code, it ends the run of failures. */
  recordSuccess(userId: string): void {
    this.sql('UPDATE users SET totp_failures = 0, totp_locked_until = NULL WHERE id = ?').run(userId);
  }
}
