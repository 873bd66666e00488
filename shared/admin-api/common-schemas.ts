import { z } from 'zod';

/**
 * Building blocks shared by the request and response schemas of the admin API.
 * Requests are strict objects: an unknown field is a validation error naming that field, so a
 * typo (`enforcement_mode`) never silently does nothing.
 */

export const ROLES = ['server_admin', 'member'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Grantable to members; a Server Admin holds every permission. `users:edit` implies `users:view`. */
export const PERMISSIONS = ['users:view', 'users:edit'] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

export const ENFORCEMENT_MODES = ['Disabled', 'Optional', 'Required'] as const;
export const EnforcementModeSchema = z.enum(ENFORCEMENT_MODES);
export type EnforcementMode = z.infer<typeof EnforcementModeSchema>;

export const MFA_STATUSES = ['enrolled', 'not_enrolled', 'pending', 'locked'] as const;
export const MfaStatusSchema = z.enum(MFA_STATUSES);
export type MfaStatus = z.infer<typeof MfaStatusSchema>;

export const IsoTimeSchema = z.string().describe('ISO 8601 date-time in UTC');

export const UsernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'username: 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');

/** A password being sent to sign in or to confirm an action. */
export const PasswordSchema = z.string().min(1, 'password is required').max(1024);

/** A password being set: NIST SP 800-63B §5.1.1.2 asks for at least 8 characters and allows long ones. */
export const NewPasswordSchema = z.string().min(8, 'new password: at least 8 characters').max(1024);

/** RFC 6238 with our fixed parameters: 6 digits. Spaces are not accepted; the client strips them. */
export const TotpCodeSchema = z.string().regex(/^\d{6}$/, 'code: exactly 6 digits');

export const UserIdSchema = z.string().regex(/^u_[A-Za-z0-9_-]{6,64}$/, 'user id: starts with "u_"');

export const CursorSchema = z.string().max(512);

/** Query limits arrive as strings; coerce and bound them. */
export const LimitSchema = z.coerce.number().int().min(1).max(200);
