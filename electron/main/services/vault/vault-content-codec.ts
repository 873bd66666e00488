import { z } from 'zod';
import { AccountSchema, OtpParamsSchema, type Account, type OtpParams } from '../../../../shared/otp/account';
import { decodeCanonical } from '../../../../shared/otp/base32';
import { otpHoldingSecret, otpWithoutSecret, secretCellOf, type OtpParamsWithoutSecret, type SecretCell } from '../../../../shared/otp/secret-bytes';
import { freezeAccount } from './vault-content';
import { CONTENT_VERSION, GROUP_BINARY_CONTENT_VERSION, LEGACY_CONTENT_VERSION, migrateAccount, TrashedAccountSchema, VaultContentSchema, type VaultContent } from './vault-format';
import type { SecretStore } from './secret-store';

/**
 * The decrypted content's bytes (content version 3; version 2 is the same layout with one `group`
 * per account instead of `tags`), and reading version 1 (issue #12 item 7).
 *
 *   offset 0   4 bytes   magic 00 54 46 02 ("\0TF" 2): a NUL never starts JSON text
 *                        (RFC 8259 §2), so a version-1 plaintext ("{...") is told apart
 *   offset 4   u32 BE    length M of the metadata
 *   offset 8   M bytes   UTF-8 JSON: the content with every secret replaced by { "blob": n }
 *   then       u32 BE    number of blobs B
 *   then B ×   u32 BE    length L, then L bytes: blob 0, 1, … (the secrets' raw bytes)
 *   and nothing after the last blob.
 *
 * Why: JSON.parse turns every secret into a JavaScript string, which nothing can zero. Here the
 * JSON holds no secret, and each blob is copied from the decrypted buffer into a buffer of the
 * session's SecretStore; the caller zeroes the decrypted buffer right after. Saving builds the
 * whole plaintext in one buffer the caller zeroes after encryption.
 *
 * Blobs are general: any secret field can be `{ "blob": n }` (today OTP secrets, in `accounts`
 * and `trash`). Another secret field (an account's recovery codes, a named secret) moves here by
 * giving its schema a BlobRef form in the stored schema below and holding its bytes in a cell.
 */

const MAGIC = Buffer.from([0x00, 0x54, 0x46, 0x02]);
/** Largest blob: the named secrets' cap (vault-content MAX_SECRET_VALUE); OTP secrets are far smaller. */
export const MAX_BLOB_BYTES = 64 * 1024;

const BlobRefSchema = z.strictObject({ blob: z.number().int().min(0) });
const [totpSchema, hotpSchema, steamSchema] = OtpParamsSchema.options;
const StoredOtpSchema = z.discriminatedUnion('type', [
  totpSchema.extend({ secret: BlobRefSchema }),
  hotpSchema.extend({ secret: BlobRefSchema }),
  steamSchema.extend({ secret: BlobRefSchema }),
]);
const StoredContentSchema = VaultContentSchema.extend({
  version: z.literal([GROUP_BINARY_CONTENT_VERSION, CONTENT_VERSION]),
  // A version-2 account's `group` reads as its one tag (vault-format.ts, migrateAccount).
  accounts: z.array(z.preprocess(migrateAccount, AccountSchema.extend({ otp: StoredOtpSchema }))),
  trash: z.array(z.preprocess(migrateAccount, TrashedAccountSchema.extend({ otp: StoredOtpSchema }))).default([]),
});
const LegacyContentSchema = VaultContentSchema.extend({ version: z.literal(LEGACY_CONTENT_VERSION) });

type StoredOtp = OtpParamsWithoutSecret & { secret: { blob: number } };

/**
 * The plaintext of `content`, in one buffer the caller zeroes once it is encrypted.
 * Key material out.
 */
export function encodeContent(content: VaultContent): Buffer {
  const blobs: Uint8Array[] = [];
  const decodedHere: Uint8Array[] = [];
  const store = (otp: OtpParams): StoredOtp => {
    const cell = secretCellOf(otp);
    let bytes: Uint8Array;
    if (cell) bytes = cell.bytes;
    else decodedHere.push((bytes = decodeCanonical(otp.secret)));
    blobs.push(bytes);
    return { ...otpWithoutSecret(otp), secret: { blob: blobs.length - 1 } };
  };
  try {
    const metadata = Buffer.from(
      JSON.stringify({
        ...content,
        version: CONTENT_VERSION,
        accounts: content.accounts.map((a) => ({ ...a, otp: store(a.otp) })),
        trash: content.trash.map((a) => ({ ...a, otp: store(a.otp) })),
      }),
      'utf8',
    );
    let size = MAGIC.length + 4 + metadata.length + 4;
    for (const blob of blobs) size += 4 + blob.length;
    const plain = Buffer.from(new ArrayBuffer(size)); // its own memory, off V8's heap (secretBytes)
    let at = MAGIC.copy(plain, 0);
    at = plain.writeUInt32BE(metadata.length, at);
    at += metadata.copy(plain, at);
    at = plain.writeUInt32BE(blobs.length, at);
    for (const blob of blobs) {
      at = plain.writeUInt32BE(blob.length, at);
      plain.set(blob, at);
      at += blob.length;
    }
    return plain;
  } finally {
    for (const bytes of decodedHere) bytes.fill(0);
  }
}

/**
 * The content of a decrypted plaintext (version 2, or version 1 JSON), with every OTP secret in
 * a cell of `store`; null when it does not parse or validate (the caller then wipes `store`).
 * Does not change or zero `plain`: the caller does, right after.
 */
export function decodeContent(plain: Buffer, store: SecretStore): VaultContent | null {
  try {
    return plain.subarray(0, MAGIC.length).equals(MAGIC) ? decodeBinary(plain, store) : decodeLegacy(plain, store);
  } catch {
    return null;
  }
}

function decodeBinary(plain: Buffer, store: SecretStore): VaultContent | null {
  const sections = splitSections(plain);
  if (!sections) return null;
  const parsed = StoredContentSchema.safeParse(JSON.parse(sections.metadata));
  if (!parsed.success) return null;
  const hold = (otp: StoredOtp): OtpParams | null => {
    const blob = sections.blobs[otp.secret.blob];
    return blob && blob.length > 0 ? otpHoldingSecret(otpWithoutSecret(otp), store.hold(blob)) : null;
  };
  return withHeldSecrets(parsed.data, hold as (otp: unknown) => OtpParams | null);
}

/**
 * Content version 1: the whole plaintext is JSON and every secret a base32 string. DESIGN: those
 * strings exist (JSON.parse makes them) until the garbage collector reclaims them; the next save
 * writes version 2, after which no unlock makes them again.
 */
function decodeLegacy(plain: Buffer, store: SecretStore): VaultContent | null {
  const parsed = LegacyContentSchema.safeParse(JSON.parse(plain.toString('utf8')));
  if (!parsed.success) return null;
  const hold = (otp: OtpParams): OtpParams => {
    const decoded = decodeCanonical(otp.secret);
    try {
      return otpHoldingSecret(otpWithoutSecret(otp), store.hold(decoded));
    } finally {
      decoded.fill(0);
    }
  };
  return withHeldSecrets(parsed.data, hold as (otp: unknown) => OtpParams | null);
}

function withHeldSecrets<C extends { accounts: { otp: unknown }[]; trash: { otp: unknown }[] }>(
  parsed: C,
  hold: (otp: unknown) => OtpParams | null,
): VaultContent | null {
  const convert = <A extends { otp: unknown }>(list: A[]) => {
    const out = [];
    for (const account of list) {
      const otp = hold(account.otp);
      if (!otp) return null;
      out.push(freezeAccount({ ...account, otp } as unknown as Account));
    }
    return out;
  };
  const accounts = convert(parsed.accounts);
  const trash = convert(parsed.trash);
  if (!accounts || !trash) return null;
  return { ...(parsed as unknown as VaultContent), version: CONTENT_VERSION, accounts, trash: trash as VaultContent['trash'] };
}

/** The metadata text and blob views of a version-2 plaintext, or null when its lengths do not add up. */
function splitSections(plain: Buffer): { metadata: string; blobs: Buffer[] } | null {
  let at = MAGIC.length;
  const u32 = (): number | null => {
    if (at + 4 > plain.length) return null;
    const value = plain.readUInt32BE(at);
    at += 4;
    return value;
  };
  const metadataLength = u32();
  if (metadataLength === null || at + metadataLength > plain.length) return null;
  const metadata = plain.toString('utf8', at, at + metadataLength);
  at += metadataLength;
  const count = u32();
  if (count === null || count > (plain.length - at) / 4) return null;
  const blobs: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const length = u32();
    if (length === null || length > MAX_BLOB_BYTES || at + length > plain.length) return null;
    blobs.push(plain.subarray(at, at + length));
    at += length;
  }
  return at === plain.length ? { metadata, blobs } : null;
}

/** Every cell `content` references: what a save keeps (SecretStore.retain). */
export function cellsOf(content: VaultContent): Set<SecretCell> {
  const cells = new Set<SecretCell>();
  for (const list of [content.accounts, content.trash]) {
    for (const account of list) {
      const cell = secretCellOf(account.otp);
      if (cell) cells.add(cell);
    }
  }
  return cells;
}
