import { z } from 'zod';

/**
 * A code as the renderer sees it: computed in the main process from the secret, which never
 * leaves it. For totp/steam, `nextCode` is the following period's code in the last 5 seconds
 * only (null before); for hotp, `counter` is the counter the code belongs to.
 */
export const CodeViewSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.enum(['totp', 'steam']),
    code: z.string(),
    /**
     * The following period's code, present only in the last `NEXT_CODE_LEAD_SECONDS` (5) of the
     * period, i.e. when `secondsLeft <= 5`, which is when the window shows it; null before that
     * (it is not computed: see `buildCodeWindow` in ./generate).
     */
    nextCode: z.string().nullable(),
    period: z.number().int().positive(),
    /** Seconds until `code` expires, from the instant the codes were computed (fractional). */
    secondsLeft: z.number().nonnegative(),
    /** Start of the current period, in Unix milliseconds. */
    periodStart: z.number(),
    /** "Hide codes" is on and this code is not revealed: `code` is '' and `nextCode` null (main sent no digit). */
    hidden: z.boolean().optional(),
  }),
  z.object({
    id: z.string(),
    type: z.literal('hotp'),
    code: z.string(),
    counter: z.number().int().nonnegative(),
    hidden: z.boolean().optional(),
  }),
]);
export type CodeView = z.infer<typeof CodeViewSchema>;
