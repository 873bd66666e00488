import { z } from 'zod';

/**
 * A code as the renderer sees it: computed in the main process from the secret, which never
 * leaves it. For totp/steam, `nextCode` is the code of the following period (the window shows it
 * in the last 5 seconds); for hotp, `counter` is the counter the code belongs to.
 */
export const CodeViewSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.enum(['totp', 'steam']),
    code: z.string(),
    nextCode: z.string(),
    period: z.number().int().positive(),
    /** Seconds until `code` expires, from the instant the codes were computed (fractional). */
    secondsLeft: z.number().nonnegative(),
    /** Start of the current period, in Unix milliseconds. */
    periodStart: z.number(),
  }),
  z.object({
    id: z.string(),
    type: z.literal('hotp'),
    code: z.string(),
    counter: z.number().int().nonnegative(),
  }),
]);
export type CodeView = z.infer<typeof CodeViewSchema>;
