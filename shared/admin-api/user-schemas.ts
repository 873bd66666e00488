import { z } from 'zod';
import {
  CursorSchema,
  IsoTimeSchema,
  LimitSchema,
  MfaStatusSchema,
  NewPasswordSchema,
  PermissionSchema,
  RoleSchema,
  TotpCodeSchema,
  UserIdSchema,
  UsernameSchema,
} from './common-schemas';

/** Filters of the users list by enrollment deadline (grace period under Required). */
export const ENROLLMENT_FILTERS = ['overdue', 'due-within-7-days'] as const;
export type EnrollmentFilter = (typeof ENROLLMENT_FILTERS)[number];
export const DUE_SOON_DAYS = 7;

/**
 * Step-up (issue #11): a change that weakens protection carries a current code from the caller's
 * own authenticator. Without one: 400 `mfa-code-required`; a wrong one: 403 as at sign-in; a
 * caller with no authenticator: 409 `policy-caller-not-enrolled`.
 */
export const StepUpCodeSchema = TotpCodeSchema.optional().describe('A current code from your authenticator; required when the change removes protection');

export const UserMfaSchema = z.object({
  status: MfaStatusSchema,
  enrolledAt: IsoTimeSchema.nullable(),
  lastUsedAt: IsoTimeSchema.nullable(),
  /** Set when status is `locked`; null with status `locked` means until an admin reset. */
  lockedUntil: IsoTimeSchema.nullable().describe('When the TOTP lock or the password delay ends, whichever is later; null when neither is active, or (status locked) until an admin unlocks or resets'),
  /** Under Required with a grace period, for a user not enrolled: the enrollment deadline. */
  enrollBy: IsoTimeSchema.nullable(),
  /** Enrollment required for this user by an administrator (POST /users/{id}/mfa/require). */
  required: z.boolean(),
  /** Unused recovery codes; null while not enrolled. */
  recoveryCodesRemaining: z.number().int().min(0).nullable(),
});
export type UserMfa = z.infer<typeof UserMfaSchema>;

export const UserSchema = z.object({
  id: UserIdSchema,
  username: z.string(),
  roles: z.array(RoleSchema),
  isServerAdmin: z.boolean(),
  /** Permissions granted explicitly (members); a Server Admin holds every permission anyway. */
  permissions: z.array(PermissionSchema),
  createdAt: IsoTimeSchema,
  mfa: UserMfaSchema,
});
export type User = z.infer<typeof UserSchema>;

export const UsersQuerySchema = z.strictObject({
  status: MfaStatusSchema.optional(),
  q: z.string().max(64).optional().describe('Case-insensitive substring of the username'),
  enrollment: z
    .enum(ENROLLMENT_FILTERS, { error: `enrollment: one of ${ENROLLMENT_FILTERS.join(', ')}` })
    .optional()
    .describe('overdue: not enrolled and the grace period is over; due-within-7-days: not enrolled, deadline in the next 7 days'),
  cursor: CursorSchema.optional(),
  limit: LimitSchema.optional(),
});
export type UsersQuery = z.infer<typeof UsersQuerySchema>;

export const UsersSummarySchema = z.object({
  total: z.number().int(),
  enrolled: z.number().int(),
  serverAdminsEnrolled: z.number().int(),
  /** Members (not Server Admins) not enrolled: those a grace period gives a deadline when Required starts. */
  membersNotEnrolled: z.number().int(),
});
export type UsersSummary = z.infer<typeof UsersSummarySchema>;

export const UsersResponseSchema = z.object({
  items: z.array(UserSchema),
  nextCursor: z.string().nullable(),
  /** Over every user, not only the filtered page. */
  summary: UsersSummarySchema,
  /** How many users match `status` and `q` over all pages (for "page 2 of 7"); absent from older servers. */
  matched: z.number().int().optional().describe('How many users match status and q over all pages'),
});
export type UsersResponse = z.infer<typeof UsersResponseSchema>;

export const UserIdParamsSchema = z.strictObject({ id: UserIdSchema });
export type UserIdParams = z.infer<typeof UserIdParamsSchema>;

export const CreateUserRequestSchema = z.strictObject({
  username: UsernameSchema,
  password: NewPasswordSchema,
  role: RoleSchema,
  permissions: z.array(PermissionSchema).max(2).optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** Change a user's role and/or granted permissions. At least one field. */
export const UpdateUserRequestSchema = z
  .strictObject({
    role: RoleSchema.optional(),
    permissions: z.array(PermissionSchema).max(2).optional(),
    currentCode: StepUpCodeSchema,
  })
  .refine((b) => b.role !== undefined || b.permissions !== undefined, {
    message: 'send role, permissions or both',
    path: ['role'],
  });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

export const MfaResetResponseSchema = z.object({
  userId: UserIdSchema,
  mfa: z.object({ status: z.literal('not_enrolled') }),
});
export type MfaResetResponse = z.infer<typeof MfaResetResponseSchema>;

/** POST /users/{id}/mfa/reset: the body may be omitted when the user has no authenticator to remove. */
export const MfaResetRequestSchema = z.strictObject({ currentCode: StepUpCodeSchema }).optional();
export type MfaResetRequest = z.infer<typeof MfaResetRequestSchema>;

/** DELETE /users/{id}: the body may be omitted unless the user is a Server Admin. */
export const DeleteUserRequestSchema = z.strictObject({ currentCode: StepUpCodeSchema }).optional();
export type DeleteUserRequest = z.infer<typeof DeleteUserRequestSchema>;

/** DELETE /users/{id}/mfa/require: lifting a requirement weakens protection, so it carries the caller's current code. */
export const LiftMfaRequirementRequestSchema = z.strictObject({ currentCode: StepUpCodeSchema }).optional();
export type LiftMfaRequirementRequest = z.infer<typeof LiftMfaRequirementRequestSchema>;

/** POST /users/{id}/mfa/unlock: TOTP lockout and password delay cleared; the authenticator stays. */
export const MfaUnlockResponseSchema = z.object({
  userId: UserIdSchema,
  mfa: z.object({ status: MfaStatusSchema }),
});
export type MfaUnlockResponse = z.infer<typeof MfaUnlockResponseSchema>;
