import type { ShortcutOutcome } from '../../../shared/ipc/desktop-channels';
import type { SettingsStore } from '../../../shared/settings';
import { acceleratorProblem } from './global-shortcut';

/**
 * What the `desktop:*` IPC calls need from the desktop shell. The Electron app answers with the
 * real global-shortcut registry (see shell.ts); without a desktop (the e2e harness, tests) the
 * fallback below checks the accelerator's grammar and saves it, and a harness can pass a port
 * that reports a combination as taken.
 */
export interface DesktopPort {
  /** Binds `accelerator` (null: none); saves it in the settings only when it was bound. */
  setGlobalShortcut(accelerator: string | null): ShortcutOutcome;
}

export function settingsOnlyDesktopPort(settings: SettingsStore, taken: readonly string[] = []): DesktopPort {
  return {
    setGlobalShortcut(accelerator) {
      const active = settings.get().globalShortcut;
      if (accelerator !== null) {
        const problem = acceleratorProblem(accelerator);
        if (problem) return { active, problem };
        if (taken.includes(accelerator)) {
          return { active, problem: { code: 'shortcut-taken', message: `${accelerator} is already used by the system or another app. Choose another combination.` } };
        }
      }
      settings.set({ globalShortcut: accelerator });
      return { active: accelerator, problem: null };
    },
  };
}
