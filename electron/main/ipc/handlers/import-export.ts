import type { importChannels } from '../../../../shared/ipc/import-channels';
import type { ImportExportService } from '../../services/import-export/import-export-service';
import type { Handlers } from '../dispatcher';

/**
 * Handlers of the import/export area. Arguments arrive validated by the dispatcher; ImportError,
 * ExportError and VaultError pass through as typed errors (stable code, message for people, the
 * offending entry as `field`). Import previews are secret-free; the drafts stay in the service.
 */
export function createImportExportHandlers({ importExport }: { importExport: ImportExportService }): Handlers<typeof importChannels> {
  return {
    'import:open-file': async () => (await importExport.previewFromDialog()) ?? { status: 'cancelled' as const },
    'import:file-bytes': (bytes, name) => importExport.previewFromBytes(name, bytes),
    'import:password': (token, password) => importExport.supplyPassword(token, password),
    'import:confirm': (token, selected) => importExport.confirm(token, selected),
    'import:cancel': () => {
      importExport.cancel();
      return null;
    },
    'export:aegis': async (vaultPassword, exportPassword) => {
      const saved = await importExport.exportAegis(vaultPassword, exportPassword);
      return saved ? { status: 'saved' as const, ...saved } : { status: 'cancelled' as const };
    },
    'export:uris': async (vaultPassword) => {
      const saved = await importExport.exportUris(vaultPassword);
      return saved ? { status: 'saved' as const, ...saved } : { status: 'cancelled' as const };
    },
    // Deliberate secret crossing (see import-channels.ts): the image encodes the account's secret,
    // and is produced only after the vault password was verified again.
    'export:account-qr': async (accountId, vaultPassword) => ({ dataUrl: await importExport.accountQr(accountId, vaultPassword) }),
  };
}
