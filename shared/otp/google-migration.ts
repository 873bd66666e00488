import { MAX_LABEL_LENGTH, type AccountDraft, type HashAlgorithm } from './account';
import { bytesToBase32, base32ToBytes } from './base32';
import { ProtobufReader, ProtobufWireError, ProtobufWriter, WIRE_LENGTH_DELIMITED, WIRE_VARINT, type ProtobufField } from './protobuf-wire';

/**
 * Google Authenticator's export QR codes: `otpauth-migration://offline?data=<base64 protobuf>`.
 *
 * The payload is Google's `MigrationPayload` message (not formally published; the field numbers
 * below are the ones every independent decoder agrees on, e.g. Aegis' GoogleAuthInfo, GNOME
 * Authenticator's google.rs, Ente's google_auth_import):
 *
 *   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *                      int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *   OtpParameters    { bytes secret = 1; string name = 2; string issuer = 3;
 *                      Algorithm algorithm = 4;  // 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
 *                      DigitCount digits = 5;    // 0 unspecified, 1 six, 2 eight
 *                      OtpType type = 6;         // 0 unspecified, 1 HOTP, 2 TOTP
 *                      int64 counter = 7; }
 *
 * Unspecified values mean SHA1, 6 digits, TOTP; Google's format has no period, so TOTP is 30 s.
 * Entries we cannot use (MD5, an empty secret, unknown enum values) are reported as unsupported
 * items with a reason rather than failing the whole page. Structural damage throws
 * `MigrationError`.
 *
 * Key material: the decoded accounts carry the secrets. Never log payloads or results.
 */

export const MIGRATION_ERROR_CODES = [
  'input-too-long',
  'not-a-migration-uri',
  'missing-data',
  'invalid-base64',
  'truncated',
  'bad-varint',
  'length-out-of-range',
  'bad-wire-type',
  'bad-field',
  'no-accounts',
  'invalid-batch',
  'not-representable',
] as const;
export type MigrationErrorCode = (typeof MIGRATION_ERROR_CODES)[number];

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface MigrationBatch {
  /** Google's batch_id, shared by every page of one export; null when the page has none. */
  id: number | null;
  /** Zero-based page number. */
  index: number;
  /** Number of pages (QR codes) in the export. */
  size: number;
}

export interface UnsupportedMigrationItem {
  name: string;
  issuer: string;
  reason: string;
}

export interface MigrationPage {
  accounts: AccountDraft[];
  unsupported: UnsupportedMigrationItem[];
  batch: MigrationBatch;
  /** Payload format version (Google writes 1). */
  version: number;
}

/** One OtpParameters message, with enum values as they appear on the wire. */
export interface MigrationEntry {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint | number;
}

export interface MigrationPayloadFields {
  entries: MigrationEntry[];
  version?: number;
  /** Omit `id` (or pass null) to leave batch_id out, as some exports do. */
  batch: { id?: number | null; index: number; size: number };
}

export const MAX_MIGRATION_INPUT_LENGTH = 64 * 1024;
/**
 * Google puts about ten accounts on each QR code; 1000 pages would be 10,000 accounts. A larger
 * count is damage (or a hostile code) and would make progress reporting loop for nothing.
 */
export const MAX_BATCH_SIZE = 1000;
const ALGORITHMS: Readonly<Record<number, HashAlgorithm>> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Readonly<Record<number, 6 | 8>> = { 0: 6, 1: 6, 2: 8 };
const ALGORITHM_CODES: Readonly<Record<HashAlgorithm, number>> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const TYPE_HOTP = 1;
const TYPE_TOTP = 2;

const BROKEN_HINT = 'Scan the QR code again; if this keeps happening, export the accounts from Google Authenticator again.';

/** Reads one `otpauth-migration://offline?data=…` URI (one page of an export). */
export function parseMigrationUri(text: string): MigrationPage {
  if (text.length > MAX_MIGRATION_INPUT_LENGTH) {
    throw new MigrationError('input-too-long', `The text is too long to be a Google Authenticator export code (${text.length} characters): scan a single QR code.`);
  }
  const input = text.trim();
  if (!/^otpauth-migration:/i.test(input)) {
    throw new MigrationError('not-a-migration-uri', 'This is not a Google Authenticator export: its link should start with "otpauth-migration://".');
  }
  let data: string | null;
  try {
    data = new URL(input).searchParams.get('data');
  } catch {
    throw new MigrationError('not-a-migration-uri', `This Google Authenticator export link is malformed. ${BROKEN_HINT}`);
  }
  if (data === null || data.trim() === '') {
    throw new MigrationError('missing-data', `This Google Authenticator export link carries no accounts (no "data"). ${BROKEN_HINT}`);
  }
  return decodeMigrationPayload(decodeBase64(data));
}

/**
 * Base64 (RFC 4648 §4, and the URL-safe §5 alphabet) as it arrives in the `data` parameter. An
 * unencoded "+" reads as a space after URL decoding, so spaces are turned back into "+"; missing
 * padding is tolerated.
 */
function decodeBase64(data: string): Uint8Array {
  const text = data.trim().replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/').replace(/[\r\n\t]/g, '');
  const body = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(body) || body.length % 4 === 1 || text.length - body.length > 2) {
    throw new MigrationError('invalid-base64', `The export data is not valid base64. ${BROKEN_HINT}`);
  }
  let binary: string;
  try {
    binary = atob(body + '='.repeat((4 - (body.length % 4)) % 4));
  } catch {
    throw new MigrationError('invalid-base64', `The export data is not valid base64. ${BROKEN_HINT}`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function wireError(error: unknown): never {
  if (error instanceof ProtobufWireError) {
    throw new MigrationError(error.kind === 'bad-field-number' ? 'bad-field' : error.kind, `The export data is damaged (${error.message}). ${BROKEN_HINT}`);
  }
  throw error;
}

function expectVarint(field: ProtobufField, what: string): bigint {
  if (field.wireType !== WIRE_VARINT || field.varint === undefined) {
    throw new MigrationError('bad-field', `The export data is damaged (${what} has the wrong type). ${BROKEN_HINT}`);
  }
  return field.varint;
}

function expectBytes(field: ProtobufField, what: string): Uint8Array {
  if (field.wireType !== WIRE_LENGTH_DELIMITED || field.bytes === undefined) {
    throw new MigrationError('bad-field', `The export data is damaged (${what} has the wrong type). ${BROKEN_HINT}`);
  }
  return field.bytes;
}

/** int32 fields are written as sign-extended 64-bit varints when negative. */
const int32 = (value: bigint): number => Number(BigInt.asIntN(32, value));

/** Decodes a MigrationPayload message. Throws only `MigrationError`. */
export function decodeMigrationPayload(bytes: Uint8Array): MigrationPage {
  const entries: MigrationEntry[] = [];
  let version = 0;
  let batchSize = 1;
  let batchIndex = 0;
  let batchId: number | null = null;
  try {
    const reader = new ProtobufReader(bytes);
    for (let field = reader.next(); field; field = reader.next()) {
      switch (field.fieldNumber) {
        case 1:
          entries.push(decodeEntry(expectBytes(field, 'an account')));
          break;
        case 2:
          version = int32(expectVarint(field, 'the version'));
          break;
        case 3:
          batchSize = int32(expectVarint(field, 'the page count'));
          break;
        case 4:
          batchIndex = int32(expectVarint(field, 'the page number'));
          break;
        case 5:
          batchId = int32(expectVarint(field, 'the export id'));
          break;
        default:
          break; // Fields added after this was written: ignored, as protobuf readers do.
      }
    }
  } catch (error) {
    wireError(error);
  }
  if (batchSize === 0) batchSize = 1;
  if (batchSize < 1 || batchSize > MAX_BATCH_SIZE || batchIndex < 0 || batchIndex >= batchSize) {
    throw new MigrationError('invalid-batch', `The export code says it is page ${batchIndex + 1} of ${batchSize}, which is impossible. ${BROKEN_HINT}`);
  }
  if (entries.length === 0) {
    throw new MigrationError('no-accounts', 'This Google Authenticator export code contains no accounts: scan the other codes of the export, or export again.');
  }

  const accounts: AccountDraft[] = [];
  const unsupported: UnsupportedMigrationItem[] = [];
  for (const entry of entries) {
    const result = entryToDraft(entry);
    if ('reason' in result) unsupported.push(result);
    else accounts.push(result);
  }
  return { accounts, unsupported, batch: { id: batchId, index: batchIndex, size: batchSize }, version };
}

function decodeEntry(bytes: Uint8Array): MigrationEntry {
  const entry: MigrationEntry = { secret: new Uint8Array(0), name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0n };
  const reader = new ProtobufReader(bytes);
  const text = new TextDecoder();
  for (let field = reader.next(); field; field = reader.next()) {
    switch (field.fieldNumber) {
      case 1:
        entry.secret = expectBytes(field, 'a key').slice();
        break;
      case 2:
        entry.name = text.decode(expectBytes(field, 'an account name'));
        break;
      case 3:
        entry.issuer = text.decode(expectBytes(field, 'an issuer'));
        break;
      case 4:
        entry.algorithm = int32(expectVarint(field, 'an algorithm'));
        break;
      case 5:
        entry.digits = int32(expectVarint(field, 'a digit count'));
        break;
      case 6:
        entry.type = int32(expectVarint(field, 'an account type'));
        break;
      case 7:
        entry.counter = BigInt.asIntN(64, expectVarint(field, 'a counter'));
        break;
      default:
        break;
    }
  }
  return entry;
}

/**
 * Google stores the otpauth label as the name, so it is often "Issuer:account". The prefix is
 * split off when it repeats the issuer or when there is no issuer (the same rule as the Key Uri
 * Format's label prefix).
 */
function splitName(rawName: string, rawIssuer: string): { issuer: string; name: string } {
  const issuer = rawIssuer.trim();
  const colon = rawName.indexOf(':');
  if (colon >= 0) {
    const prefix = rawName.slice(0, colon).trim();
    if (issuer === '' || prefix.toLowerCase() === issuer.toLowerCase()) {
      return { issuer: issuer === '' ? prefix : issuer, name: rawName.slice(colon + 1).trim() };
    }
  }
  return { issuer, name: rawName.trim() };
}

// eslint-disable-next-line no-control-regex
const stripControls = (text: string): string => text.replace(/[\u0000-\u001f\u007f]/g, '');

function entryToDraft(entry: MigrationEntry): AccountDraft | UnsupportedMigrationItem {
  const { issuer, name } = splitName(stripControls(entry.name), stripControls(entry.issuer));
  const skip = (reason: string): UnsupportedMigrationItem => ({ name, issuer, reason });
  if (entry.secret.length === 0) return skip('It has no key: set it up again from the service.');
  if (entry.algorithm === 4) return skip('It uses MD5, which Twofold does not support: set up this account again with a new QR code from the service.');
  const algorithm = ALGORITHMS[entry.algorithm];
  if (!algorithm) return skip(`Its algorithm (code ${entry.algorithm}) is unknown: update Google Authenticator, export again, or set it up again.`);
  const digits = DIGITS[entry.digits];
  if (!digits) return skip(`Its number of digits (code ${entry.digits}) is unknown: set it up again from the service.`);
  if (name.length > MAX_LABEL_LENGTH || issuer.length > MAX_LABEL_LENGTH) {
    return skip(`Its name or issuer is longer than ${MAX_LABEL_LENGTH} characters: add it by typing the key and a shorter name.`);
  }
  const secret = bytesToBase32(entry.secret);
  const base = { issuer, name, group: null, favourite: false, note: '' };
  if (entry.type === 0 || entry.type === TYPE_TOTP) {
    return { ...base, otp: { type: 'totp', secret, algorithm, digits, period: 30 } };
  }
  if (entry.type === TYPE_HOTP) {
    const counter = BigInt(entry.counter);
    if (counter < 0n || counter > BigInt(Number.MAX_SAFE_INTEGER)) {
      return skip('Its counter is outside the range Twofold can store: set it up again from the service.');
    }
    return { ...base, otp: { type: 'hotp', secret, algorithm, digits, counter: Number(counter) } };
  }
  return skip(`Its type (code ${entry.type}) is neither time- nor counter-based: update Google Authenticator and export again.`);
}

/** Writes a MigrationPayload message. */
export function encodeMigrationPayload(fields: MigrationPayloadFields): Uint8Array {
  const writer = new ProtobufWriter();
  for (const entry of fields.entries) {
    const inner = new ProtobufWriter()
      .bytes(1, entry.secret)
      .string(2, entry.name)
      .string(3, entry.issuer)
      .varint(4, entry.algorithm)
      .varint(5, entry.digits)
      .varint(6, entry.type)
      .varint(7, entry.counter)
      .finish();
    writer.bytes(1, inner);
  }
  writer.varint(2, fields.version ?? 1).varint(3, fields.batch.size).varint(4, fields.batch.index);
  if (fields.batch.id !== undefined && fields.batch.id !== null) writer.varint(5, fields.batch.id);
  return writer.finish();
}

/** Why an account cannot be written to a Google export, or null when it can. */
export function migrationIncompatibility(draft: Pick<AccountDraft, 'otp'>): string | null {
  const { otp } = draft;
  if (otp.type === 'steam') return 'Google Authenticator has no Steam Guard accounts.';
  if (otp.digits !== 6 && otp.digits !== 8) return `Google Authenticator only stores 6- or 8-digit codes, not ${otp.digits}.`;
  if (otp.type === 'totp' && otp.period !== 30) return `Google Authenticator only stores 30-second codes, not ${otp.period}-second ones.`;
  return null;
}

/**
 * The wire entry for an account. Throws `MigrationError` 'not-representable' for accounts Google's
 * format cannot express (check with `migrationIncompatibility` first). Key material in and out.
 */
export function migrationEntryFromDraft(draft: Pick<AccountDraft, 'issuer' | 'name' | 'otp'>): MigrationEntry {
  const problem = migrationIncompatibility(draft);
  if (problem) throw new MigrationError('not-representable', problem);
  const { otp } = draft;
  return {
    secret: base32ToBytes(otp.secret),
    // Google stores the label; an empty prefix keeps a colon in an issuer-less name from being
    // read back as an issuer separator.
    name: draft.issuer !== '' ? `${draft.issuer}:${draft.name}` : draft.name.includes(':') ? `:${draft.name}` : draft.name,
    issuer: draft.issuer,
    algorithm: ALGORITHM_CODES[otp.algorithm],
    digits: otp.digits === 8 ? 2 : 1,
    type: otp.type === 'hotp' ? TYPE_HOTP : TYPE_TOTP,
    counter: otp.type === 'hotp' ? otp.counter : 0,
  };
}

/** `otpauth-migration://offline?data=…` for one encoded payload. Contains secrets. */
export function formatMigrationUri(payload: Uint8Array): string {
  let binary = '';
  for (const byte of payload) binary += String.fromCharCode(byte);
  return `otpauth-migration://offline?data=${encodeURIComponent(btoa(binary))}`;
}

/**
 * Splits accounts into the pages of one export (Google puts about ten accounts on a QR code so it
 * stays scannable). `batchId` should be random per export. Contains secrets.
 */
export function formatMigrationUris(
  drafts: readonly Pick<AccountDraft, 'issuer' | 'name' | 'otp'>[],
  options: { batchId: number; accountsPerPage?: number },
): string[] {
  const perPage = Math.max(1, Math.floor(options.accountsPerPage ?? 10));
  if (drafts.length === 0) return [];
  const entries = drafts.map(migrationEntryFromDraft);
  const size = Math.max(1, Math.ceil(entries.length / perPage));
  const pages: string[] = [];
  for (let index = 0; index < size; index++) {
    const page = entries.slice(index * perPage, (index + 1) * perPage);
    pages.push(formatMigrationUri(encodeMigrationPayload({ entries: page, batch: { id: options.batchId, index, size } })));
  }
  return pages;
}
