import { z } from 'zod';
import { otpWithoutSecret, sameSecret } from './secret-bytes';

/**
 * The account model shared by every process. An account is an issuer, a name and the OTP
 * parameters; the vault adds identity, order, tags and favourite on top.
 *
 * Key material: `OtpParams.secret` is the shared secret. Only the main process (vault, codes,
 * import/export) and the CLI ever hold an `OtpParams`; the renderer works with `AccountView`.
 */

export const OTP_TYPES = ['totp', 'hotp', 'steam'] as const;
export const OtpTypeSchema = z.enum(OTP_TYPES);
export type OtpType = z.infer<typeof OtpTypeSchema>;

export const HASH_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export const HashAlgorithmSchema = z.enum(HASH_ALGORITHMS);
export type HashAlgorithm = z.infer<typeof HashAlgorithmSchema>;

/** Base32 (RFC 4648 §6) alphabet, canonical form: upper case, no padding, no spaces. */
export const CanonicalBase32Schema = z
  .string()
  .min(1)
  .regex(/^[A-Z2-7]+$/, 'secret must be canonical base32 (A-Z, 2-7, no padding)');

const MAX_PERIOD_SECONDS = 24 * 60 * 60;

/**
 * OTP parameters. `period` applies to totp and steam, `counter` to hotp. Steam Guard codes are
 * always 5 characters, SHA1, 30 s.
 */
export const OtpParamsSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('totp'),
    secret: CanonicalBase32Schema,
    algorithm: HashAlgorithmSchema,
    digits: z.number().int().min(6).max(8),
    period: z.number().int().min(1).max(MAX_PERIOD_SECONDS),
  }),
  z.object({
    type: z.literal('hotp'),
    secret: CanonicalBase32Schema,
    algorithm: HashAlgorithmSchema,
    digits: z.number().int().min(6).max(8),
    counter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({
    type: z.literal('steam'),
    secret: CanonicalBase32Schema,
    algorithm: z.literal('SHA1'),
    digits: z.literal(5),
    period: z.literal(30),
  }),
]);
export type OtpParams = z.infer<typeof OtpParamsSchema>;

export { MAX_LABEL_LENGTH } from './limits';
import { MAX_LABEL_LENGTH } from './limits';
import { StoredTagsSchema, TagsSchema } from './tags';
const LabelText = z.string().max(MAX_LABEL_LENGTH);

/** What a parser, importer or the add form produces: an account not yet in the vault. */
export const AccountDraftSchema = z.object({
  issuer: LabelText,
  name: LabelText,
  otp: OtpParamsSchema,
  /** Ordered, trimmed, de-duplicated; every rule in tags.ts (issue #14 replaced the single group). */
  tags: TagsSchema.default([]),
  favourite: z.boolean().default(false),
  note: z.string().max(4096).default(''),
});
export type AccountDraft = z.infer<typeof AccountDraftSchema>;
export type AccountDraftInput = z.input<typeof AccountDraftSchema>;

/** Largest custom account image accepted from the user, before it is decoded. */
export const MAX_ICON_FILE_BYTES = 5 * 1024 * 1024;
/** Side of the square PNG a custom image is stored as. */
export const ACCOUNT_ICON_SIZE = 64;
/**
 * A custom account image: a 64×64 PNG, base64, made in main from a file the user chose (decoded,
 * checked and re-encoded there, so nothing else of the original file is kept). 64×64 RGBA PNG
 * is at most ~16 KB; the cap leaves room and bounds what a damaged vault could claim.
 */
export const AccountIconSchema = z
  .string()
  .max(48_000)
  .regex(/^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/, 'icon must be a base64 PNG');

/** An account as stored in the vault. The array order in the vault is the display order. */
export const AccountSchema = AccountDraftSchema.extend({
  /** Read back as stored (see StoredTagsSchema): a tag from an older vault is shown, not refused. */
  tags: StoredTagsSchema,
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  icon: AccountIconSchema.optional(),
});
export type Account = z.infer<typeof AccountSchema>;

/** The OTP parameters without the secret: what may cross into the renderer. */
export const OtpParamsViewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('totp'), algorithm: HashAlgorithmSchema, digits: z.number().int(), period: z.number().int() }),
  z.object({ type: z.literal('hotp'), algorithm: HashAlgorithmSchema, digits: z.number().int(), counter: z.number().int() }),
  z.object({ type: z.literal('steam'), algorithm: z.literal('SHA1'), digits: z.literal(5), period: z.literal(30) }),
]);
export type OtpParamsView = z.infer<typeof OtpParamsViewSchema>;

/** An account as the renderer sees it: everything but the secret. */
export const AccountViewSchema = AccountSchema.omit({ otp: true }).extend({
  otp: OtpParamsViewSchema,
  /** Times its code was copied (window or tray), for the "most used" order. */
  useCount: z.number().int().nonnegative().optional(),
  /** Unix milliseconds of the last copy, for the "recently used" order. */
  lastUsedAt: z.number().nonnegative().optional(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/**
 * Strip the secret. Every path that sends an account to the renderer goes through here. The
 * secret is never read (no string of a vault-held secret is made; see secret-bytes.ts).
 */
export function toAccountView(account: Account): AccountView {
  const { otp, ...rest } = account;
  return { ...rest, otp: otpWithoutSecret(otp) };
}

/** Two accounts are duplicates when they share the secret, type and issuer/name (case-insensitive). */
export function isSameAccount(a: Pick<AccountDraft, 'issuer' | 'name' | 'otp'>, b: Pick<AccountDraft, 'issuer' | 'name' | 'otp'>): boolean {
  return (
    a.otp.type === b.otp.type &&
    sameSecret(a.otp, b.otp) &&
    a.issuer.toLowerCase() === b.issuer.toLowerCase() &&
    a.name.toLowerCase() === b.name.toLowerCase()
  );
}
