import ElectronStore from 'electron-store';
import { BackedSettingsStore } from '../services/settings/backed-settings-store';
import { SETTINGS_FILE_NAME } from '../services/settings/user-data-dir';

/**
 * The settings port over electron-store, in `<userData>/settings.json`: the file the CLI's
 * `conf` store reads too. electron-store resets a file that is not JSON (clearInvalidConfig);
 * damaged fields fall back to their defaults one by one.
 */
export class ElectronSettingsStore extends BackedSettingsStore {
  constructor(options: { onProblems?: (problems: string[]) => void } = {}) {
    super(new ElectronStore<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, clearInvalidConfig: true }), options);
  }
}
