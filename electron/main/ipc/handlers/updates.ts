import type { updatesChannels } from '../../../../shared/ipc/updates-channels';
import type { UpdateService } from '../../services/updates';
import type { Handlers } from '../dispatcher';

/**
 * Update status and "Check now". A renderer cannot choose a feed, a version or a file, cannot
 * install, and cannot make checks more frequent than one a minute (UpdateService.requestCheck).
 */
export function createUpdatesHandlers({ updates }: { updates: UpdateService }): Handlers<typeof updatesChannels> {
  return {
    'updates:status': () => updates.getStatus(),
    'updates:check': () => updates.requestCheck(),
  };
}
