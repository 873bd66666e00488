import type { IpcContract } from '../../../../shared/ipc/contract';
import type { Handlers } from '../dispatcher';
import { createAccountsHandlers } from './accounts';
import { createAdminHandlers } from './admin';
import { createBackupHandlers } from './backup';
import { createCodesHandlers } from './codes';
import { createDesktopHandlers } from './desktop';
import { createImportExportHandlers } from './import-export';
import { createRecoveryCodesHandlers } from './recovery-codes';
import { createScanHandlers } from './scan';
import type { AppServices } from '../../app-services';
import { createSettingsHandlers } from './settings';
import { createUpdatesHandlers } from './updates';
import { createTrashHandlers } from './trash';
import { createVaultHandlers } from './vault';

/**
 * Every channel's handler, one factory per area. To add an area: write
 * `handlers/<area>.ts` exporting `create<Area>Handlers(services)` and spread it below; TypeScript
 * then checks that every channel of `ipcContract` has exactly one handler.
 */
export function createIpcHandlers(services: AppServices): Handlers<IpcContract> {
  return {
    ...createVaultHandlers(services, services.backup),
    ...createAccountsHandlers(services),
    ...createTrashHandlers(services),
    ...createRecoveryCodesHandlers(services),
    ...createCodesHandlers(services),
    ...createSettingsHandlers(services),
    ...createScanHandlers(services),
    ...createImportExportHandlers(services),
    ...createAdminHandlers(services),
    ...createDesktopHandlers(services),
    ...createUpdatesHandlers(services),
    ...createBackupHandlers(services),
  };
}
