import { z } from 'zod';
import type { ChannelMap } from './channel-types';

export const ShortcutOutcomeSchema = z.object({
  /** The combination bound now (the previous one stays when the new one was refused). */
  active: z.string().nullable(),
  /** Why the requested combination was refused: not a valid accelerator, or owned by another app. */
  problem: z.object({ code: z.enum(['invalid-accelerator', 'shortcut-taken']), message: z.string() }).nullable(),
});
export type ShortcutOutcome = z.infer<typeof ShortcutOutcomeSchema>;

/** Desktop integration the window controls (nothing secret crosses here). */
export const desktopChannels = {
  /**
   * Binds the global shortcut that shows the codes window (null removes it) and saves it in the
   * settings only when the OS accepted it; a conflict is answered, not thrown, so the window can
   * explain it beside the recorder.
   */
  'desktop:set-global-shortcut': { args: z.tuple([z.string().max(100).nullable().describe('accelerator')]), result: ShortcutOutcomeSchema },
} as const satisfies ChannelMap;
