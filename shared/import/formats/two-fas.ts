import type { AccountDraft } from '../../otp/account';
import { base64ToBytes, utf8, wipe } from '../encoding';
import { ImportError, describeEntry } from '../import-errors';
import type { ImportCrypto } from '../import-crypto';
import type { DetectedContent, FormatParser, ParsedImport, SkippedEntry } from '../import-types';
import { assertEntryCount, parseJsonSafely } from '../limits';
import { buildDraft, isRecord } from '../draft-builder';

/**
 * 2FAS Authenticator backups (.2fas, JSON), schemaVersion 1 to 4, after twofas/2fas-android's
 * BackupContent and Aegis's TwoFASImporter:
 *   {services: [...], groups: [{id, name}], schemaVersion, servicesEncrypted?, reference?}
 * Each service: {name, secret, otp: {account, label, issuer, digits, period, counter, algorithm,
 * tokenType: TOTP|HOTP|STEAM}, groupId}. The service `name` is what 2FAS shows, so it is the
 * issuer, falling back to `otp.issuer`.
 *
 * Encrypted backups keep `services` empty and put the list in `servicesEncrypted` as
 * base64(ciphertext ‖ 16-byte GCM tag) ":" base64(salt) ":" base64(12-byte IV); the key is
 * PBKDF2-HMAC-SHA256(password, salt, 10,000 iterations, 256 bits). `reference` is a known
 * constant encrypted the same way with the same key: if it does not authenticate the password is
 * wrong; if it does and the services do not, the file is damaged.
 *
 * Key material: password, PBKDF2 key and decrypted services pass through here; the key is wiped.
 */
const MAX_SCHEMA_VERSION = 4;
const PBKDF2_ITERATIONS = 10_000;
const GCM_TAG_BYTES = 16;

function rootOf(content: DetectedContent): Record<string, unknown> | null {
  return content.kind === 'json' && isRecord(content.json) ? content.json : null;
}

export const twoFasParser: FormatParser = {
  format: 'two-fas',
  matches(content) {
    const root = rootOf(content);
    return root !== null && Array.isArray(root.services) && typeof root.schemaVersion === 'number';
  },
  isEncrypted(content) {
    const root = rootOf(content);
    return root !== null && typeof root.servicesEncrypted === 'string';
  },
  async parse(content, context) {
    const root = rootOf(content);
    if (!root || !Array.isArray(root.services)) throw new ImportError('unsupported-format', 'This is not a 2FAS backup (no list of services).');
    const version = root.schemaVersion;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw new ImportError('file-damaged', 'This 2FAS backup does not say which schema version it is: export it again from 2FAS.');
    }
    if (version > MAX_SCHEMA_VERSION) {
      throw new ImportError('unsupported-version', `This 2FAS backup uses schema version ${version}, newer than this Twofold reads (up to ${MAX_SCHEMA_VERSION}). Update Twofold.`);
    }
    let services: unknown[] = root.services;
    if (typeof root.servicesEncrypted === 'string') {
      const text = await decryptServices(root, context.password, context.crypto);
      const decrypted = parseJsonSafely(text, 'decrypted 2FAS service list');
      if (!Array.isArray(decrypted)) throw new ImportError('file-damaged', 'This 2FAS backup is damaged (its decrypted content is not a list of services): export it again from 2FAS.');
      services = decrypted;
    }
    return readServices(services, readGroups(root.groups));
  },
};

interface Sealed {
  ciphertext: Uint8Array;
  tag: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
}

function readSealed(text: string): Sealed | null {
  const parts = text.split(':');
  if (parts.length !== 3) return null;
  const [body, salt, iv] = parts.map((p) => base64ToBytes(p));
  if (!body || !salt || !iv || body.length < GCM_TAG_BYTES || salt.length === 0 || iv.length !== 12) return null;
  return { ciphertext: body.subarray(0, body.length - GCM_TAG_BYTES), tag: body.subarray(body.length - GCM_TAG_BYTES), salt, iv };
}

async function decryptServices(root: Record<string, unknown>, password: string | undefined, crypto: ImportCrypto): Promise<string> {
  const services = readSealed(root.servicesEncrypted as string);
  if (!services) throw new ImportError('file-damaged', 'This 2FAS backup is damaged (its encrypted services are not in the form 2FAS writes): export it again from 2FAS.');
  if (password === undefined || password === '') {
    throw new ImportError('needs-password', 'This 2FAS backup is encrypted: enter the password you set when exporting from 2FAS.');
  }
  const reference = typeof root.reference === 'string' ? readSealed(root.reference) : null;
  const passwordBytes = utf8(password);
  const key = await crypto.pbkdf2Sha256(passwordBytes, services.salt, PBKDF2_ITERATIONS, 32);
  wipe(passwordBytes);
  try {
    const wrongPassword = () =>
      new ImportError('wrong-password', 'Wrong password for this 2FAS backup: enter the password you set when exporting from 2FAS (not your Twofold password).');
    if (reference) {
      // The reference was sealed under the same salt; if the salts differ, derive its own key.
      const sameSalt = sameBytes(reference.salt, services.salt);
      const referenceKey = sameSalt ? key : await crypto.pbkdf2Sha256(utf8(password), reference.salt, PBKDF2_ITERATIONS, 32);
      const check = await crypto.aesGcmDecrypt(referenceKey, reference.iv, reference.ciphertext, reference.tag);
      if (!sameSalt) wipe(referenceKey);
      if (!check) throw wrongPassword();
    }
    const plaintext = await crypto.aesGcmDecrypt(key, services.iv, services.ciphertext, services.tag);
    if (!plaintext) {
      if (!reference) throw new ImportError('wrong-password', 'This 2FAS backup could not be decrypted: the password is wrong or the file is damaged. Check the password, or export again from 2FAS.');
      throw new ImportError('file-damaged', 'This 2FAS backup is damaged: the password is right but the services do not decrypt (the file was altered or cut short). Export it again from 2FAS.');
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
    } catch {
      throw new ImportError('file-damaged', 'This 2FAS backup is damaged (its decrypted services are not text): export it again from 2FAS.');
    } finally {
      wipe(plaintext);
    }
  } finally {
    wipe(key);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function readGroups(groups: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(groups)) return names;
  for (const group of groups) {
    if (isRecord(group) && typeof group.id === 'string' && typeof group.name === 'string') names.set(group.id, group.name);
  }
  return names;
}

function readServices(services: unknown[], groups: Map<string, string>): ParsedImport {
  assertEntryCount(services.length);
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  services.forEach((raw, index) => {
    const otp = isRecord(raw) && isRecord(raw.otp) ? raw.otp : {};
    const issuer = isRecord(raw) ? (nonEmpty(raw.name) ?? nonEmpty(otp.issuer) ?? '') : undefined;
    const name = nonEmpty(otp.account) ?? nonEmpty(otp.label) ?? '';
    const entry = describeEntry(index, issuer, name);
    if (!isRecord(raw)) throw new ImportError('invalid-entry', `${entry.charAt(0).toUpperCase()}${entry.slice(1)} is not a service object: export the backup again from 2FAS.`, { entry });
    // A 2FAS service is in at most one group: it becomes the account's one tag.
    const group = typeof raw.groupId === 'string' ? groups.get(raw.groupId) : undefined;
    const built = buildDraft(
      {
        type: typeof otp.tokenType === 'string' ? otp.tokenType : 'TOTP',
        issuer,
        name,
        secret: raw.secret,
        algorithm: otp.algorithm,
        digits: otp.digits,
        period: otp.period,
        counter: otp.counter,
        tags: group === undefined ? [] : [group],
      },
      entry,
    );
    if (built.ok) accounts.push(built.draft);
    else skipped.push({ entry, reason: built.reason });
  });
  return { accounts, skipped };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
