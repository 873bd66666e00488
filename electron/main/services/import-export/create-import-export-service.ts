import { ExportError } from '../../../../shared/export/export-errors';
import { ImportError } from '../../../../shared/import/import-errors';
import type { VaultApi } from '../vault/vault-types';
import type { ConfirmDialogPort } from '../security/confirm-dialog';
import type { PasswordGate } from '../security/password-gate';
import { ImportExportService } from './import-export-service';
import type { FileDialogPort } from './file-ports';
import { nodeFileAccess } from './node-file-access';
import { nodeImportCrypto } from './node-import-crypto';

/**
 * Builds the service for the composition root. Without a dialog port (a harness that has none),
 * opening or saving files fails with a clear error; dropped files still import.
 */
export function createImportExportService(
  vault: VaultApi,
  guards: { gate: Pick<PasswordGate, 'check'>; confirm: ConfirmDialogPort },
  dialogs?: FileDialogPort,
): ImportExportService {
  return new ImportExportService({ vault, crypto: nodeImportCrypto, files: nodeFileAccess, dialogs: dialogs ?? noDialogs, ...guards });
}

const noDialogs: FileDialogPort = {
  chooseImportFile: () => Promise.reject(new ImportError('unreadable-file', 'No file dialog is available here: drop the export file on the window instead.')),
  chooseExportPath: () => Promise.reject(new ExportError('write-failed', 'No save dialog is available here, so nothing was exported.')),
};
