import { z } from 'zod';
import type { ChannelMap, EventMap } from './channel-types';
import { ImportOutcomeSchema } from './import-channels';

/**
 * Automatic encrypted backups (issue #14 item 1). The backup folder and the backup password are
 * kept in the vault, in main; the renderer sees only their status. Choosing the folder (through
 * the native dialog in main) and choosing the password both require the vault password, checked
 * in main: otherwise a compromised renderer could set its own folder and password and read every
 * secret out of the next backup.
 */

/** Key material: passwords typed by the user, used once in main, never logged, never sent back. */
const Password = z.string().min(1).max(1024);

export const BackupStatusSchema = z.object({
  configured: z.boolean(),
  folder: z.string().nullable(),
  protectedBy: z.enum(['vault', 'separate']).nullable(),
  keep: z.number().int(),
  lastBackupAt: z.iso.datetime().nullable(),
  /** Why the last backup failed; null after a success. Shown as a banner; use is never blocked. */
  lastError: z.string().nullable(),
  passwordReminderDue: z.boolean(),
});
export type BackupStatusView = z.infer<typeof BackupStatusSchema>;

export const BackupVersionSchema = z.object({
  name: z.string(),
  createdAt: z.iso.datetime(),
  accounts: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type BackupVersionView = z.infer<typeof BackupVersionSchema>;

export const BackupPasswordChoiceSchema = z.discriminatedUnion('protectedBy', [
  z.object({ protectedBy: z.literal('vault') }).strict(),
  /** Key material: the separate backup password. */
  z.object({ protectedBy: z.literal('separate'), password: Password }).strict(),
]);

export const backupChannels = {
  'backup:status': { args: z.tuple([]), result: BackupStatusSchema },
  /** Asks for the vault password's proof, then shows the folder picker in main; sets up or moves backups. */
  'backup:choose-folder': {
    args: z.tuple([Password.describe('vaultPassword')]),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('cancelled') }), z.object({ status: z.literal('saved'), backup: BackupStatusSchema })]),
  },
  /** Which password protects the backups; requires the vault password. */
  'backup:set-password': { args: z.tuple([Password.describe('vaultPassword'), BackupPasswordChoiceSchema.describe('choice')]), result: BackupStatusSchema },
  'backup:turn-off': { args: z.tuple([]), result: BackupStatusSchema },
  /** Writes a version now (also retries after a failure). */
  'backup:now': { args: z.tuple([]), result: BackupStatusSchema },
  /** The versions in the backup folder, newest first, with date and account count. */
  'backup:versions': { args: z.tuple([]), result: z.array(BackupVersionSchema) },
  /** Opens one version in the normal import preview (then `import:confirm` / `import:password`). */
  'backup:restore': {
    args: z.tuple([z.string().regex(/^twofold-backup-[0-9TZ-]+\.json$/).max(80).describe('version')]),
    result: ImportOutcomeSchema,
  },
  /** The password reminder: checks the vault password and, if right, restarts its period. */
  'backup:check-password': { args: z.tuple([Password.describe('vaultPassword')]), result: BackupStatusSchema },
} as const satisfies ChannelMap;

export const backupEvents = {
  /** The backup status changed (a version was written, a backup failed, settings changed). */
  'backup:changed': BackupStatusSchema,
} as const satisfies EventMap;
