import type { settingsChannels } from '../../../../shared/ipc/settings-channels';
import type { Handlers } from '../dispatcher';
import type { CoreServices } from './services';

/** Preferences (not secrets). Applying a change to the vault happens in app-services.ts. */
export function createSettingsHandlers({ settings }: CoreServices): Handlers<typeof settingsChannels> {
  return {
    'settings:get': () => settings.get(),
    'settings:set': (patch) => settings.set(patch),
  };
}
