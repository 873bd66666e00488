import { z } from 'zod';
import { AccountViewSchema } from '../otp/account';
import type { ChannelMap } from './channel-types';

const Id = z.string().min(1).max(64);

/** A trashed account as the renderer sees it: no secret, with when it goes for good. */
export const TrashedAccountViewSchema = AccountViewSchema.extend({
  deletedAt: z.iso.datetime(),
  /** When it is deleted for good (30 days after `deletedAt`). */
  purgeAt: z.iso.datetime(),
});
export type TrashedAccountView = z.infer<typeof TrashedAccountViewSchema>;

/**
 * The trash (issue #14). `accounts:remove` moves an account here; these channels list, restore and
 * delete for good. A trashed account's secret stays in the encrypted vault and never crosses IPC;
 * it has no code (`codes:*` answer 'account-not-found' for it) and is left out of exports and backups.
 */
export const trashChannels = {
  'trash:list': { args: z.tuple([]), result: z.array(TrashedAccountViewSchema) },
  /** Puts the account back where it was (Undo in the toast, or Restore in the Trash view). */
  'trash:restore': { args: z.tuple([Id.describe('id')]), result: AccountViewSchema },
  /** Deletes one trashed account for good. */
  'trash:delete': { args: z.tuple([Id.describe('id')]), result: z.null() },
  /** Deletes every trashed account for good. */
  'trash:empty': { args: z.tuple([]), result: z.null() },
} as const satisfies ChannelMap;
