import { z } from 'zod';
import { CursorSchema, EnforcementModeSchema, IsoTimeSchema, LimitSchema, PasswordSchema, TotpCodeSchema, UserIdSchema } from './common-schemas';
import { RecoveryCodeSchema, RecoveryCodesSchema } from './recovery-codes';

export const MeMfaResponseSchema = z.object({
  enrolled: z.boolean(),
  enrolledAt: IsoTimeSchema.nullable(),
  pendingEnrollment: z.boolean(),
  /** The effective mode: `Disabled` when the policy is not enabled. */
  enforcementMode: EnforcementModeSchema,
  canDisable: z.boolean(),
  /** When TOTP verification is locked after wrong codes; null while it is open. */
  locked: z.boolean(),
  lockedUntil: IsoTimeSchema.nullable().describe('null with locked=true: until an admin resets MFA'),
  lastUsedAt: IsoTimeSchema.nullable(),
  /** Unused recovery codes; null while not enrolled. */
  recoveryCodesRemaining: z.number().int().min(0).nullable(),
  /** Enrollment required for this user by an administrator, whatever the policy (unless Disabled). */
  required: z.boolean(),
  /** Under Required with a grace period: the deadline to enroll; null when none applies. */
  enrollBy: IsoTimeSchema.nullable(),
});
export type MeMfaResponse = z.infer<typeof MeMfaResponseSchema>;

export const EnrollmentStartRequestSchema = z.strictObject({ password: PasswordSchema });
export type EnrollmentStartRequest = z.infer<typeof EnrollmentStartRequestSchema>;

export const EnrollmentConfirmRequestSchema = z.strictObject({ code: TotpCodeSchema });
export type EnrollmentConfirmRequest = z.infer<typeof EnrollmentConfirmRequestSchema>;

/** Key material: `recoveryCodes` are shown this once; the server keeps only salted hashes. */
export const EnrollmentConfirmResponseSchema = z.object({ enrolled: z.literal(true), recoveryCodes: RecoveryCodesSchema });
export type EnrollmentConfirmResponse = z.infer<typeof EnrollmentConfirmResponseSchema>;

/** The password and either a current TOTP code or one unused recovery code. */
export const DisableMfaRequestSchema = z
  .strictObject({ password: PasswordSchema, code: TotpCodeSchema.optional(), recoveryCode: RecoveryCodeSchema.optional() })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    path: ['code'],
    message: 'send either code (6 digits from your authenticator) or recoveryCode, not both',
  });
export type DisableMfaRequest = z.infer<typeof DisableMfaRequestSchema>;

/** A new set voids the old one: the password and a current TOTP code (a recovery code is not enough). */
export const RegenerateRecoveryCodesRequestSchema = z.strictObject({ password: PasswordSchema, code: TotpCodeSchema });
export type RegenerateRecoveryCodesRequest = z.infer<typeof RegenerateRecoveryCodesRequestSchema>;

export const RecoveryCodesResponseSchema = z.object({ recoveryCodes: RecoveryCodesSchema });
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponseSchema>;

/** Days between Required starting (or a user being created under it) and the enrollment deadline. */
export const GRACE_PERIOD_MAX_DAYS = 30;
export const GracePeriodDaysSchema = z
  .number({ error: 'a whole number of days from 0 to 30' })
  .int('a whole number of days from 0 to 30')
  .min(0, 'a whole number of days from 0 to 30')
  .max(GRACE_PERIOD_MAX_DAYS, 'a whole number of days from 0 to 30');

export const IssuerSchema = z
  .string()
  .min(1, 'issuer: 1-64 characters')
  .max(64, 'issuer: 1-64 characters')
  .refine((s) => !s.includes(':'), 'issuer: no ":" (it separates issuer and account in otpauth labels)')
  .refine((s) => s.trim() === s, 'issuer: no leading or trailing spaces');

/** The policy as stored in mfa.json and returned by GET /mfa/policy (with an ETag). */
export const PolicySchema = z.object({
  enabled: z.boolean(),
  enforcementMode: EnforcementModeSchema,
  issuer: z.string(),
  version: z.number().int().min(1),
  updatedAt: IsoTimeSchema,
  updatedBy: z.string().nullable().describe('Username of the last writer; null for the initial default'),
  /** 0 (default, also for an mfa.json written before it existed): Required applies at once. */
  gracePeriodDays: GracePeriodDaysSchema.default(0),
});
export type Policy = z.infer<typeof PolicySchema>;

/**
 * PUT /mfa/policy body; needs `If-Match`. `currentCode` is required when switching to Required,
 * and (step-up) when leaving Required or switching `enabled` off.
 */
export const PolicyUpdateRequestSchema = z.strictObject({
  enabled: z.boolean(),
  enforcementMode: EnforcementModeSchema,
  issuer: IssuerSchema,
  /** Omitted: the current value is kept. */
  gracePeriodDays: GracePeriodDaysSchema.optional(),
  currentCode: TotpCodeSchema.optional(),
});
export type PolicyUpdateRequest = z.infer<typeof PolicyUpdateRequestSchema>;

export const AUDIT_EVENT_TYPES = [
  'login-succeeded',
  'login-failed',
  'mfa-enrollment-started',
  'mfa-enrolled',
  'mfa-verify-succeeded',
  'mfa-verify-failed',
  'mfa-replay-rejected',
  'mfa-locked',
  'mfa-reset',
  'mfa-disabled',
  'policy-changed',
  'policy-change-refused',
  'change-refused',
  'user-created',
  'user-updated',
  'user-deleted',
  'password-changed',
  'mfa-unlocked',
  'credential-revoked',
  'mfa-recovery-code-used',
  'mfa-recovery-codes-issued',
  'mfa-requirement-set',
  'mfa-requirement-lifted',
] as const;
export const AuditEventTypeSchema = z.enum(AUDIT_EVENT_TYPES);
export type AuditEventType = z.infer<typeof AuditEventTypeSchema>;

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: IsoTimeSchema,
  type: AuditEventTypeSchema,
  /** Who did it: null for anonymous callers and host-side commands (see `via`). */
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  /** Whom it concerns. Usernames are copied so events stay readable after a user is deleted. */
  subjectId: z.string().nullable(),
  subjectUsername: z.string().nullable(),
  via: z.enum(['api', 'host-command']),
  /** Non-secret details: entry point, problem code, old and new policy, lock end. */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/**
 * A time bound of the audit query: an ISO 8601 date-time with a time zone (`Z` or `±hh:mm`), so
 * "midnight" means the same instant to the client and the server whatever their local zones.
 */
const AuditTimeBoundSchema = z.iso.datetime({ offset: true, error: 'use an ISO 8601 date-time with a time zone, e.g. 2026-11-23T00:00:00Z' });

export const AuditEventsQuerySchema = z
  .strictObject({
    type: AuditEventTypeSchema.optional(),
    userId: UserIdSchema.optional(),
    from: AuditTimeBoundSchema.optional().describe('Only events at or after this instant (inclusive), ISO 8601 date-time with a time zone'),
    to: AuditTimeBoundSchema.optional().describe('Only events before this instant (exclusive), ISO 8601 date-time with a time zone'),
    cursor: CursorSchema.optional(),
    limit: LimitSchema.optional(),
  })
  // An empty range (from = to) is allowed and simply has no events; a reversed one is a mistake.
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['from'],
    message: 'must not be later than "to"',
  });
export type AuditEventsQuery = z.infer<typeof AuditEventsQuerySchema>;

export const AuditEventsResponseSchema = z.object({
  items: z.array(AuditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditEventsResponse = z.infer<typeof AuditEventsResponseSchema>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  time: IsoTimeSchema,
  /**
   * The TOTP issuer of the server's policy (RFC 6238 otpauth `issuer`), public: authenticator
   * apps show it anyway. Lets a client pick the right vault account before the first sign-in.
   */
  issuer: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
