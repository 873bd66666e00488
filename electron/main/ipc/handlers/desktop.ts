import type { desktopChannels } from '../../../../shared/ipc/desktop-channels';
import type { DesktopPort } from '../../desktop/desktop-port';
import type { Handlers } from '../dispatcher';

export function createDesktopHandlers({ desktop }: { desktop: DesktopPort }): Handlers<typeof desktopChannels> {
  return {
    'desktop:set-global-shortcut': (accelerator) => desktop.setGlobalShortcut(accelerator),
  };
}
