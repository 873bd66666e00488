import { renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import {
  applySettingsPatch,
  readSettingsLeniently,
  type Settings,
  type SettingsPatch,
  type SettingsStore,
} from '../../../../shared/settings';
import { SETTINGS_FILE_NAME, userDataDir } from './user-data-dir';

export interface ConfSettingsStoreOptions {
  /** Folder of the settings file; default the userData folder. */
  dir?: string;
  /** Called once with fields that were damaged on disk and fell back to defaults. */
  onProblems?: (problems: string[]) => void;
}

/**
 * Settings in plain Node (CLI, tests, the reference tools), stored by `conf` as
 * `<userData>/settings.json`, the same file electron-store uses in the app. conf writes
 * atomically; validation is ours (zod, field by field) rather than conf's JSON-schema option,
 * so a damaged field costs only that field.
 */
export class ConfSettingsStore implements SettingsStore {
  private readonly conf: Conf<Record<string, unknown>>;
  private current: Settings;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(options: ConfSettingsStoreOptions = {}) {
    const cwd = options.dir ?? userDataDir();
    let conf: Conf<Record<string, unknown>>;
    const problems: string[] = [];
    try {
      conf = openConf(cwd);
    } catch (error) {
      // Not JSON at all: keep the damaged file for the user and start from defaults. Nothing in
      // it is irreplaceable (no secrets live here), but nothing is silently deleted either.
      const damaged = join(cwd, `${SETTINGS_FILE_NAME}.json`);
      const kept = `${damaged}.damaged-${Date.now()}`;
      renameSync(damaged, kept);
      problems.push(`the settings file could not be read (${(error as Error).message}); it was kept as ${kept} and defaults are used`);
      conf = openConf(cwd);
    }
    this.conf = conf;
    const read = readSettingsLeniently(this.conf.store);
    problems.push(...read.problems);
    if (problems.length) options.onProblems?.(problems);
    const settings = read.settings;
    this.current = settings;
  }

  get(): Settings {
    return this.current;
  }

  set(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.current, patch);
    this.conf.store = next as Record<string, unknown>;
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

  /** The settings file's path (for messages and the "open settings folder" action). */
  get path(): string {
    return this.conf.path;
  }
}

function openConf(cwd: string): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({ cwd, configName: SETTINGS_FILE_NAME, clearInvalidConfig: false });
}
