import type { AccountDraft, HashAlgorithm } from './account';
import { DomainError } from '../domain-error';

/**
 * Shapes, limits and errors of Google Authenticator's export payload (`MigrationPayload`), shared
 * by the decoder (google-migration.ts) and the encoder (google-migration-export.ts). The field
 * numbers and enum values are documented in google-migration.ts.
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

export class MigrationError extends DomainError<MigrationErrorCode> {
  override readonly name = 'MigrationError';
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
 * Real exports span a handful of QR codes; 1000 pages would be thousands of accounts. A larger
 * count is damage (or a hostile code) and would only make progress reporting loop for nothing.
 */
export const MAX_BATCH_SIZE = 1000;
export const ALGORITHMS: Readonly<Record<number, HashAlgorithm>> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
export const DIGITS: Readonly<Record<number, 6 | 8>> = { 0: 6, 1: 6, 2: 8 };
export const ALGORITHM_CODES: Readonly<Record<HashAlgorithm, number>> = { SHA1: 1, SHA256: 2, SHA512: 3 };
export const TYPE_HOTP = 1;
export const TYPE_TOTP = 2;
