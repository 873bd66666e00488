/** Exports: Aegis-compatible encrypted vault and otpauth URI list (pure; crypto injected). */
export * from './export-errors';
export { exportAegisEncrypted, aegisContent, AEGIS_EXPORT_SCRYPT, type AegisExportOptions } from './aegis-export';
export { exportUriList } from './uri-list-export';
