import type { EnforcementMode, Permission, Role } from './common-schemas';
import type { ProblemCode } from './problems';
import type { RouteAccess } from './routes';

/**
 * Rules of the admin API as pure functions. The server enforces them (inside its transactions);
 * the client may call them only to explain a refusal in advance, never instead of the server.
 */

export const SESSION_COOKIE = 'twofold_session';

/** TOTP parameters fixed by the server. @see RFC 6238 §4 (X = 30 s), §5.2 (one step of skew each way) */
export const TOTP_RULES = { digits: 6, periodSeconds: 30, algorithm: 'SHA1', window: 1, secretBytes: 20 } as const;

/** Throttling of TOTP verification. @see NIST SP 800-63B §5.2.2 */
export const THROTTLE_RULES = { shortLockAfter: 5, shortLockMinutes: 15, permanentLockAfter: 100 } as const;

/**
 * Throttling of password checks (sign-in and re-authentication). Per account and side (addresses
 * that signed in to it before, and all others): `delayAfter` consecutive failures are free, then
 * each failure starts a delay doubling from `firstDelaySeconds` up to `maxDelayMinutes`; after
 * `lockAfter` that side is locked until a success or an admin unlock. Per address (IPv6: per /64),
 * a token bucket of `addressCapacity` failed checks refilled at `addressRefillPerMinute`.
 * @see NIST SP 800-63B §5.2.2, OWASP ASVS 6.1.1 / 6.3.1
 */
export const PASSWORD_THROTTLE_RULES = {
  delayAfter: 5,
  firstDelaySeconds: 15,
  maxDelayMinutes: 15,
  lockAfter: 100,
  addressCapacity: 50,
  addressRefillPerMinute: 5,
} as const;

/** Sessions end after this long without a request, besides their 12-hour limit. */
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_MAX_HOURS = 12;
/** API keys expire after this many days unless the server is configured otherwise. */
export const DEFAULT_API_KEY_DAYS = 30;

export const TICKET_TTL_SECONDS = 5 * 60;

/** `enabled: false` behaves as Disabled whatever mode is stored. */
export function effectiveMode(policy: { enabled: boolean; enforcementMode: EnforcementMode }): EnforcementMode {
  return policy.enabled ? policy.enforcementMode : 'Disabled';
}

/** A Server Admin holds every permission; `users:edit` implies `users:view`. */
export function effectivePermissions(role: Role, granted: readonly Permission[]): Permission[] {
  if (role === 'server_admin') return ['users:view', 'users:edit'];
  const set = new Set(granted);
  if (set.has('users:edit')) set.add('users:view');
  return (['users:view', 'users:edit'] as const).filter((p) => set.has(p));
}

export function hasAccess(caller: { role: Role; permissions: readonly Permission[] } | null, access: RouteAccess): boolean {
  if (access === 'anonymous') return true;
  if (!caller) return false;
  if (access === 'user') return true;
  if (access === 'server-admin') return caller.role === 'server_admin';
  return effectivePermissions(caller.role, caller.permissions).includes(access);
}

/**
 * Why switching the policy to `target` would be refused, in the order the server checks,
 * or null. A current code is needed to switch to Required and (step-up) to leave it or to switch
 * MFA off. `codeSupplied` says whether the request carries a current code (its validity is
 * only known to the server).
 */
export function policyChangeBlocker(input: {
  target: EnforcementMode;
  current: EnforcementMode;
  callerEnrolled: boolean;
  codeSupplied: boolean;
  enrolledServerAdmins: number;
}): ProblemCode | null {
  if (input.target === 'Required') {
    // Same order as the server: the invariant first, then (when switching) caller and code.
    if (input.enrolledServerAdmins < 1) return 'policy-no-enrolled-server-admin';
    if (input.current !== 'Required') {
      if (!input.callerEnrolled) return 'policy-caller-not-enrolled';
      if (!input.codeSupplied) return 'mfa-code-required';
    }
    return null;
  }
  // Step-up (issue #11): leaving Required, or switching MFA off, weakens every account.
  if (policyChangeWeakens(input.current, input.target)) {
    if (!input.callerEnrolled) return 'policy-caller-not-enrolled';
    if (!input.codeSupplied) return 'mfa-code-required';
  }
  return null;
}

/** Whether a change of the effective mode removes protection: leaving Required, or switching MFA off. */
export function policyChangeWeakens(current: EnforcementMode, target: EnforcementMode): boolean {
  return (current === 'Required' && target !== 'Required') || (current !== 'Disabled' && target === 'Disabled');
}
