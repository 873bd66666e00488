import type { EnforcementMode, Role } from '../../shared/admin-api';
import type { UserRow } from '../domain/user-repo';
import type { ServiceContext } from './context';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What sign-in asks of a user who has not enrolled:
 * - `required`: enrollment now (an `mfa_enrollment_required` ticket);
 * - `grace`: under Required with a grace period, the password alone still signs in until `enrollBy`;
 * - `none`: nothing (Optional, Disabled).
 *
 * An administrator's per-user requirement applies under Optional and Required, never with a
 * grace period; Disabled turns MFA off for everyone. Server Admins never get a grace period: the
 * lockout safeguard needs them enrolled (DESIGN.md, "Lockout safeguard for Required").
 */
export type EnrollmentDemand = { kind: 'none' } | { kind: 'grace'; enrollBy: number } | { kind: 'required' };

export function enrollmentDemand(mode: EnforcementMode, user: UserRow, now: number): EnrollmentDemand {
  if (mode === 'Disabled' || user.totp_secret !== null) return { kind: 'none' };
  if (user.mfa_required === 1) return { kind: 'required' };
  if (mode !== 'Required') return { kind: 'none' };
  if (user.role !== 'server_admin' && user.enroll_by !== null && user.enroll_by > now) return { kind: 'grace', enrollBy: user.enroll_by };
  return { kind: 'required' };
}

/**
 * Whether a credential must have been obtained with a code to be accepted. A password-only
 * session of a user in the grace period stays valid until the deadline passes, then stops.
 */
export function credentialNeedsMfa(mode: EnforcementMode, user: UserRow, now: number): boolean {
  if (mode === 'Disabled') return false;
  if (mode === 'Required') return enrollmentDemand(mode, user, now).kind !== 'grace';
  return user.mfa_required === 1;
}

/** The deadline of a user created now (members only, under Required with a grace period). */
export function deadlineForNewUser(ctx: ServiceContext, role: Role, now: number): number | null {
  const policy = ctx.policy.get();
  if (ctx.mode() !== 'Required' || role === 'server_admin' || policy.gracePeriodDays === 0) return null;
  return now + policy.gracePeriodDays * DAY_MS;
}

/**
 * Applies a change of the effective mode to the deadlines, inside the policy transaction:
 * Required starting with a grace period gives every member not enrolled a deadline; leaving
 * Required ends them all. Returns how many users got a deadline.
 */
export function applyModeChangeToDeadlines(ctx: ServiceContext, from: EnforcementMode, to: EnforcementMode, gracePeriodDays: number, now: number): number {
  if (from !== 'Required' && to === 'Required') {
    ctx.users.clearGracePeriods();
    return gracePeriodDays > 0 ? ctx.users.startGracePeriod(now + gracePeriodDays * DAY_MS) : 0;
  }
  if (from === 'Required' && to !== 'Required') ctx.users.clearGracePeriods();
  return 0;
}
