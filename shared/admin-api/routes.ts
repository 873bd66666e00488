import { z } from 'zod';
import type { ProblemCode } from './problems';
import {
  AuthenticatedResponseSchema,
  ChangePasswordRequestSchema,
  EnrollmentStartResponseSchema,
  LoginEnrollmentRequestSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  LoginTotpRequestSchema,
  CredentialIdParamsSchema,
  MeResponseSchema,
  OwnCredentialsResponseSchema,
} from './auth-schemas';
import {
  AuditEventsQuerySchema,
  AuditEventsResponseSchema,
  DisableMfaRequestSchema,
  EnrollmentConfirmRequestSchema,
  EnrollmentConfirmResponseSchema,
  EnrollmentStartRequestSchema,
  HealthResponseSchema,
  MeMfaResponseSchema,
  PolicySchema,
  PolicyUpdateRequestSchema,
  RecoveryCodesResponseSchema,
  RegenerateRecoveryCodesRequestSchema,
} from './mfa-schemas';
import {
  CreateUserRequestSchema,
  LiftMfaRequirementRequestSchema,
  DeleteUserRequestSchema,
  MfaResetRequestSchema,
  MfaResetResponseSchema,
  MfaUnlockResponseSchema,
  UpdateUserRequestSchema,
  UserIdParamsSchema,
  UserSchema,
  UsersQuerySchema,
  UsersResponseSchema,
} from './user-schemas';

export const API_BASE_PATH = '/api/v1';

/**
 * Who may call a route. `user` is any signed-in user; `users:view` / `users:edit` are
 * permissions (a Server Admin holds both); `server-admin` is the role.
 */
export type RouteAccess = 'anonymous' | 'user' | 'users:view' | 'users:edit' | 'server-admin';

export interface RouteDef {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to API_BASE_PATH, with `{param}` placeholders as in OpenAPI. */
  readonly path: string;
  readonly access: RouteAccess;
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Conditional request (RFC 9110 §13.1.1): the route answers 428 without If-Match. */
  readonly requiresIfMatch?: boolean;
  readonly successStatus: 200 | 201 | 204;
  /** null for 204. */
  readonly response: z.ZodType | null;
  /** Problem codes this route documents, beyond those every route may answer. */
  readonly problems: readonly ProblemCode[];
}

/** Problems any route may answer: bad input, body size/type, and failures. */
export const COMMON_PROBLEMS = ['validation-failed', 'payload-too-large', 'unsupported-media-type', 'misdirected-request', 'internal-error'] as const satisfies readonly ProblemCode[];
const AUTHED = ['unauthenticated'] as const satisfies readonly ProblemCode[];
const TOTP = ['mfa-code-invalid', 'mfa-code-replayed', 'too-many-attempts'] as const satisfies readonly ProblemCode[];
const RECOVERY = ['recovery-code-invalid', 'recovery-code-used'] as const satisfies readonly ProblemCode[];
const CHALLENGE = ['challenge-invalid', 'challenge-expired', 'challenge-used'] as const satisfies readonly ProblemCode[];
/** Routes that check a password: throttled (PASSWORD_THROTTLE_RULES). */
const PASSWORD = ['invalid-credentials', 'too-many-password-attempts'] as const satisfies readonly ProblemCode[];
/** Routes with a step-up code (StepUpCodeSchema). */
const STEP_UP = ['mfa-code-required', 'policy-caller-not-enrolled', ...TOTP] as const satisfies readonly ProblemCode[];

const route = <const R extends RouteDef>(r: R): R => r;

export const adminRoutes = {
  health: route({ method: 'GET', path: '/health', access: 'anonymous', summary: 'Status, version, server time (clients warn about clock skew) and the policy\'s TOTP issuer', successStatus: 200, response: HealthResponseSchema, problems: [] }),
  login: route({ method: 'POST', path: '/auth/login', access: 'anonymous', summary: 'Password step of sign-in', body: LoginRequestSchema, successStatus: 200, response: LoginResponseSchema, problems: [...PASSWORD, 'forbidden'] }),
  loginTotp: route({ method: 'POST', path: '/auth/login/totp', access: 'anonymous', summary: 'TOTP step: ticket + code (or recoveryCode) gives a session cookie or an API key; completing enrollment answers the recovery codes once', body: LoginTotpRequestSchema, successStatus: 200, response: AuthenticatedResponseSchema, problems: [...CHALLENGE, ...TOTP, ...RECOVERY, 'enrollment-not-pending', 'forbidden'] }),
  loginEnrollment: route({ method: 'POST', path: '/auth/login/enrollment', access: 'anonymous', summary: 'For an enrollment ticket: start enrollment (secret shown once)', body: LoginEnrollmentRequestSchema, successStatus: 200, response: EnrollmentStartResponseSchema, problems: [...CHALLENGE, 'forbidden'] }),
  logout: route({ method: 'POST', path: '/auth/logout', access: 'user', summary: 'Revoke the calling session or API key', successStatus: 204, response: null, problems: [...AUTHED, 'forbidden'] }),
  me: route({ method: 'GET', path: '/me', access: 'user', summary: 'The signed-in user, and when the credential of this request stops working', successStatus: 200, response: MeResponseSchema, problems: [...AUTHED] }),
  meCredentials: route({ method: 'GET', path: '/me/credentials', access: 'user', summary: 'Your sessions and API keys (never a token), newest first', successStatus: 200, response: OwnCredentialsResponseSchema, problems: [...AUTHED] }),
  revokeCredential: route({ method: 'DELETE', path: '/me/credentials/{id}', access: 'user', summary: 'Revoke one of your sessions or API keys', params: CredentialIdParamsSchema, successStatus: 204, response: null, problems: [...AUTHED, 'forbidden', 'not-found'] }),
  changePassword: route({ method: 'POST', path: '/me/password', access: 'user', summary: 'Change your password; revokes every session and API key of yours', body: ChangePasswordRequestSchema, successStatus: 204, response: null, problems: [...AUTHED, 'forbidden', ...PASSWORD, 'password-too-weak'] }),
  meMfa: route({ method: 'GET', path: '/me/mfa', access: 'user', summary: 'Your MFA state', successStatus: 200, response: MeMfaResponseSchema, problems: [...AUTHED] }),
  enrollmentStart: route({ method: 'POST', path: '/me/mfa/enrollment', access: 'user', summary: 'Start enrollment (re-enter password; secret shown once)', body: EnrollmentStartRequestSchema, successStatus: 200, response: EnrollmentStartResponseSchema, problems: [...AUTHED, 'forbidden', ...PASSWORD, 'mfa-already-enrolled'] }),
  enrollmentConfirm: route({ method: 'POST', path: '/me/mfa/enrollment/confirm', access: 'user', summary: 'Confirm enrollment with a code from the new secret; answers the 10 recovery codes once', body: EnrollmentConfirmRequestSchema, successStatus: 200, response: EnrollmentConfirmResponseSchema, problems: [...AUTHED, 'forbidden', 'enrollment-not-pending', ...TOTP] }),
  disableMfa: route({ method: 'POST', path: '/me/mfa/disable', access: 'user', summary: 'Disable your MFA (password + current code or a recovery code); refused under Required or when required for you', body: DisableMfaRequestSchema, successStatus: 204, response: null, problems: [...AUTHED, 'forbidden', ...PASSWORD, 'mfa-not-enrolled', 'mfa-required-by-policy', 'last-enrolled-server-admin', ...TOTP, ...RECOVERY] }),
  regenerateRecoveryCodes: route({ method: 'POST', path: '/me/mfa/recovery-codes', access: 'user', summary: 'A new set of 10 recovery codes (password + current TOTP code); the old set stops working', body: RegenerateRecoveryCodesRequestSchema, successStatus: 200, response: RecoveryCodesResponseSchema, problems: [...AUTHED, 'forbidden', ...PASSWORD, 'mfa-not-enrolled', ...TOTP] }),
  getPolicy: route({ method: 'GET', path: '/mfa/policy', access: 'user', summary: 'The MFA policy, with an ETag', successStatus: 200, response: PolicySchema, problems: [...AUTHED] }),
  putPolicy: route({ method: 'PUT', path: '/mfa/policy', access: 'server-admin', summary: 'Change the MFA policy (If-Match required; lockout safeguard for Required; a current code to switch to or leave Required, or to switch it off)', body: PolicyUpdateRequestSchema, requiresIfMatch: true, successStatus: 200, response: PolicySchema, problems: [...AUTHED, 'forbidden', 'precondition-required', 'precondition-failed', 'policy-caller-not-enrolled', 'mfa-code-required', 'policy-no-enrolled-server-admin', ...TOTP] }),
  listUsers: route({ method: 'GET', path: '/users', access: 'users:view', summary: 'Users with MFA status, filtered and paginated, with a summary', query: UsersQuerySchema, successStatus: 200, response: UsersResponseSchema, problems: [...AUTHED, 'forbidden'] }),
  createUser: route({ method: 'POST', path: '/users', access: 'server-admin', summary: 'Create a user with a password', body: CreateUserRequestSchema, successStatus: 201, response: UserSchema, problems: [...AUTHED, 'forbidden', 'username-taken', 'password-too-weak'] }),
  getUser: route({ method: 'GET', path: '/users/{id}', access: 'users:view', summary: 'One user with MFA status', params: UserIdParamsSchema, successStatus: 200, response: UserSchema, problems: [...AUTHED, 'forbidden', 'not-found'] }),
  updateUser: route({ method: 'PATCH', path: '/users/{id}', access: 'server-admin', summary: "Change a user's role or granted permissions (demoting a Server Admin needs your current code)", params: UserIdParamsSchema, body: UpdateUserRequestSchema, successStatus: 200, response: UserSchema, problems: [...AUTHED, 'forbidden', 'not-found', 'last-server-admin', 'last-enrolled-server-admin', ...STEP_UP] }),
  deleteUser: route({ method: 'DELETE', path: '/users/{id}', access: 'server-admin', summary: 'Delete a user (not yourself; a Server Admin needs your current code)', params: UserIdParamsSchema, body: DeleteUserRequestSchema, successStatus: 204, response: null, problems: [...AUTHED, 'forbidden', 'not-found', 'cannot-delete-self', 'last-server-admin', 'last-enrolled-server-admin', ...STEP_UP] }),
  resetUserMfa: route({ method: 'POST', path: '/users/{id}/mfa/reset', access: 'users:edit', summary: "Reset a user's TOTP (also clears its lockout); removing an authenticator needs your current code", params: UserIdParamsSchema, body: MfaResetRequestSchema, successStatus: 200, response: MfaResetResponseSchema, problems: [...AUTHED, 'forbidden', 'not-found', 'cannot-reset-own-mfa', 'last-enrolled-server-admin', ...STEP_UP] }),
  unlockUserMfa: route({ method: 'POST', path: '/users/{id}/mfa/unlock', access: 'users:edit', summary: "Clear a user's TOTP lockout and password delay; the authenticator stays", params: UserIdParamsSchema, successStatus: 200, response: MfaUnlockResponseSchema, problems: [...AUTHED, 'forbidden', 'not-found'] }),
  requireUserMfa: route({ method: 'POST', path: '/users/{id}/mfa/require', access: 'users:edit', summary: 'Require enrollment for this user whatever the policy (unless Disabled); no grace period', params: UserIdParamsSchema, successStatus: 200, response: UserSchema, problems: [...AUTHED, 'forbidden', 'not-found'] }),
  liftUserMfaRequirement: route({ method: 'DELETE', path: '/users/{id}/mfa/require', access: 'users:edit', summary: 'Lift the per-user requirement (the policy still applies); needs your current code', params: UserIdParamsSchema, body: LiftMfaRequirementRequestSchema, successStatus: 200, response: UserSchema, problems: [...AUTHED, 'forbidden', 'not-found', ...STEP_UP] }),
  auditEvents: route({ method: 'GET', path: '/mfa/audit-events', access: 'users:view', summary: 'Append-only MFA event log, newest first; `from` (inclusive) and `to` (exclusive) bound the event time, combined with the other filters and the cursor', query: AuditEventsQuerySchema, successStatus: 200, response: AuditEventsResponseSchema, problems: [...AUTHED, 'forbidden'] }),
} as const;

export type AdminRoutes = typeof adminRoutes;
export type RouteId = keyof AdminRoutes;
export const ROUTE_IDS = Object.keys(adminRoutes) as RouteId[];

/** Every problem a route may answer: its own plus the common ones. */
export function routeProblems(id: RouteId): ProblemCode[] {
  return [...new Set<ProblemCode>([...COMMON_PROBLEMS, ...adminRoutes[id].problems])];
}
