import type { EnrollmentConfirmResponse, EnrollmentStartResponse, MeMfaResponse, RecoveryCodesResponse } from '../../shared/admin-api';
import type { AuditActor } from '../domain/audit-log';
import type { Caller } from '../domain/credential-store';
import { ProblemError, txFail, txOk, unwrap } from '../domain/problem-error';
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

  async startEnrollment(user: UserRow, password: string): Promise<EnrollmentStartResponse> {
    await this.checkPassword(user, password);
    const { ctx } = this;
    return unwrap(
      ctx.tx(() => {
        const fresh = ctx.users.byId(user.id);
        if (!fresh) return txFail('unauthenticated', 'Your account no longer exists.');
        if (fresh.totp_secret !== null) return txFail('mfa-already-enrolled', 'MFA is already enrolled. Disable it first to enroll a new authenticator.');
        return txOk(startPendingEnrollment(ctx, fresh, actorOf(fresh), ctx.clock.now()));
      }),
    );
  }

  /**
   * A correct code also marks the calling credential as MFA-verified (it just proved possession).
   * Key material: answers the new recovery codes, this once.
   */
  async confirmEnrollment(user: UserRow, caller: Caller, code: string): Promise<EnrollmentConfirmResponse> {
    const { ctx } = this;
    const set = await ctx.recovery.newSet();
    const recoveryCodes = unwrap(
      ctx.tx(() => {
        const fresh = ctx.users.byId(user.id);
        if (!fresh) return txFail('unauthenticated', 'Your account no longer exists.');
        const r = confirmPendingEnrollment(ctx, fresh, code, set, actorOf(fresh), ctx.clock.now(), 'enrollment-confirm');
        if (r.ok) ctx.credentials.markMfaVerified(caller);
        return r;
      }),
    );
    return { enrolled: true, recoveryCodes };
  }

  /**
   * A new set of recovery codes for the password and a current TOTP code (not a recovery code:
   * someone holding only the list must not be able to renew it). The old set stops working in
   * the same transaction. Key material: answers the new codes, this once.
   */
  async regenerateRecoveryCodes(user: UserRow, password: string, code: string): Promise<RecoveryCodesResponse> {
    await this.checkPassword(user, password);
    const { ctx } = this;
    const set = await ctx.recovery.newSet();
    return unwrap(
      ctx.tx(() => {
        const now = ctx.clock.now();
        const fresh = ctx.users.byId(user.id);
        if (!fresh) return txFail('unauthenticated', 'Your account no longer exists.');
        if (fresh.totp_secret === null) return txFail('mfa-not-enrolled', 'MFA is not enrolled for your account: enroll first; recovery codes come with it.');
        const outcome = ctx.totp.verify(fresh, fresh.totp_secret, code, now, 'recovery-codes', actorOf(fresh));
        if (!outcome.ok) return verifyFailure(outcome, now);
        return txOk({ recoveryCodes: issueRecoveryCodes(ctx, fresh, set, now, actorOf(fresh), 'regenerated') });
      }),
    );
  }

  async disable(user: UserRow, password: string, factor: SecondFactor): Promise<void> {
    await this.checkPassword(user, password);
    const { ctx } = this;
    const match = 'recoveryCode' in factor ? await matchRecoveryCode(ctx, user, factor.recoveryCode) : null;
    unwrap(
      ctx.tx(() => {
        const now = ctx.clock.now();
        const fresh = ctx.users.byId(user.id);
        if (!fresh) return txFail('unauthenticated', 'Your account no longer exists.');
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
      }),
    );
  }

  /** Changes the password and revokes every session, API key and open ticket of the user. */
  async changePassword(user: UserRow, currentPassword: string, newPassword: string): Promise<void> {
    await this.checkPassword(user, currentPassword);
    const hash = await this.ctx.hasher.hash(newPassword);
    const { ctx } = this;
    unwrap(
      ctx.tx(() => {
        ctx.users.setPasswordHash(user.id, hash);
        ctx.credentials.revokeAllFor(user.id);
        ctx.audit.append(ctx.clock.now(), 'password-changed', actorOf(user), { id: user.id, username: user.username });
        return txOk(undefined);
      }),
    );
  }

  private async checkPassword(user: UserRow, password: string): Promise<void> {
    if (!(await this.ctx.hasher.verify(user.password_hash, password))) {
      throw new ProblemError('invalid-credentials', 'The password is wrong. Enter your current password.', { field: 'password' });
    }
  }
}
