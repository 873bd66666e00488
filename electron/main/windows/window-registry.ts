import type { BrowserWindow, WebContents } from 'electron';

/** Our windows: the IPC sender check trusts only these, and events go to all of them. */
export class WindowRegistry {
  private readonly windows = new Set<BrowserWindow>();

  add(window: BrowserWindow): void {
    this.windows.add(window);
    window.once('closed', () => this.windows.delete(window));
  }

  owns = (contents: WebContents): boolean => {
    for (const window of this.windows) if (!window.isDestroyed() && window.webContents === contents) return true;
    return false;
  };

  send = (channel: string, payload: unknown): void => {
    for (const window of this.windows) if (!window.isDestroyed()) window.webContents.send(channel, payload);
  };
}
