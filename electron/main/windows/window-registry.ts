import type { BrowserWindow, WebContents } from 'electron';
import { windowReceives, type WindowKind } from '../ipc/window-access';

/**
 * Our windows and what kind each is: the IPC sender check trusts only these, the per-window
 * allow-list (ipc/window-access.ts) is chosen by the kind recorded here, and so are the events
 * each window receives (EVENT_WINDOWS there).
 */
export class WindowRegistry {
  private readonly windows = new Map<BrowserWindow, WindowKind>();

  add(window: BrowserWindow, kind: WindowKind): void {
    this.windows.set(window, kind);
    window.once('closed', () => this.windows.delete(window));
  }

  /** The kind of the window showing `contents`, or null when it is not one of ours. */
  kindOf = (contents: WebContents): WindowKind | null => {
    for (const [window, kind] of this.windows) if (!window.isDestroyed() && window.webContents === contents) return kind;
    return null;
  };

  owns = (contents: WebContents): boolean => this.kindOf(contents) !== null;

  send = (event: string, payload: unknown): void => {
    for (const [window, kind] of this.windows) if (!window.isDestroyed() && windowReceives(kind, event)) window.webContents.send(event, payload);
  };
}
