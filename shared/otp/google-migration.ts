import { MAX_LABEL_LENGTH, type AccountDraft } from './account';
import { bytesToBase32 } from './base32';
import {
  ALGORITHMS,
  DIGITS,
  MAX_BATCH_SIZE,
  MAX_MIGRATION_INPUT_LENGTH,
  MigrationError,
  TYPE_HOTP,
  TYPE_TOTP,
  type MigrationEntry,
  type MigrationPage,
  type UnsupportedMigrationItem,
} from './google-migration-types';
import { ProtobufReader, ProtobufWireError, WIRE_LENGTH_DELIMITED, WIRE_VARINT, type ProtobufField } from './protobuf-wire';

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

export {
  MIGRATION_ERROR_CODES,
  MAX_BATCH_SIZE,
  MAX_MIGRATION_INPUT_LENGTH,
  MigrationError,
  type MigrationBatch,
  type MigrationEntry,
  type MigrationErrorCode,
  type MigrationPage,
  type MigrationPayloadFields,
  type UnsupportedMigrationItem,
} from './google-migration-types';
export {
  encodeMigrationPayload,
  formatMigrationUri,
  formatMigrationUris,
  migrationEntryFromDraft,
  migrationIncompatibility,
} from './google-migration-export';

const BROKEN_HINT = 'Scan the QR code again; if this keeps happening, export the accounts from Google Authenticator again.';

/**
 * A label some tools put before each export link when they list the codes of a Google
 * Authenticator export ("QR-Code:otpauth-migration://offline?data=…", e.g. the text a phone's QR
 * reader or a script saves). One short word and a colon, nothing else: a longer prefix is not a
 * label but some other text and stays an error.
 */
const LABELLED_MIGRATION = /^[^\s:/?#]{1,64}:\s*(otpauth-migration:\S*)$/i;

/** The export link inside `text`, without a leading "Label:" (see LABELLED_MIGRATION). */
export function withoutMigrationLabel(text: string): string {
  const trimmed = text.trim();
  if (/^otpauth-migration:/i.test(trimmed)) return trimmed;
  return LABELLED_MIGRATION.exec(trimmed)?.[1] ?? trimmed;
}

/** Reads one `otpauth-migration://offline?data=…` URI (one page of an export), also when labelled. */
export function parseMigrationUri(text: string): MigrationPage {
  if (text.length > MAX_MIGRATION_INPUT_LENGTH) {
    throw new MigrationError('input-too-long', `The text is too long to be a Google Authenticator export code (${text.length} characters): scan a single QR code.`);
  }
  const input = withoutMigrationLabel(text);
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
  const base = { issuer, name, tags: [], favourite: false, note: '' };
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
