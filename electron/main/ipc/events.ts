import type { z } from 'zod';
import type { IpcEvent, IpcEvents } from '../../../shared/ipc/contract';
import type { BackupService } from '../services/backup';
import type { ScanService } from '../services/scan/scan-service';
import type { UpdateService } from '../services/updates';
import type { CoreServices } from './handlers/services';

/** Delivers an event to the windows that receive it (Electron: WindowRegistry.send by EVENT_WINDOWS; harness: the page). */
export type EventSink = <E extends IpcEvent>(event: E, payload: z.input<IpcEvents[E]>) => void;

/**
 * Turns service changes into the events of the contract. The payloads carry no secret: the vault
 * status, nothing for accounts (the window reloads the list), the settings, the update status (versions and a message), and the review of a
 * link opened with the app (candidates without their secrets, which stay in the ScanService).
 */
export function forwardServiceEvents(
  { vault, settings, scan, backup, updates }: CoreServices & { scan: Pick<ScanService, 'onExternalReview'>; backup?: Pick<BackupService, 'onChange'>; updates?: Pick<UpdateService, 'onChange'> },
  emit: EventSink,
): () => void {
  const offs = [
    vault.onChange(() => {
      emit('vault:changed', vault.status());
      emit('accounts:changed', null);
    }),
    settings.onChange((next) => emit('settings:changed', next)),
    scan.onExternalReview((review) => emit('scan:review-ready', review)),
    updates?.onChange((status) => emit('updates:changed', status)) ?? (() => undefined),
    backup?.onChange((status) => emit('backup:changed', status)) ?? (() => {}),
  ];
  return () => {
    for (const off of offs) off();
  };
}
