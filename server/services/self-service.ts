import type { EnrollmentConfirmResponse, EnrollmentStartResponse, MeMfaResponse, RecoveryCodesResponse } from '../../shared/admin-api';
import type { AuditActor } from '../domain/audit-log';
import type { Caller } from '../domain/credential-store';
import type { IssuedSet, RecoveryMatch } from '../domain/recovery-codes';
import { ProblemError, txFail, txOk, unwrap, type TxResult } from '../domain/problem-error';
import { assertAcceptablePassword, checkPasswordThrottled } from './password-check';
import { enrollByIso, isLocked, lockedUntilIso, type UserRow } from '../domain/user-repo';
import { verifyFailure, type ServiceContext } from './context';
import { confirmPendingEnrollment, startPendingEnrollment } from './enrollment';
import type { SecondFactor } from './auth-service';
import { issueRecoveryCodes, matchRecoveryCode, useRecoveryCode } from './recovery';

const actorOf = (user: UserRow): AuditActor => ({ id: user.id, username: user.username, via: 'api' });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The signed-in user's own MFA and password. */
export class SelfService {
  constructor(private readonly ctx: ServiceContext) {}

  mfaStatus(user: UserRow): MeMfaResponse {
    const now = this.ctx.clock.now();
    const pending = this.ctx.sql('SELECT 1 FROM pending_enrollments WHERE user_id = ? AND expires_at > ?').get(user.id, now) !== undefined;
    const mode = this.ctx.mode();
    const enrolled = user.totp_secret !== null;
    return {
      enrolled,
      enrolledAt: iso(user.totp_enrolled_at),
      pendingEnrollment: pending,
      enforcementMode: mode,
      canDisable: enrolled && mode !== 'Required' && user.mfa_required === 0,
      locked: isLocked(user, now),
      lockedUntil: lockedUntilIso(user, now),
      lastUsedAt: iso(user.totp_last_used_at),
      recoveryCodesRemaining: enrolled ? this.ctx.recovery.remaining(user.id) : null,
      required: user.mfa_required === 1,
      enrollBy: mode === 'Required' && user.role !== 'server_admin' ? enrollByIso(user) : null,
    };
  }

  async startEnrollment(user: UserRow, password: string, ip: string): Promise<EnrollmentStartResponse> {
    const { ctx } = this;
    return this.reauthenticate(user, password, ip, 'enrollment-start', (fresh, now) => {
      if (fresh.totp_secret !== null) return txFail('mfa-already-enrolled', 'MFA is already enrolled. Disable it first to enroll a new authenticator.');
      return txOk(startPendingEnrollment(ctx, fresh, actorOf(fresh), now));
    });
  }

  /**
   * A correct code also marks the calling credential as MFA-verified (it just proved possession),
   * and revokes every other session and API key of the user: those were issued without a code
   * (the user had no authenticator), and the point of enrolling is that a password alone is no
   * longer enough. Key material: answers the new recovery codes, this once.
   */
  async confirmEnrollment(user: UserRow, caller: Caller, code: string): Promise<EnrollmentConfirmResponse> {
    const { ctx } = this;
    const set = await ctx.recovery.newSet();
    const recoveryCodes = unwrap(
      ctx.tx(() => {
        const fresh = ctx.users.byId(user.id);
        if (!fresh) return txFail('unauthenticated', 'Your account no longer exists.');
        const r = confirmPendingEnrollment(ctx, fresh, code, set, actorOf(fresh), ctx.clock.now(), 'enrollment-confirm');
        if (r.ok) ctx.credentials.revokeAllBut(fresh.id, caller);
        return r;
      }),
    );
    return { enrolled: true, recoveryCodes };
  }

  /**
   * A new set of recovery codes for the password and a current TOTP code (not a recovery code:
   * someone holding only the list must not be able to renew it). The old set stops working in
   * the same transaction. The set is drawn and hashed only after the password checked out.
   * Key material: answers the new codes, this once.
   */
  async regenerateRecoveryCodes(user: UserRow, password: string, code: string, ip: string): Promise<RecoveryCodesResponse> {
    const { ctx } = this;
    let set: IssuedSet | null = null;
    const prepare = async () => {
      set = await ctx.recovery.newSet();
    };
    return this.reauthenticate(
      user,
      password,
      ip,
      'recovery-codes',
      (fresh, now) => {
        if (fresh.totp_secret === null) return txFail('mfa-not-enrolled', 'MFA is not enrolled for your account: enroll first; recovery codes come with it.');
        if (set === null) throw new Error('recovery codes were not drawn');
        const outcome = ctx.totp.verify(fresh, fresh.totp_secret, code, now, 'recovery-codes', actorOf(fresh));
        if (!outcome.ok) return verifyFailure(outcome, now);
        return txOk({ recoveryCodes: issueRecoveryCodes(ctx, fresh, set, now, actorOf(fresh), 'regenerated') });
      },
      prepare,
    );
  }

  async disable(user: UserRow, password: string, factor: SecondFactor, ip: string): Promise<void> {
    const { ctx } = this;
    let match: RecoveryMatch = null;
    const prepare =
      'recoveryCode' in factor
        ? async () => {
            match = await matchRecoveryCode(ctx, user, factor.recoveryCode);
          }
        : undefined;
    await this.reauthenticate(
      user,
      password,
      ip,
      'mfa-disable',
      (fresh, now) => {
        const subject = { id: fresh.id, username: fresh.username };
        if (fresh.totp_secret === null) return txFail('mfa-not-enrolled', 'MFA is not enrolled for your account: nothing to disable.');
        if (ctx.mode() === 'Required') {
          ctx.audit.append(now, 'change-refused', actorOf(fresh), subject, { action: 'mfa-disable', code: 'mfa-required-by-policy' });
          return txFail('mfa-required-by-policy', 'The MFA policy is Required: you cannot disable MFA. Ask an administrator to change the policy or reset your MFA.');
        }
        if (fresh.mfa_required === 1) {
          ctx.audit.append(now, 'change-refused', actorOf(fresh), subject, { action: 'mfa-disable', code: 'mfa-required-by-policy', requiredFor: 'user' });
          return txFail('mfa-required-by-policy', 'An administrator requires MFA for your account: you cannot disable it. Ask them to lift the requirement or reset your MFA.');
        }
        const outcome =
          'recoveryCode' in factor
            ? useRecoveryCode(ctx, fresh, match, now, 'disable', actorOf(fresh))
            : ctx.totp.verify(fresh, fresh.totp_secret, factor.code, now, 'disable', actorOf(fresh));
        if (!outcome.ok) return verifyFailure(outcome, now);
        ctx.users.clearMfa(fresh.id);
        if (!ctx.invariantHolds()) throw new Error('invariant broken by self-disable');
        ctx.audit.append(now, 'mfa-disabled', actorOf(fresh), subject);
        return txOk(undefined);
      },
      prepare,
    );
  }

  /** Changes the password and revokes every session, API key and open ticket of the user. */
  async changePassword(user: UserRow, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const { ctx } = this;
    assertAcceptablePassword(newPassword, user.username, ctx.policy.get().issuer, 'newPassword');
    const checked = await this.reauthenticate(user, currentPassword, ip, 'password-change', (fresh) => txOk(fresh));
    const hash = await ctx.hasher.hash(newPassword);
    unwrap(
      ctx.tx(() => {
        // The password must not have changed while the new one was hashed (two changes racing).
        const fresh = ctx.users.byId(user.id);
        if (!fresh || fresh.password_hash !== checked.password_hash) return txFail('invalid-credentials', 'Your password changed meanwhile. Sign in again.');
        ctx.users.setPasswordHash(user.id, hash);
        ctx.credentials.revokeAllFor(user.id);
        ctx.audit.append(ctx.clock.now(), 'password-changed', actorOf(user), { id: user.id, username: user.username });
        return txOk(undefined);
      }),
    );
  }

  /** Revokes one of the caller's own sessions or API keys (GET /me/credentials names them). */
  revokeCredential(user: UserRow, id: string): void {
    const { ctx } = this;
    unwrap(
      ctx.tx(() => {
        if (!ctx.credentials.revokeOwn(user.id, id)) return txFail('not-found', `You have no session or API key with id ${id} (it may have expired or been revoked already).`);
        ctx.audit.append(ctx.clock.now(), 'credential-revoked', actorOf(user), { id: user.id, username: user.username }, { credential: id });
        return txOk(undefined);
      }),
    );
  }

  /** Re-authentication with the password, throttled and audited like a sign-in. */
  private reauthenticate<T>(
    user: UserRow,
    password: string,
    ip: string,
    entryPoint: string,
    then: (fresh: UserRow, now: number) => TxResult<T>,
    afterPassword?: () => Promise<void>,
  ): Promise<T> {
    const wrong = new ProblemError('invalid-credentials', 'The password is wrong. Enter your current password.', { field: 'password' });
    return checkPasswordThrottled(this.ctx, { username: user.username, password, ip, entryPoint, wrong, afterPassword }, (fresh, _permit, now) => {
      if (fresh.id !== user.id) return txFail('unauthenticated', 'Your account no longer exists.');
      return then(fresh, now);
    });
  }
}
