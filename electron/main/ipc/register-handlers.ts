import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { err } from '../../../shared/result';
import type { IpcDispatch } from './dispatcher';
import { isTrustedSender } from './sender-check';
import { restrictToWindow, type WindowKind } from './window-access';

export interface RegisterOptions {
  channels: readonly string[];
  dispatch: IpcDispatch;
  /** Origins and file:// prefixes our pages are served from (see `isTrustedSender`). */
  allowedOrigins: readonly string[];
  /** The kind of the window we created that shows `contents` (codes, admin); null for anything else. */
  windowKindOf: (contents: WebContents) => WindowKind | null;
}

/**
 * Binds every channel to `ipcMain.handle`. A call is refused with 'forbidden' unless it comes
 * from the main frame of one of our windows showing one of our pages, and then unless that
 * window's allow-list (window-access.ts) holds the channel; otherwise the dispatcher validates
 * the arguments and runs the handler. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(options: RegisterOptions): () => void {
  const byWindow = { codes: restrictToWindow(options.dispatch, 'codes'), admin: restrictToWindow(options.dispatch, 'admin') } satisfies Record<WindowKind, IpcDispatch>;
  for (const channel of options.channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...rawArgs: unknown[]) => {
      const kind = options.windowKindOf(event.sender);
      if (kind === null || !isFromOurPage(event, options)) {
        return err({ code: 'forbidden', message: 'This page is not allowed to talk to Twofold.' });
      }
      return byWindow[kind](channel, rawArgs);
    });
  }
  return () => {
    for (const channel of options.channels) ipcMain.removeHandler(channel);
  };
}

function isFromOurPage(event: IpcMainInvokeEvent, options: RegisterOptions): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return isTrustedSender({ url: frame.url, isMainFrame: frame.parent === null && frame === event.sender.mainFrame }, options.allowedOrigins);
}
