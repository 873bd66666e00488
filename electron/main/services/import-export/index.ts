export { ImportExportService, type ImportExportServiceOptions, type PreviewOutcome, type SavedExport } from './import-export-service';
export { nodeImportCrypto } from './node-import-crypto';
export { nodeFileAccess } from './node-file-access';
export { accountQrDataUrl } from './account-qr';
export type { FileDialogPort, FileAccess, FileFilter } from './file-ports';
export { createImportExportService } from './create-import-export-service';
