/** Import of other authenticators' exports: pure parsers, crypto injected through `ImportCrypto`. */
export * from './import-errors';
export * from './import-types';
export type { ImportCrypto, ScryptParams } from './import-crypto';
export { readImportFile, inspectImportFile, type ImportInput, type ImportResult } from './import-file';
export { planImport, toImportPreview, toPreviewAccount, describePreviewAccount, type ImportPlan, type ImportPreview, type PreviewAccount } from './import-preview';
export { MAX_IMPORT_BYTES, MAX_JSON_DEPTH, MAX_IMPORT_ENTRIES } from './limits';
