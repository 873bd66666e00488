import { z } from 'zod';
import { MAX_RECOVERY_CODES, MAX_RECOVERY_TEXT_LENGTH, RecoveryCodesSchema, RecoveryCodesSummarySchema } from '../otp/recovery-codes';
import type { ChannelMap } from './channel-types';
import { CopyResultSchema } from './codes-channels';

const Id = z.string().min(1).max(64);
const Index = z.number().int().min(0).max(MAX_RECOVERY_CODES - 1);
const Mode = z.enum(['replace', 'append']);

export const AddedRecoveryCodesSchema = z.object({
  count: RecoveryCodesSummarySchema,
  read: z.number().int().min(0),
  skipped: z.array(z.string()),
  /** Key material: the codes as now stored, only while the account is revealed (the window already shows them); else null. */
  codes: RecoveryCodesSchema.nullable(),
});
export type AddedRecoveryCodesView = z.infer<typeof AddedRecoveryCodesSchema>;

/**
 * An account's recovery codes (issue #13.6). The account list carries only a count
 * (`AccountView.recoveryCodeCount`); the codes cross into the renderer only as the answer of
 * `recovery:reveal`, after main checked the vault password (PasswordGate, rate-limited).
 * Copy, mark and replace act on codes the user revealed: main refuses them without a recent reveal.
 */
export const recoveryCodesChannels = {
  /** Key material in the result: the account's codes, for the vault password. */
  'recovery:reveal': { args: z.tuple([Id.describe('id'), z.string().min(1).max(1024).describe('password')]), result: RecoveryCodesSchema },
  /** The revealed view closed: main forgets the reveal. */
  'recovery:hide': { args: z.tuple([Id.describe('id')]), result: z.null() },
  /** Copies one revealed code to the clipboard in main (cleared like OTP codes). */
  'recovery:copy': { args: z.tuple([Id.describe('id'), Index.describe('index')]), result: CopyResultSchema },
  /** Marks one revealed code used or unused; answers the codes as stored. */
  'recovery:mark': { args: z.tuple([Id.describe('id'), Index.describe('index'), z.boolean().describe('used')]), result: RecoveryCodesSchema },
  /** Key material in the argument: codes the user pasted, parsed in main. */
  'recovery:add': {
    args: z.tuple([Id.describe('id'), z.string().max(MAX_RECOVERY_TEXT_LENGTH).describe('text'), Mode.describe('mode')]),
    result: AddedRecoveryCodesSchema,
  },
  /** Opens main's file dialog for a .txt file (size-capped, read and parsed in main); null when cancelled. */
  'recovery:add-file': { args: z.tuple([Id.describe('id'), Mode.describe('mode')]), result: AddedRecoveryCodesSchema.nullable() },
} as const satisfies ChannelMap;
