import { renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { BackedSettingsStore } from './backed-settings-store';
import { SETTINGS_FILE_NAME, userDataDir } from './user-data-dir';

export interface ConfSettingsStoreOptions {
  /** Folder of the settings file; default the userData folder. */
  dir?: string;
  /** Called once with fields that were damaged on disk and fell back to defaults. */
  onProblems?: (problems: string[]) => void;
}

/**
 * Settings in plain Node (CLI, tests, the reference tools), stored by `conf` as
 * `<userData>/settings.json`, the same file electron-store uses in the app.
 */
export class ConfSettingsStore extends BackedSettingsStore {
  private readonly conf: Conf<Record<string, unknown>>;

  constructor(options: ConfSettingsStoreOptions = {}) {
    const { conf, problems } = openWithRecovery(options.dir ?? userDataDir());
    super(conf, { problems, onProblems: options.onProblems });
    this.conf = conf;
  }

  /** The settings file's path (for messages and the "open settings folder" action). */
  get path(): string {
    return this.conf.path;
  }
}

function openWithRecovery(cwd: string): { conf: Conf<Record<string, unknown>>; problems: string[] } {
  try {
    return { conf: openConf(cwd), problems: [] };
  } catch (error) {
    // Not JSON at all: keep the damaged file for the user and start from defaults. Nothing in
    // it is irreplaceable (no secrets live here), but nothing is silently deleted either.
    const damaged = join(cwd, `${SETTINGS_FILE_NAME}.json`);
    const kept = `${damaged}.damaged-${Date.now()}`;
    renameSync(damaged, kept);
    const problem = `the settings file could not be read (${(error as Error).message}); it was kept as ${kept} and defaults are used`;
    return { conf: openConf(cwd), problems: [problem] };
  }
}

function openConf(cwd: string): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({ cwd, configName: SETTINGS_FILE_NAME, clearInvalidConfig: false });
}
