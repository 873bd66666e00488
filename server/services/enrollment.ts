import type { EnrollmentStartResponse } from '../../shared/admin-api';
import type { AuditActor } from '../domain/audit-log';
import type { IssuedSet } from '../domain/recovery-codes';
import { txFail, txOk, type TxResult } from '../domain/problem-error';
import { newTotpSecret, secretContext, totpFor, type EntryPoint } from '../domain/totp-verifier';
import type { UserRow } from '../domain/user-repo';
import { verifyFailure, type ServiceContext } from './context';
import { issueRecoveryCodes } from './recovery';

export const PENDING_ENROLLMENT_TTL_MS = 10 * 60 * 1000;

/**
 * Starts (or restarts) a pending enrollment: a fresh 20-byte secret, sealed in the database.
 * Runs inside the caller's transaction.
 *
 * Key material: the returned `secret` and `otpauthUri` are the new TOTP secret. This is the
 * only time they leave the server; they are never returned again.
 */
export function startPendingEnrollment(ctx: ServiceContext, user: UserRow, actor: AuditActor, now: number): EnrollmentStartResponse {
  const secret = newTotpSecret();
  const expiresAt = now + PENDING_ENROLLMENT_TTL_MS;
  ctx.sql('INSERT OR REPLACE INTO pending_enrollments (user_id, secret, created_at, expires_at) VALUES (?, ?, ?, ?)')
    .run(user.id, ctx.box.seal(secret, secretContext(user.id)), now, expiresAt);
  const totp = totpFor(secret, ctx.policy.get().issuer, user.username);
  const response = { otpauthUri: totp.toString(), secret: totp.secret.base32, expiresAt: new Date(expiresAt).toISOString() };
  secret.fill(0);
  ctx.audit.append(now, 'mfa-enrollment-started', actor, { id: user.id, username: user.username });
  return response;
}

/**
 * Confirms the pending enrollment with a code from the new secret (one TOTP verification with
 * replay and throttling rules), then makes the secret the user's and stores `codes` (drawn and
 * hashed by the caller before its transaction) as the user's recovery codes. Inside the caller's
 * transaction. Key material: returns the recovery codes, to be shown once.
 */
export function confirmPendingEnrollment(
  ctx: ServiceContext,
  user: UserRow,
  code: string,
  codes: IssuedSet,
  actor: AuditActor,
  now: number,
  entryPoint: EntryPoint,
): TxResult<string[]> {
  if (user.totp_secret !== null) return txFail('mfa-already-enrolled', 'MFA is already enrolled for this account.');
  const pending = ctx.sql('SELECT secret, expires_at FROM pending_enrollments WHERE user_id = ?').get(user.id) as
    | { secret: Buffer; expires_at: number }
    | undefined;
  if (!pending || pending.expires_at <= now) {
    return txFail('enrollment-not-pending', pending ? 'The enrollment expired. Start it again to get a new secret.' : 'Start enrollment first, then confirm it with a code.');
  }
  const outcome = ctx.totp.verify(user, pending.secret, code, now, entryPoint, actor);
  if (!outcome.ok) return verifyFailure(outcome, now);
  ctx.sql('UPDATE users SET totp_secret = ?, totp_enrolled_at = ? WHERE id = ?').run(pending.secret, now, user.id);
  ctx.sql('DELETE FROM pending_enrollments WHERE user_id = ?').run(user.id);
  ctx.audit.append(now, 'mfa-enrolled', actor, { id: user.id, username: user.username }, { entryPoint });
  return txOk(issueRecoveryCodes(ctx, user, codes, now, actor, 'enrollment'));
}
