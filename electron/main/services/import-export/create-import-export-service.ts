import type { VaultApi } from '../vault/vault-types';
import { ImportExportService } from './import-export-service';
import type { FileDialogPort } from './file-ports';
import { nodeFileAccess } from './node-file-access';
import { nodeImportCrypto } from './node-import-crypto';

/**
 * Builds the service for the composition root. Without a dialog port (a harness that has none),
 * opening or saving files fails with a clear error; dropped files still import.
 */
export function createImportExportService(vault: VaultApi, dialogs?: FileDialogPort): ImportExportService {
  return new ImportExportService({ vault, crypto: nodeImportCrypto, files: nodeFileAccess, dialogs: dialogs ?? noDialogs });
}

const noDialogs: FileDialogPort = {
  chooseImportFile: () => Promise.reject(new Error('No file dialog is available in this environment.')),
  chooseExportPath: () => Promise.reject(new Error('No file dialog is available in this environment.')),
};
