import { z } from 'zod';
import { IsoTimeSchema, NewPasswordSchema, PasswordSchema, PermissionSchema, RoleSchema, TotpCodeSchema, UserIdSchema, UsernameSchema } from './common-schemas';
import { RecoveryCodeSchema, RecoveryCodesSchema } from './recovery-codes';

/** What a successful sign-in should produce: a browser session cookie or an API key (desktop client). */
export const IssueSchema = z.enum(['session', 'apiKey']);
export type Issue = z.infer<typeof IssueSchema>;

export const LoginRequestSchema = z.strictObject({
  username: UsernameSchema,
  password: PasswordSchema,
  issue: IssueSchema,
  apiKeyName: z.string().min(1).max(100).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The signed-in user as the caller sees themselves. */
export const SessionUserSchema = z.object({
  id: UserIdSchema,
  username: z.string(),
  roles: z.array(RoleSchema),
  isServerAdmin: z.boolean(),
  permissions: z.array(PermissionSchema).describe('Effective permissions (a Server Admin holds all)'),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/**
 * Key material: `token` is the API key itself. It is returned exactly once; the server keeps
 * only its SHA-256 hash. Send it as `Authorization: Bearer <token>`.
 */
export const IssuedApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  expiresAt: IsoTimeSchema,
});
export type IssuedApiKey = z.infer<typeof IssuedApiKeySchema>;

export const AuthenticatedResponseSchema = z.object({
  result: z.literal('authenticated'),
  user: SessionUserSchema,
  apiKey: IssuedApiKeySchema.optional(),
  /** For sessions: when the cookie stops working. */
  sessionExpiresAt: IsoTimeSchema.optional(),
  /** After a sign-in that completed enrollment (enrollment ticket): the new recovery codes, shown once. */
  recoveryCodes: RecoveryCodesSchema.optional(),
  /** After a sign-in with a recovery code: how many unused codes are left. */
  recoveryCodesRemaining: z.number().int().min(0).optional(),
  /**
   * Under Required with a grace period: the password alone signed in, but enrollment is due by
   * `enrollBy`; after it, sign-in asks for enrollment (`mfa_enrollment_required`).
   */
  enrollmentDue: z.object({ enrollBy: IsoTimeSchema }).optional(),
});
export type AuthenticatedResponse = z.infer<typeof AuthenticatedResponseSchema>;

/** Key material: the ticket stands in for the password for 5 minutes, once. Never log it. */
export const ChallengeSchema = z.object({
  ticket: z.string(),
  expiresAt: IsoTimeSchema,
});

export const ChallengeResponseSchema = z.object({
  result: z.enum(['mfa_required', 'mfa_enrollment_required']),
  challenge: ChallengeSchema,
});
export type ChallengeResponse = z.infer<typeof ChallengeResponseSchema>;

export const LoginResponseSchema = z.discriminatedUnion('result', [AuthenticatedResponseSchema, ChallengeResponseSchema]);
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/**
 * Tickets, session cookies and API keys are split tokens: `<selector>.<secret>`. The selector
 * (a decimal row number, not secret) finds the row; the secret (256 random bits, base64url) is
 * checked against the SHA-256 hash stored there.
 */
export const SPLIT_TOKEN_PATTERN = /^([1-9][0-9]{0,14})\.([A-Za-z0-9_-]{43})$/;
export const TicketSchema = z.string().regex(SPLIT_TOKEN_PATTERN, 'ticket: the value from the login response');

/** `{ticket, code}` or, for an `mfa_required` ticket, `{ticket, recoveryCode}` (spaces, dashes and case ignored). */
export const LoginTotpRequestSchema = z
  .strictObject({ ticket: TicketSchema, code: TotpCodeSchema.optional(), recoveryCode: RecoveryCodeSchema.optional() })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    path: ['code'],
    message: 'send either code (6 digits from your authenticator) or recoveryCode, not both',
  });
export type LoginTotpRequest = z.infer<typeof LoginTotpRequestSchema>;

export const LoginEnrollmentRequestSchema = z.strictObject({ ticket: TicketSchema });
export type LoginEnrollmentRequest = z.infer<typeof LoginEnrollmentRequestSchema>;

/**
 * Key material: `secret` (base32) and `otpauthUri` carry the new TOTP secret. They are shown
 * once, while the enrollment is pending, and never again after it is confirmed.
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
export const EnrollmentStartResponseSchema = z.object({
  otpauthUri: z.string(),
  secret: z.string(),
  expiresAt: IsoTimeSchema,
});
export type EnrollmentStartResponse = z.infer<typeof EnrollmentStartResponseSchema>;

/**
 * `newPassword` must also pass the server's password rules (shared/password-rules.ts): not a
 * common password, not built from the username, the issuer or "twofold". A refusal is 400
 * `password-too-weak` saying why.
 */
export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: PasswordSchema,
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const CredentialKindSchema = z.enum(['session', 'apiKey']);
export type CredentialKind = z.infer<typeof CredentialKindSchema>;

/** A public credential id: `ses_<selector>` or `ak_<selector>`. Names a credential; cannot use it. */
export const CredentialIdSchema = z.string().regex(/^(ses|ak)_[1-9][0-9]{0,14}$/, 'id: a credential id from GET /me/credentials');
export const CredentialIdParamsSchema = z.strictObject({ id: CredentialIdSchema });
export type CredentialIdParams = z.infer<typeof CredentialIdParamsSchema>;

/** One of your own sessions or API keys. Never carries the token. */
export const OwnCredentialSchema = z.object({
  id: CredentialIdSchema,
  kind: CredentialKindSchema,
  /** API keys: the name given at sign-in; sessions: null. */
  name: z.string().nullable(),
  createdAt: IsoTimeSchema,
  /** Recorded at most once a minute. */
  lastUsedAt: IsoTimeSchema.nullable(),
  /** When it stops working; for sessions the earlier of the 12-hour limit and 30 idle minutes from the last use. */
  expiresAt: IsoTimeSchema,
  /** Whether it was issued (or later confirmed) with an authenticator code. */
  withCode: z.boolean(),
  /** The credential this request was made with. */
  current: z.boolean(),
});
export type OwnCredential = z.infer<typeof OwnCredentialSchema>;

export const OwnCredentialsResponseSchema = z.object({ items: z.array(OwnCredentialSchema) });
export type OwnCredentialsResponse = z.infer<typeof OwnCredentialsResponseSchema>;

/** GET /me: the user, and the credential the request was made with (when it stops working). */
export const MeResponseSchema = SessionUserSchema.extend({
  credential: z.object({
    id: CredentialIdSchema,
    kind: CredentialKindSchema,
    expiresAt: IsoTimeSchema.describe('Hard limit: API keys expire after the configured days (default 30), sessions after 12 hours'),
    idleTimeoutMinutes: z.number().int().nullable().describe('Sessions end after this many minutes without a request; null for API keys'),
  }),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;
