/** The part of a BrowserWindow content protection uses. */
export interface ProtectableWindow {
  setContentProtection(enable: boolean): void;
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
}

/**
 * Keeps every window out of screenshots and screen sharing while the "content protection"
 * setting is on (the default): `BrowserWindow.setContentProtection` makes macOS
 * (NSWindowSharingNone) and Windows (WDA_EXCLUDEFROMCAPTURE) capture the window as blank; Linux
 * compositors ignore it, which Settings says. Every window factory takes this object and calls
 * `track` before the window shows, so no window exists unprotected; a setting change applies
 * to all open windows at once.
 *
 * @see https://www.electronjs.org/docs/latest/api/browser-window#winsetcontentprotectionenable-macos-windows
 */
export class ContentProtection {
  private readonly windows = new Set<ProtectableWindow>();

  constructor(private enabled: boolean) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  track(window: ProtectableWindow): void {
    this.windows.add(window);
    window.once('closed', () => this.windows.delete(window));
    window.setContentProtection(this.enabled);
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    for (const window of this.windows) if (!window.isDestroyed()) window.setContentProtection(enabled);
  }
}
