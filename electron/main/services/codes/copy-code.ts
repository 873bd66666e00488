import type { CopyResult } from '../../../../shared/ipc/codes-channels';
import type { SettingsStore } from '../../../../shared/settings';
import type { ClipboardGuard } from '../../clipboard/clipboard-guard';
import type { Clock } from '../clock';
import type { UsageStats } from '../usage/usage-stats';
import type { CodesService } from './codes-service';
import { CodesError } from './codes-error';

export interface CopyDeps {
  vault: { touch(): void };
  codes: CodesService;
  settings: SettingsStore;
  clipboard: ClipboardGuard;
  usage: UsageStats;
  clock: Pick<Clock, 'now'>;
}

/**
 * Copies an account's current (or, with the preview on, next) code: the one path shared by the
 * window's copy button and the tray's favourites, so both clear the clipboard the same way
 * (after `clipboardClearSeconds`, only if it still holds the code) and count the use.
 *
 * Key material: the code goes from here to the clipboard only, never to a log or the renderer.
 */
export async function copyAccountCode(deps: CopyDeps, id: string, which: 'current' | 'next' = 'current'): Promise<CopyResult> {
  const settings = deps.settings.get();
  let code: string;
  if (which === 'next') {
    if (settings.nextCodePreview === 'off') {
      throw new CodesError('next-code-off', 'The next-code preview is turned off. Turn it on in Settings to copy the next code.');
    }
    code = deps.codes.nextCodeFor(id);
  } else {
    code = deps.codes.codeFor(id).code;
  }
  const clearsInSeconds = settings.clipboardClearSeconds;
  await deps.clipboard.copy(code, clearsInSeconds);
  deps.vault.touch();
  void deps.usage.record(id, deps.clock.now());
  return { clearsInSeconds };
}
