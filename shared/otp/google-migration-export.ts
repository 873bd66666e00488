import type { AccountDraft } from './account';
import { base32ToBytes } from './base32';
import { ALGORITHM_CODES, MigrationError, TYPE_HOTP, TYPE_TOTP, type MigrationEntry, type MigrationPayloadFields } from './google-migration-types';
import { ProtobufWriter } from './protobuf-wire';

/**
 * Writing Google Authenticator export payloads (`otpauth-migration://offline?data=…`), for the
 * "export to Google Authenticator" feature and for tests. The message layout is documented in
 * google-migration.ts.
 *
 * Key material: every output of this module contains the accounts' secrets. Show it only where
 * the user asked to export, and never log it.
 */

/**
 * Writes a MigrationPayload message the way Google Authenticator does: fields in number order, a
 * zero counter left out, batch_index written even when 0. For the same accounts this reproduces
 * a real export byte for byte (checked against the peer fixture in test/otp).
 */
export function encodeMigrationPayload(fields: MigrationPayloadFields): Uint8Array {
  const writer = new ProtobufWriter();
  for (const entry of fields.entries) {
    const inner = new ProtobufWriter()
      .bytes(1, entry.secret)
      .string(2, entry.name)
      .string(3, entry.issuer)
      .varint(4, entry.algorithm)
      .varint(5, entry.digits)
      .varint(6, entry.type);
    if (BigInt(entry.counter) !== 0n) inner.varint(7, entry.counter);
    writer.bytes(1, inner.finish());
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
 * Splits accounts into the pages of one export: a QR code carrying many accounts grows dense and
 * hard to scan, so 10 per page by default. `batchId` should be random per export (it is what ties
 * the pages together when they are scanned back). Contains secrets.
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

