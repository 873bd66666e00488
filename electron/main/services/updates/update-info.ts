import { z } from 'zod';

/**
 * The part of an electron-builder update feed (latest.yml, latest-mac.yml, latest-linux.yml,
 * written by `electron-builder --publish`) that Twofold relies on, checked as untrusted input:
 * the feed comes over the network and a hostile or broken answer must be refused, not trusted.
 *
 * ```yaml
 * version: 1.2.0
 * files:
 *   - url: Twofold-1.2.0-linux-x86_64.AppImage
 *     sha512: <base64 of the 64-byte SHA-512>
 *     size: 123456789
 * releaseDate: '2026-12-01T10:00:00.000Z'
 * ```
 * @see https://www.electron.build/auto-update (the feed files)
 */

/** base64 of exactly 64 bytes: 86 characters and "==". */
const Sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 must be the base64 of a 64-byte SHA-512 digest');

/** A file name in the release, never a path or a URL to elsewhere: the engine resolves it against the feed. */
const ReleaseFileName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'file url must be a plain file name of the release');

export const UpdateFileSchema = z.object({
  url: ReleaseFileName,
  sha512: Sha512Base64,
  /** Bytes. Up to 2 GiB: a download never grows past what the feed announced. */
  size: z.number().int().positive().max(2 ** 31).optional(),
});
export type UpdateFile = z.infer<typeof UpdateFileSchema>;

export const UpdateInfoSchema = z.object({
  /** YAML reads `version: 1.2` as a number; it is kept as text and refused as not a release version. */
  version: z.union([z.string().max(64), z.number().transform(String)]),
  files: z.array(UpdateFileSchema).min(1).max(20),
  releaseDate: z.string().max(64).optional(),
});
export type UpdateInfo = z.infer<typeof UpdateInfoSchema>;

/** Why a feed answer is not an update description, in words for the Settings dialog. */
export function describeFeedProblem(raw: unknown): string | null {
  const parsed = UpdateInfoSchema.safeParse(raw);
  if (parsed.success) return null;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 'it is not an update description';
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid'}`;
}
