import type { SettingsStore } from '../../../shared/settings';

/** The part of a BrowserWindow closing to the tray uses. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export interface CloseToTrayDeps {
  settings: Pick<SettingsStore, 'get' | 'set'>;
  /** True once the app is quitting (tray Quit, app menu, OS logout): the window really closes then. */
  isQuitting(): boolean;
  /** False where the desktop has no notification area: hiding would leave no way back, so the window closes. */
  hasTray(): boolean;
  /** Shows an OS notification (Electron's Notification in the app). */
  notify(title: string, body: string): void;
  log?: (message: string) => void;
}

export const CLOSE_NOTICE = {
  title: 'Twofold is still running',
  body: 'It stays in the tray so your codes are one click away. To quit, use Quit in the tray menu, or turn off "Keep running in the tray" in Settings.',
};

/**
 * Closing the codes window hides it instead, so Twofold keeps running in the tray (the vault
 * keeps its auto-lock; the tray, the global shortcut and a second launch bring the window back).
 * The first time, a notice says where it went. With the "Keep running in the tray" setting off,
 * or without a tray, or while quitting, the window closes as usual.
 */
export function keepInTrayOnClose(window: ClosableWindow, deps: CloseToTrayDeps): void {
  window.on('close', (event) => {
    if (deps.isQuitting() || !deps.hasTray()) return;
    const settings = deps.settings.get();
    if (!settings.closeToTray) return;
    event.preventDefault();
    window.hide();
    if (!settings.closeToTrayNoticeShown) {
      deps.notify(CLOSE_NOTICE.title, CLOSE_NOTICE.body);
      try {
        deps.settings.set({ closeToTrayNoticeShown: true });
      } catch (error) {
        deps.log?.(`[desktop] close notice not remembered: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });
}
