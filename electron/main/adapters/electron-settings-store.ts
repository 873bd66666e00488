import ElectronStore from 'electron-store';
import { applySettingsPatch, readSettingsLeniently, type Settings, type SettingsPatch, type SettingsStore } from '../../../shared/settings';
import { SETTINGS_FILE_NAME } from '../services/settings/user-data-dir';

/**
 * The settings port over electron-store, in `<userData>/settings.json`: the file the CLI's
 * `conf` store reads too. Validation is shared/settings.ts's (field by field, so one damaged
 * field falls back to its default without losing the rest); electron-store writes atomically.
 * Settings are preferences only, never key material.
 */
export class ElectronSettingsStore implements SettingsStore {
  private readonly store: ElectronStore<Record<string, unknown>>;
  private current: Settings;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(options: { onProblems?: (problems: string[]) => void } = {}) {
    this.store = new ElectronStore<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, clearInvalidConfig: true });
    const { settings, problems } = readSettingsLeniently(this.store.store);
    if (problems.length) options.onProblems?.(problems);
    this.current = settings;
  }

  get(): Settings {
    return this.current;
  }

  set(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.current, patch);
    this.store.store = next as Record<string, unknown>;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch {
        // A listener's failure must not undo a saved setting.
      }
    }
    return next;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
