import { z } from 'zod';
import type { ChannelMap, EventMap } from './channel-types';

/**
 * Automatic updates (electron-updater, GitHub releases). The renderer only reads the status and
 * may ask for a check; it cannot name a feed, a version or a file, and cannot start an install:
 * the restart question is a native dialog of the main process. Turning updates off is the
 * `autoUpdate` setting (settings:set).
 */

export const UPDATE_STATES = ['off', 'idle', 'checking', 'up-to-date', 'downloading', 'ready', 'failed'] as const;
/** Why updates are off: the Settings switch, or a build that cannot replace itself. */
export const UPDATE_OFF_REASONS = ['setting', 'portable', 'not-writable', 'not-installed'] as const;

export const UpdateStatusSchema = z.object({
  state: z.enum(UPDATE_STATES),
  offReason: z.enum(UPDATE_OFF_REASONS).nullable(),
  /** One sentence for the Settings dialog: what happened and what happens next. */
  message: z.string().max(500),
  currentVersion: z.string().max(64),
  /** The newer release being downloaded or ready to install. */
  availableVersion: z.string().max(64).nullable(),
  /** ISO 8601 time of the last check that reached a conclusion. */
  lastCheckedAt: z.string().max(64).nullable(),
});
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

export const updatesChannels = {
  'updates:status': { args: z.tuple([]), result: UpdateStatusSchema },
  /** "Check now". Answers at once; progress arrives as 'updates:changed'. At most one check per minute. */
  'updates:check': { args: z.tuple([]), result: UpdateStatusSchema },
} as const satisfies ChannelMap;

export const updatesEvents = {
  'updates:changed': UpdateStatusSchema,
} as const satisfies EventMap;
