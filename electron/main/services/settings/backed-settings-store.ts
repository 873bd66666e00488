import { applySettingsPatch, readSettingsLeniently, type Settings, type SettingsPatch, type SettingsStore } from '../../../../shared/settings';

/**
 * The JSON file behind a settings store: `conf` in plain Node, electron-store (a `conf` subclass)
 * in Electron. Both write atomically when `store` is assigned.
 */
export interface SettingsBacking {
  store: Record<string, unknown>;
}

/**
 * The SettingsStore port over a backing file. Validation is ours (shared/settings.ts, zod, field
 * by field) rather than the backing's JSON-schema option, so a damaged field costs only that
 * field. Settings are preferences only, never key material.
 */
export class BackedSettingsStore implements SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly backing: SettingsBacking,
    options: { problems?: readonly string[]; onProblems?: (problems: string[]) => void } = {},
  ) {
    const read = readSettingsLeniently(backing.store);
    const problems = [...(options.problems ?? []), ...read.problems];
    if (problems.length) options.onProblems?.(problems);
    this.current = read.settings;
  }

  get(): Settings {
    return this.current;
  }

  set(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.current, patch);
    this.backing.store = next as Record<string, unknown>;
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
