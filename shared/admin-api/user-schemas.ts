import { z } from 'zod';
import {
  CursorSchema,
  IsoTimeSchema,
  LimitSchema,
  MfaStatusSchema,
  NewPasswordSchema,
  PermissionSchema,
  RoleSchema,
  UserIdSchema,
  UsernameSchema,
} from './common-schemas';

export const UserMfaSchema = z.object({
  status: MfaStatusSchema,
  enrolledAt: IsoTimeSchema.nullable(),
  lastUsedAt: IsoTimeSchema.nullable(),
  /** Set when status is `locked`; null with status `locked` means until an admin reset. */
  lockedUntil: IsoTimeSchema.nullable(),
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
  cursor: CursorSchema.optional(),
  limit: LimitSchema.optional(),
});
export type UsersQuery = z.infer<typeof UsersQuerySchema>;

export const UsersSummarySchema = z.object({
  total: z.number().int(),
  enrolled: z.number().int(),
  serverAdminsEnrolled: z.number().int(),
});
export type UsersSummary = z.infer<typeof UsersSummarySchema>;

export const UsersResponseSchema = z.object({
  items: z.array(UserSchema),
  nextCursor: z.string().nullable(),
  /** Over every user, not only the filtered page. */
  summary: UsersSummarySchema,
  /** How many users match `status` and `q` over all pages (for "page 2 of 7"); absent from older servers. */
  matched: z.number().int().optional(),
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
