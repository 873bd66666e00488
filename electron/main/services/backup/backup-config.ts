import { z } from 'zod';

/**
 * Where and how automatic backups are written, kept as a named secret in the vault
 * (`backup:config`), never in the settings file: the settings are writable over IPC by the
 * renderer, and a compromised renderer that could point backups at its own folder under its own
 * password would walk away with every secret. Here it changes only through BackupService calls
 * that check the vault password in main first.
 *
 * Key material: `masterKey` encrypts every backup version; `slot` is that key wrapped under the
 * backup password (the vault password or a separate one), in Aegis's password-slot form.
 */
export const BACKUP_CONFIG_SECRET = 'backup:config';

export const BackupSlotSchema = z.object({
  type: z.literal(1),
  uuid: z.string(),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  key_params: z.object({ nonce: z.string().regex(/^[0-9a-f]{24}$/), tag: z.string().regex(/^[0-9a-f]{32}$/) }),
  n: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string().regex(/^[0-9a-f]{64}$/),
  repaired: z.literal(true),
  is_backup: z.literal(false),
});

export const BackupConfigSchema = z.object({
  folder: z.string().min(1).max(4096),
  protectedBy: z.enum(['vault', 'separate']),
  masterKey: z.string().regex(/^[0-9a-f]{64}$/),
  slot: BackupSlotSchema,
});
export type BackupConfig = z.infer<typeof BackupConfigSchema>;

export function parseBackupConfig(text: string | undefined): BackupConfig | null {
  if (text === undefined) return null;
  try {
    const parsed = BackupConfigSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `twofold-backup-2026-01-01T12-00-10-000Z.json`: sorts by time, names no account. */
export const VERSION_NAME = /^twofold-backup-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.json$/;

export function versionName(atMs: number): string {
  return `twofold-backup-${new Date(atMs).toISOString().replace(/[:.]/g, '-')}.json`;
}

export function versionTime(name: string): number | null {
  const match = VERSION_NAME.exec(name);
  if (!match) return null;
  const [date, time] = match[1]!.split('T') as [string, string];
  const [h, m, s, ms] = time.replace('Z', '').split('-');
  const parsed = Date.parse(`${date}T${h}:${m}:${s}.${ms}Z`);
  return Number.isFinite(parsed) ? parsed : null;
}
