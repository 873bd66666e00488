import { z } from 'zod';
import {
  AuditEventsQuerySchema,
  AuditEventsResponseSchema,
  MeMfaResponseSchema,
  MfaResetResponseSchema,
  MfaUnlockResponseSchema,
  PolicySchema,
  PolicyUpdateRequestSchema,
  RecoveryCodesResponseSchema,
  SessionUserSchema,
  UserSchema,
  UserIdSchema,
  UsersQuerySchema,
  UsersResponseSchema,
} from '../admin-api';
import { AdminServerProfileSchema } from '../settings';
import type { ChannelMap } from './channel-types';

/**
 * The admin window's calls. The main process holds the API keys (in the vault) and any sign-in
 * ticket; the window names a server by its profile id and never sees either.
 */
const ProfileId = z.uuid().describe('serverId');
const Code = z.string().regex(/^\d{6}$/, 'code: exactly 6 digits').describe('code');

/**
 * The code of the vault account LINKED to a server profile (issue #12.3), decided in main.
 * `linked`: `code` is the current code unless this server already took it (`used`: wait
 * `secondsLeft` for the next). `unlinked` / `changed`: nothing is filled in, `message` says why
 * (no link yet, the account is gone, another username; or the server's issuer or origin differs
 * from when the link was made). `origin` is the server the code is for, shown next to the field.
 */
export const VaultCodeSchema = z.object({
  state: z.enum(['linked', 'unlinked', 'changed']),
  origin: z.string(),
  accountLabel: z.string().nullable(),
  code: z.string().nullable(),
  secondsLeft: z.number(),
  used: z.boolean(),
  message: z.string().nullable(),
  /** When linked: how many unused recovery codes the linked account keeps for this server (never the codes). */
  recoveryCodesUnused: z.number().int().min(0).optional(),
});
export type VaultCode = z.infer<typeof VaultCodeSchema>;

/** What the user sees before linking: the server's origin and issuer, and the vault accounts that could be it. */
export const LinkChoiceSchema = z.object({
  origin: z.string(),
  issuer: z.string().nullable(),
  username: z.string(),
  linkedAccountId: z.string().nullable(),
  candidates: z.array(z.object({ accountId: z.string(), label: z.string() })),
});
export type LinkChoice = z.infer<typeof LinkChoiceSchema>;

export const RemovedServerSchema = z.object({
  /** true: the API key was revoked on the server; false: the server could not be reached; null: there was no key. */
  revoked: z.boolean().nullable(),
  /** Undo (`admin:restore-server`) is possible until then (ISO time, main's clock). */
  undoUntil: z.string(),
});
export type RemovedServer = z.infer<typeof RemovedServerSchema>;

export const AuditExportSchema = z.object({ count: z.number().int(), fileName: z.string() }).nullable();
export type AuditExport = z.infer<typeof AuditExportSchema>;

export const ServerViewSchema = AdminServerProfileSchema.extend({
  signedInAs: z.string().nullable(),
});
export type ServerView = z.infer<typeof ServerViewSchema>;

export const SignInStepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('signed-in'), user: SessionUserSchema }),
  z.object({ step: z.literal('totp'), expiresAt: z.string(), vaultCode: VaultCodeSchema }),
  z.object({ step: z.literal('enroll'), expiresAt: z.string() }),
]);
export type SignInStep = z.infer<typeof SignInStepSchema>;

export const HealthViewSchema = z.object({ version: z.string(), serverTime: z.string(), skewSeconds: z.number() });
export type HealthView = z.infer<typeof HealthViewSchema>;

export const PolicyViewSchema = z.object({ policy: PolicySchema, etag: z.string() });
export type PolicyView = z.infer<typeof PolicyViewSchema>;

/**
 * Key material: `recoveryCodes` are the server's new recovery codes after "Enroll with Twofold",
 * shown once in the window that just enrolled (the user asked for the enrollment and typed the
 * server password for it). Main keeps them only in the vault account the enrollment created
 * (`recoveryCodesSavedTo`), encrypted like its secret. Absent from a server that issues none.
 */
export const EnrolledSchema = z.object({
  accountLabel: z.string(),
  user: SessionUserSchema.nullable(),
  recoveryCodes: z.array(z.string()).optional(),
  /** The vault account the codes were also saved in (issue #13.6), null when they could not be. */
  recoveryCodesSavedTo: z.string().nullable().optional(),
});
export type Enrolled = z.infer<typeof EnrolledSchema>;

/** A sign-in with a recovery code: who, how many codes the server says remain, and the vault account whose stored code was struck. */
export const RecoverySignInSchema = z.object({ user: SessionUserSchema, recoveryCodesRemaining: z.number().int().nullable(), struckIn: z.string().nullable() });
export type RecoverySignIn = z.infer<typeof RecoverySignInSchema>;

const PolicyChange = PolicyUpdateRequestSchema.describe('change');
/** The audit filters of an export: the query without paging (main pages through every match). */
const AuditFilterSchema = z.strictObject({ type: AuditEventsQuerySchema.shape.type, userId: AuditEventsQuerySchema.shape.userId, from: AuditEventsQuerySchema.shape.from, to: AuditEventsQuerySchema.shape.to });

export const adminChannels = {
  'admin:open-window': { args: z.tuple([]), result: z.null() },
  'admin:servers': { args: z.tuple([]), result: z.array(ServerViewSchema) },
  'admin:add-server': { args: z.tuple([z.string().max(2048).describe('url'), z.string().max(100).describe('name')]), result: ServerViewSchema },
  'admin:remove-server': { args: z.tuple([ProfileId]), result: RemovedServerSchema },
  'admin:restore-server': { args: z.tuple([ProfileId]), result: ServerViewSchema },
  'admin:health': { args: z.tuple([ProfileId]), result: HealthViewSchema },
  'admin:session': { args: z.tuple([ProfileId]), result: SessionUserSchema.nullable() },
  'admin:sign-in': {
    args: z.tuple([ProfileId, z.string().min(1).max(64).describe('username'), z.string().min(1).max(1024).describe('password')]),
    result: SignInStepSchema,
  },
  'admin:submit-code': { args: z.tuple([ProfileId, Code]), result: SessionUserSchema },
  'admin:enroll-at-sign-in': { args: z.tuple([ProfileId]), result: EnrolledSchema },
  /**
   * The TOTP step with a recovery code: the one the user typed, or (null) an unused one main takes
   * from the vault account linked to this server; the window never receives a stored code.
   */
  'admin:submit-recovery-code': { args: z.tuple([ProfileId, z.string().min(1).max(64).nullable().describe('recoveryCode')]), result: RecoverySignInSchema },
  'admin:vault-code': { args: z.tuple([ProfileId]), result: VaultCodeSchema },
  'admin:link-choice': { args: z.tuple([ProfileId]), result: LinkChoiceSchema },
  'admin:link-account': { args: z.tuple([ProfileId, z.uuid().describe('accountId')]), result: VaultCodeSchema },
  'admin:sign-out': { args: z.tuple([ProfileId]), result: z.null() },
  'admin:policy': { args: z.tuple([ProfileId]), result: PolicyViewSchema },
  'admin:update-policy': { args: z.tuple([ProfileId, z.string().min(1).max(200).describe('etag'), PolicyChange]), result: PolicyViewSchema },
  'admin:users': { args: z.tuple([ProfileId, UsersQuerySchema.describe('query')]), result: UsersResponseSchema },
  // The optional code is the admin's own current code (step-up); without it main uses the vault's.
  'admin:reset-user-mfa': { args: z.tuple([ProfileId, UserIdSchema.describe('userId'), Code.nullable().optional().describe('currentCode')]), result: MfaResetResponseSchema },
  'admin:unlock-user': { args: z.tuple([ProfileId, UserIdSchema.describe('userId')]), result: MfaUnlockResponseSchema },
  // Require MFA for one user (true) or lift it (false; step-up with the linked vault code, like reset).
  'admin:require-user-mfa': { args: z.tuple([ProfileId, UserIdSchema.describe('userId'), z.boolean().describe('required')]), result: UserSchema },
  /** Key material in the result: a new set of the caller's recovery codes, shown once (server password + code re-entered). */
  'admin:regenerate-recovery-codes': {
    args: z.tuple([ProfileId, z.string().min(1).max(1024).describe('password'), Code]),
    // savedTo: the linked vault account the new set replaced the old one in; null when none is linked.
    result: RecoveryCodesResponseSchema.extend({ savedTo: z.string().nullable() }),
  },
  'admin:my-mfa': { args: z.tuple([ProfileId]), result: MeMfaResponseSchema },
  'admin:enroll-me': { args: z.tuple([ProfileId, z.string().min(1).max(1024).describe('password')]), result: EnrolledSchema },
  'admin:disable-my-mfa': { args: z.tuple([ProfileId, z.string().min(1).max(1024).describe('password'), Code]), result: z.null() },
  'admin:audit': { args: z.tuple([ProfileId, AuditEventsQuerySchema.describe('query')]), result: AuditEventsResponseSchema },
  /** main asks where to save (the save dialog) and writes the file; the window never names a path. */
  'admin:export-audit': {
    args: z.tuple([ProfileId, AuditFilterSchema.describe('filters'), z.enum(['csv', 'jsonl']).describe('format')]),
    result: AuditExportSchema,
  },
} as const satisfies ChannelMap;
