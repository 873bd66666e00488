import { z } from 'zod';
import { AccountSchema } from '../../../../shared/otp/account';
import { sha256Hex } from './vault-crypto';

/**
 * The vault file, format version 1. JSON, UTF-8:
 *
 *   {
 *     "format": "twofold-vault",
 *     "version": 1,
 *     "slots": [
 *       { "type": "password", "id": "<uuid>",
 *         "kdf": { "name": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64, 32 bytes>" },
 *         "nonce": "<base64, 12 bytes>", "key": "<base64, 32 bytes>", "tag": "<base64, 16 bytes>" },
 *       { "type": "keychain", "id": "<uuid>", "backend": "<name>", "blob": "<base64>" }
 *     ],
 *     "content": { "cipher": "aes-256-gcm", "nonce": "<base64, 12 bytes>", "tag": "<base64, 16 bytes>",
 *                  "data": "<base64 ciphertext>" },
 *     "checksum": "<hex SHA-256 of the canonical JSON of every other field>"
 *   }
 *
 * - A random 256-bit vault key encrypts the content with AES-256-GCM; the nonce is fresh on every
 *   save. The header (format, version, slots) is the GCM additional data, so a slot cannot be
 *   swapped or a version changed without the content failing to authenticate.
 * - Each slot wraps the same vault key, as Aegis does. A password slot wraps it with AES-256-GCM
 *   under scrypt(password, salt) (RFC 7914); its additional data is the slot id and KDF
 *   parameters. A keychain slot holds whatever the OS keychain (Electron safeStorage) returned
 *   for the key. There is exactly one password slot and at most one keychain slot.
 * - The checksum is not a security measure (GCM is): it tells accidental damage (a flipped byte,
 *   a truncated copy) apart from a wrong password before any password is tried, so damage is
 *   reported as damage. "Canonical JSON" is JSON.stringify with object keys sorted.
 * - The plaintext content (content version 3) is JSON metadata followed by a binary section of
 *   secret bytes: each OTP secret is `{ "blob": n }` in the JSON, the n-th length-prefixed blob
 *   in the binary section (layout in vault-content-codec.ts), so secrets never pass through
 *   JSON.parse as strings. Account array order is display order. Older contents are still read,
 *   and the next save writes version 3:
 *   - version 1 was JSON alone, with base32 secrets, and one `group` per account (string or null):
 *     { "version": 1, "accounts": Account[], "secrets": { name: value } };
 *   - version 2 had version 3's binary layout, still with one `group` per account;
 *   - version 3 (issue #14) gives each account `tags: string[]`. A `group` reads as
 *     `tags: [group]` (or `[]` for null): see migrateAccount. The `.bak` and any older copy are
 *     read the same way, so no vault ever needs converting by hand.
 *
 * Readers refuse any other `format`, any `version` they do not know, and any field that fails the
 * schemas below.
 */

export const VAULT_FORMAT = 'twofold-vault';
export const VAULT_VERSION = 1;
/** 3: tags (issue #14); 2: secrets in a binary section (issue #12 item 7), one group; 1: all JSON, one group. */
export const CONTENT_VERSION = 3;
/** The binary layout before tags: read, its groups migrated to tags. */
export const GROUP_BINARY_CONTENT_VERSION = 2;
export const LEGACY_CONTENT_VERSION = 1;

const bytes = (length?: number) =>
  z.base64().refine((s) => length === undefined || Buffer.from(s, 'base64').length === length, {
    message: length === undefined ? 'must be base64' : `must be ${length} bytes of base64`,
  });

/**
 * Bounds on what a vault file may ask of us (issue #12): a hostile file must not make an unlock
 * allocate gigabytes or run for minutes. Checked on the parsed header, before any KDF runs.
 * - scrypt needs 128·N·r bytes (RFC 7914 §6): at most 256 MiB.
 * - Its work grows with N·r·p: at most 2^21, 8× our default (N=2^15 r=8 p=1, about 150 ms on
 *   the 2-core reference machine), so one unlock costs at most about 1.2–2 s.
 * - The file itself: at most 32 MiB (1,000 accounts take about 0.5 MiB), checked before reading.
 */
export const MAX_SCRYPT_MEMORY_BYTES = 256 * 1024 * 1024;
export const MAX_SCRYPT_WORK = 2 ** 21;
export const MAX_VAULT_FILE_BYTES = 32 * 1024 * 1024;

/** Why these scrypt parameters are out of bounds, or null when they are within them. */
export function scryptCostProblem(kdf: { n: number; r: number; p: number }): string | null {
  const memory = 128 * kdf.n * kdf.r;
  if (memory > MAX_SCRYPT_MEMORY_BYTES) {
    return `its password slot asks scrypt for ${Math.round(memory / 1048576)} MiB of memory (N=${kdf.n}, r=${kdf.r}); Twofold allows at most ${MAX_SCRYPT_MEMORY_BYTES / 1048576} MiB`;
  }
  if (kdf.n * kdf.r * kdf.p > MAX_SCRYPT_WORK) {
    return `its password slot asks scrypt for ${Math.round((kdf.n * kdf.r * kdf.p) / 2 ** 18)}× the usual work (N=${kdf.n}, r=${kdf.r}, p=${kdf.p}); Twofold allows at most ${MAX_SCRYPT_WORK / 2 ** 18}×`;
  }
  return null;
}

export const ScryptKdfSchema = z.object({
  name: z.literal('scrypt'),
  n: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'n must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: bytes(32),
});

export const PasswordSlotSchema = z.object({
  type: z.literal('password'),
  id: z.uuid(),
  kdf: ScryptKdfSchema,
  nonce: bytes(12),
  key: bytes(32),
  tag: bytes(16),
});
export type PasswordSlot = z.infer<typeof PasswordSlotSchema>;

export const KeychainSlotSchema = z.object({
  type: z.literal('keychain'),
  id: z.uuid(),
  backend: z.string().max(100),
  blob: bytes(),
});
export type KeychainSlot = z.infer<typeof KeychainSlotSchema>;

export const SlotSchema = z.discriminatedUnion('type', [PasswordSlotSchema, KeychainSlotSchema]);
export type Slot = z.infer<typeof SlotSchema>;

export const VaultFileSchema = z.object({
  format: z.literal(VAULT_FORMAT),
  version: z.literal(VAULT_VERSION),
  slots: z
    .array(SlotSchema)
    .max(8)
    .refine((slots) => slots.filter((s) => s.type === 'password').length === 1, 'must hold exactly one password slot')
    .refine((slots) => slots.filter((s) => s.type === 'keychain').length <= 1, 'must hold at most one keychain slot'),
  content: z.object({
    cipher: z.literal('aes-256-gcm'),
    nonce: bytes(12),
    tag: bytes(16),
    data: bytes(),
  }),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type VaultFile = z.infer<typeof VaultFileSchema>;

/**
 * Content versions 1 and 2 → 3: the single `group` becomes the first (and only) tag. Applied to every
 * stored account whatever the version says, so an account that still carries a `group` (and no
 * `tags`) is never read as untagged. The old group text is kept as it was (trimmed): tags read
 * from the vault are not re-judged (StoredTagsSchema), so an old group the new rules would
 * refuse still opens, shows and can be renamed or deleted.
 */
export function migrateAccount(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const record = raw as Record<string, unknown>;
  if (!('group' in record) || 'tags' in record) return raw;
  const { group, ...rest } = record;
  const tag = typeof group === 'string' ? group.trim() : '';
  return { ...rest, tags: tag === '' ? [] : [tag] };
}

/**
 * An account in the trash: the whole account (its secret included: it stays encrypted in the
 * vault like any other) with when it was deleted and where it stood, so Undo puts it back in place.
 */
export const TrashedAccountSchema = AccountSchema.extend({
  deletedAt: z.iso.datetime(),
  formerIndex: z.number().int().min(0),
});
export type TrashedAccount = z.infer<typeof TrashedAccountSchema>;

/** The content as held in memory (and, with base32 secrets, as content version 1 stored it). */
export const VaultContentSchema = z.object({
  version: z.literal([LEGACY_CONTENT_VERSION, GROUP_BINARY_CONTENT_VERSION, CONTENT_VERSION]),
  /** Accounts written before tags carry a `group`: read as tags (migrateAccount). */
  accounts: z.array(z.preprocess(migrateAccount, AccountSchema)),
  secrets: z.record(z.string(), z.string()),
  /** Added with the trash (issue #14); a vault written before it reads as an empty trash. */
  trash: z.array(z.preprocess(migrateAccount, TrashedAccountSchema)).default([]),
  /**
   * Rollback detection (issue #12): a random id for this vault and a counter raised by every
   * save, both inside the encrypted content so nobody without the key can forge them. A vault
   * written before them reads as generation 0 and gets an id on its next save.
   */
  vaultId: z.uuid().optional(),
  generation: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});
export type VaultContent = z.infer<typeof VaultContentSchema>;

/** JSON with object keys sorted at every level, so equal data always gives equal bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The GCM additional data for the content: everything that is not the content itself. */
export function contentAad(file: Pick<VaultFile, 'format' | 'version' | 'slots'>): Buffer {
  return Buffer.from(canonicalJson({ format: file.format, version: file.version, slots: file.slots }), 'utf8');
}

/** The GCM additional data for a password slot's wrapped key. */
export function passwordSlotAad(slot: Pick<PasswordSlot, 'id' | 'kdf'>): Buffer {
  return Buffer.from(canonicalJson({ purpose: 'twofold-vault/password-slot', id: slot.id, kdf: slot.kdf }), 'utf8');
}

function checksumOf(withoutChecksum: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(withoutChecksum));
}

/** Serializes a file, filling in its checksum. */
export function serializeVaultFile(file: Omit<VaultFile, 'checksum'>): { text: string; file: VaultFile } {
  const body = { format: file.format, version: file.version, slots: file.slots, content: file.content };
  const complete = { ...body, checksum: checksumOf(body) };
  return { text: `${JSON.stringify(complete, null, 2)}\n`, file: complete };
}

/** `outOfBounds`: the file is well-formed but asks for more than Twofold allows (a hostile file). */
export type ParsedVaultFile = { ok: true; file: VaultFile } | { ok: false; reason: string; outOfBounds?: true };

/** Parses and validates the file's text. Never throws: damage is a value with a reason. */
export function parseVaultFile(text: string): ParsedVaultFile {
  if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `the file is not valid JSON (${(error as Error).message}); it may be truncated` };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'the file is not a Twofold vault' };
  const record = raw as Record<string, unknown>;
  if (record.format !== VAULT_FORMAT) return { ok: false, reason: 'the file is not a Twofold vault' };
  if (typeof record.version === 'number' && record.version > VAULT_VERSION) {
    return { ok: false, reason: `it uses vault format ${record.version}, newer than this Twofold understands (update Twofold)` };
  }
  const { checksum, ...body } = record;
  if (typeof checksum !== 'string' || checksum !== checksumOf(body)) {
    return { ok: false, reason: 'its checksum does not match (the file was altered or only partly written)' };
  }
  const parsed = VaultFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `field ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}` };
  }
  for (const slot of parsed.data.slots) {
    const problem = slot.type === 'password' ? scryptCostProblem(slot.kdf) : null;
    if (problem) return { ok: false, reason: problem, outOfBounds: true };
  }
  return { ok: true, file: parsed.data };
}

export const b64 = (data: Uint8Array): string => Buffer.from(data).toString('base64');
export const unb64 = (text: string): Buffer => Buffer.from(text, 'base64');
