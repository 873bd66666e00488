import { z } from 'zod';
import { CodeViewSchema } from '../otp/code-view';
import type { ChannelMap } from './channel-types';

const Id = z.string().min(1).max(64);

/** How long a revealed code stays visible while "hide codes" is on. */
export const REVEAL_SECONDS = 10;

export const CopyResultSchema = z.object({
  /** Seconds until the clipboard is cleared (only if it still holds this code); 0 = never. */
  clearsInSeconds: z.number().int().nonnegative(),
});
export type CopyResult = z.infer<typeof CopyResultSchema>;

/**
 * At most this many ids per `codes:current` call: more than a window ever shows at once (the
 * list is virtualised; four columns of compact rows on a tall screen are under 200).
 */
export const MAX_CODES_PER_CALL = 500;

/**
 * Codes are computed in main from secrets that never leave it; the renderer only shows them.
 *
 * DESIGN (secrets in memory, issue #12 item 7): a code crosses IPC as a string, so it is copied
 * into the renderer's heap, immutable, and freed only when the garbage collector gets to it; the
 * lock cannot erase it there. That is accepted because a code is not a secret that lasts: it is
 * worth one login within its period (an HOTP code until it is used). The secret it came from
 * stays in main, in buffers zeroed on lock (vault-service.ts).
 */
export const codesChannels = {
  /**
   * The current codes of the accounts named (unknown ids are left out: deleted meanwhile), in
   * vault order; without ids, of every account. The list asks only for the rows it renders, so
   * a vault of thousands costs the window a few dozen codes a second, not thousands.
   */
  'codes:current': { args: z.tuple([z.array(Id).max(MAX_CODES_PER_CALL).optional().describe('ids')]), result: z.array(CodeViewSchema) },
  /** Copies the account's current code to the clipboard in main and schedules the clear. */
  'codes:copy': { args: z.tuple([Id.describe('id')]), result: CopyResultSchema },
  /**
   * Copies the following period's code (totp/steam) when the next-code preview is on; refused
   * with 'next-code-off' when the user turned the preview off.
   */
  'codes:copy-next': { args: z.tuple([Id.describe('id')]), result: CopyResultSchema },
  /**
   * "Hide codes": shows this account's code for `REVEAL_SECONDS` (main keeps the deadline, so a
   * renderer cannot keep a code on screen longer); returns the code view with its digits.
   */
  'codes:reveal': { args: z.tuple([Id.describe('id')]), result: CodeViewSchema },
  /** HOTP: advances the counter (RFC 4226 §7.2) and returns the new code. */
  'codes:hotp-next': { args: z.tuple([Id.describe('id')]), result: CodeViewSchema },
} as const satisfies ChannelMap;
