/** The OTP domain: account model, base32, otpauth URIs, code generation, Google migration. */
export * from './account';
export * from './code-view';
export * from './otp-errors';
export { normalizeBase32, base32ToBytes, bytesToBase32 } from './base32';
export { parseOtpauthUri, formatOtpauthUri, MAX_URI_INPUT_LENGTH } from './otpauth-uri';
export {
  generateCode,
  codeWindow,
  timeStep,
  periodBounds,
  type CodeWindow,
  type TimeCodeWindow,
  type CounterCodeWindow,
} from './generate';
export { CodeCalculator } from './code-calculator';
export {
  parseMigrationUri,
  decodeMigrationPayload,
  encodeMigrationPayload,
  formatMigrationUri,
  formatMigrationUris,
  migrationEntryFromDraft,
  migrationIncompatibility,
  MigrationError,
  MIGRATION_ERROR_CODES,
  MAX_BATCH_SIZE,
  MAX_MIGRATION_INPUT_LENGTH,
  type MigrationErrorCode,
  type MigrationPage,
  type MigrationBatch,
  type MigrationEntry,
  type MigrationPayloadFields,
  type UnsupportedMigrationItem,
} from './google-migration';
export {
  MigrationBatchCollector,
  type AddPageOutcome,
  type MigrationProgress,
  type MigrationRefusal,
  type CollectedMigration,
} from './migration-batch';
export * from './recovery-codes';
