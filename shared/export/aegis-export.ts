import type { AccountDraft } from '../otp/account';
import { tagKey } from '../otp/tags';
import { bytesToBase64, bytesToHex, utf8, wipe } from '../import/encoding';
import type { ImportCrypto, ScryptParams } from '../import/import-crypto';
import { assertExportPassword, ExportError } from './export-errors';

/**
 * Writes an encrypted Aegis vault (vault version 1, content version 3) that Aegis opens with
 * "Import from file → Aegis", in the structure of Aegis's own exports (docs/vault.md, and the
 * aegis_encrypted.json test vault):
 *
 *   {version: 1,
 *    header: {slots: [{type: 1, uuid, key, key_params: {nonce, tag}, n, r, p, salt, repaired: true,
 *                      is_backup: false}],
 *             params: {nonce, tag}},
 *    db: base64(AES-256-GCM(master key, content JSON))}
 *
 * A fresh random 256-bit master key encrypts the content; the password slot wraps it under
 * scrypt(UTF-8 password, 32-byte random salt, N=2^15, r=8, p=1, 32 bytes) — Aegis's defaults.
 * Nonces are 96-bit random, tags 128-bit and stored apart, all binary fields hex except `db`.
 * "repaired": true says the password was encoded as exact UTF-8 bytes (Aegis issue #95).
 *
 * Content v3: entries {type, uuid, name, issuer, note, favorite, icon: null, info: {secret, algo,
 * digits, period | counter}, groups: [group uuid]}, plus `groups: [{uuid, name}]`. Every tag of an
 * account becomes one of its groups, in order (a v3 entry may be in several), one group per tag
 * name across the file (compared case-insensitively, as Twofold compares tags), so export →
 * import keeps every tag.
 *
 * Key material: the password, the derived key, the master key and every secret pass through here.
 * The keys are wiped once the file is built; the returned text is ciphertext only.
 */
export const AEGIS_EXPORT_SCRYPT: ScryptParams = { n: 2 ** 15, r: 8, p: 1 };

export interface AegisExportOptions {
  /** Tests may lower the cost; real exports use Aegis's defaults. */
  scrypt?: ScryptParams;
}

type Exportable = Pick<AccountDraft, 'issuer' | 'name' | 'otp' | 'tags' | 'favourite' | 'note'>;

export function uuidFrom(crypto: Pick<ImportCrypto, 'randomBytes'>): string {
  const b = crypto.randomBytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40; // RFC 9562 §5.4: version 4
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // variant 10xx
  const hex = bytesToHex(b);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The plain content object (Aegis vault content v3). Key material: holds every secret. */
export function aegisContent(accounts: readonly Exportable[], crypto: Pick<ImportCrypto, 'randomBytes'>): Record<string, unknown> {
  const groups = new Map<string, { uuid: string; name: string }>();
  const groupOf = (tag: string): string => {
    let group = groups.get(tagKey(tag));
    if (!group) groups.set(tagKey(tag), (group = { uuid: uuidFrom(crypto), name: tag }));
    return group.uuid;
  };
  const entries = accounts.map((account) => {
    const { otp } = account;
    const info: Record<string, unknown> = { secret: otp.secret, algo: otp.algorithm, digits: otp.digits };
    if (otp.type === 'hotp') info.counter = otp.counter;
    else info.period = otp.period;
    return {
      type: otp.type,
      uuid: uuidFrom(crypto),
      name: account.name,
      issuer: account.issuer,
      note: account.note,
      favorite: account.favourite,
      icon: null,
      info,
      groups: account.tags.map(groupOf),
    };
  });
  return {
    version: 3,
    entries,
    groups: [...groups.values()],
    icons_optimized: true,
  };
}

export async function exportAegisEncrypted(
  accounts: readonly Exportable[],
  password: string,
  crypto: ImportCrypto,
  options: AegisExportOptions = {},
): Promise<string> {
  assertExportPassword(password);
  if (accounts.length === 0) throw new ExportError('nothing-to-export', 'There are no accounts to export: add some first.');
  const masterKey = crypto.randomBytes(32);
  try {
    const slot = await aegisPasswordSlot(password, masterKey, crypto, options.scrypt ?? AEGIS_EXPORT_SCRYPT);
    return await sealAegisVault(accounts, masterKey, slot, crypto);
  } finally {
    wipe(masterKey);
  }
}

/** An Aegis password slot (docs/vault.md, "Slots → Password"): the master key wrapped under scrypt(password). */
export interface AegisPasswordSlot {
  type: 1;
  uuid: string;
  key: string;
  key_params: { nonce: string; tag: string };
  n: number;
  r: number;
  p: number;
  salt: string;
  repaired: true;
  is_backup: false;
}

/**
 * Wraps `masterKey` under the password: scrypt(UTF-8 password, fresh 32-byte salt) → AES-256-GCM.
 * Key material: the password, the derived key (wiped here) and the master key (the caller's).
 */
export async function aegisPasswordSlot(password: string, masterKey: Uint8Array, crypto: ImportCrypto, params: ScryptParams = AEGIS_EXPORT_SCRYPT): Promise<AegisPasswordSlot> {
  const salt = crypto.randomBytes(32);
  const passwordBytes = utf8(password);
  let derived: Uint8Array | null = null;
  try {
    derived = await crypto.scrypt(passwordBytes, salt, params, 32);
    const nonce = crypto.randomBytes(12);
    const wrapped = await crypto.aesGcmEncrypt(derived, nonce, masterKey);
    return {
      type: 1,
      uuid: uuidFrom(crypto),
      key: bytesToHex(wrapped.ciphertext),
      key_params: { nonce: bytesToHex(nonce), tag: bytesToHex(wrapped.tag) },
      n: params.n,
      r: params.r,
      p: params.p,
      salt: bytesToHex(salt),
      repaired: true,
      is_backup: false,
    };
  } finally {
    wipe(passwordBytes, derived);
  }
}

/**
 * The encrypted Aegis vault file of `accounts` under an existing master key and its slot: a fresh
 * content nonce each time, no KDF run, so automatic backups cost one AES-GCM pass (an Aegis vault
 * keeps its master key across saves the same way).
 */
export async function sealAegisVault(accounts: readonly Exportable[], masterKey: Uint8Array, slot: AegisPasswordSlot, crypto: ImportCrypto): Promise<string> {
  const plaintext = utf8(JSON.stringify(aegisContent(accounts, crypto)));
  try {
    const contentNonce = crypto.randomBytes(12);
    const sealed = await crypto.aesGcmEncrypt(masterKey, contentNonce, plaintext);
    const vault = {
      version: 1,
      header: { slots: [slot], params: { nonce: bytesToHex(contentNonce), tag: bytesToHex(sealed.tag) } },
      db: bytesToBase64(sealed.ciphertext),
    };
    return `${JSON.stringify(vault, null, 4)}\n`;
  } finally {
    wipe(plaintext);
  }
}
