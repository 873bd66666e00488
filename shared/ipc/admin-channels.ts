import { z } from 'zod';
import {
  AuditEventsQuerySchema,
  AuditEventsResponseSchema,
  MeMfaResponseSchema,
  MfaResetResponseSchema,
  MfaUnlockResponseSchema,
  PolicySchema,
  PolicyUpdateRequestSchema,
  SessionUserSchema,
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

/** Where a filled-in code came from, so the user knows (the vault account's label). */
export const CodeSuggestionSchema = z.object({ code: z.string(), accountLabel: z.string(), secondsLeft: z.number() });
export type CodeSuggestion = z.infer<typeof CodeSuggestionSchema>;

export const ServerViewSchema = AdminServerProfileSchema.extend({
  signedInAs: z.string().nullable(),
});
export type ServerView = z.infer<typeof ServerViewSchema>;

export const SignInStepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('signed-in'), user: SessionUserSchema }),
  z.object({ step: z.literal('totp'), expiresAt: z.string(), suggestion: CodeSuggestionSchema.nullable() }),
  z.object({ step: z.literal('enroll'), expiresAt: z.string() }),
]);
export type SignInStep = z.infer<typeof SignInStepSchema>;

export const HealthViewSchema = z.object({ version: z.string(), serverTime: z.string(), skewSeconds: z.number() });
export type HealthView = z.infer<typeof HealthViewSchema>;

export const PolicyViewSchema = z.object({ policy: PolicySchema, etag: z.string() });
export type PolicyView = z.infer<typeof PolicyViewSchema>;

export const EnrolledSchema = z.object({ accountLabel: z.string(), user: SessionUserSchema.nullable() });
export type Enrolled = z.infer<typeof EnrolledSchema>;

const PolicyChange = PolicyUpdateRequestSchema.describe('change');

export const adminChannels = {
  'admin:open-window': { args: z.tuple([]), result: z.null() },
  'admin:servers': { args: z.tuple([]), result: z.array(ServerViewSchema) },
  'admin:add-server': { args: z.tuple([z.string().max(2048).describe('url'), z.string().max(100).describe('name')]), result: ServerViewSchema },
  'admin:remove-server': { args: z.tuple([ProfileId]), result: z.null() },
  'admin:health': { args: z.tuple([ProfileId]), result: HealthViewSchema },
  'admin:session': { args: z.tuple([ProfileId]), result: SessionUserSchema.nullable() },
  'admin:sign-in': {
    args: z.tuple([ProfileId, z.string().min(1).max(64).describe('username'), z.string().min(1).max(1024).describe('password')]),
    result: SignInStepSchema,
  },
  'admin:submit-code': { args: z.tuple([ProfileId, Code]), result: SessionUserSchema },
  'admin:enroll-at-sign-in': { args: z.tuple([ProfileId]), result: EnrolledSchema },
  'admin:suggest-code': { args: z.tuple([ProfileId, z.string().max(64).nullable().describe('username')]), result: CodeSuggestionSchema.nullable() },
  'admin:sign-out': { args: z.tuple([ProfileId]), result: z.null() },
  'admin:policy': { args: z.tuple([ProfileId]), result: PolicyViewSchema },
  'admin:update-policy': { args: z.tuple([ProfileId, z.string().min(1).max(200).describe('etag'), PolicyChange]), result: PolicyViewSchema },
  'admin:users': { args: z.tuple([ProfileId, UsersQuerySchema.describe('query')]), result: UsersResponseSchema },
  // The optional code is the admin's own current code (step-up); without it main uses the vault's.
  'admin:reset-user-mfa': { args: z.tuple([ProfileId, UserIdSchema.describe('userId'), Code.nullable().optional()]), result: MfaResetResponseSchema },
  'admin:unlock-user': { args: z.tuple([ProfileId, UserIdSchema.describe('userId')]), result: MfaUnlockResponseSchema },
  'admin:my-mfa': { args: z.tuple([ProfileId]), result: MeMfaResponseSchema },
  'admin:enroll-me': { args: z.tuple([ProfileId, z.string().min(1).max(1024).describe('password')]), result: EnrolledSchema },
  'admin:disable-my-mfa': { args: z.tuple([ProfileId, z.string().min(1).max(1024).describe('password'), Code]), result: z.null() },
  'admin:audit': { args: z.tuple([ProfileId, AuditEventsQuerySchema.describe('query')]), result: AuditEventsResponseSchema },
} as const satisfies ChannelMap;
