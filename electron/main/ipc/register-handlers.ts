import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { err } from '../../../shared/result';
import type { IpcDispatch } from './dispatcher';
import { isTrustedSender } from './sender-check';

export interface RegisterOptions {
  channels: readonly string[];
  dispatch: IpcDispatch;
  /** Origins and file:// prefixes our pages are served from (see `isTrustedSender`). */
  allowedOrigins: readonly string[];
  /** True for the webContents of a window we created (codes, admin). */
  isOurWindow: (contents: WebContents) => boolean;
}

/**
 * Binds every channel to `ipcMain.handle`. A call is refused with 'forbidden' unless it comes
 * from the main frame of one of our windows showing one of our pages; otherwise the dispatcher
 * validates the arguments and runs the handler. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(options: RegisterOptions): () => void {
  for (const channel of options.channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...rawArgs: unknown[]) => {
      if (!isFromOurPage(event, options)) {
        return err({ code: 'forbidden', message: 'This page is not allowed to talk to Twofold.' });
      }
      return options.dispatch(channel, rawArgs);
    });
  }
  return () => {
    for (const channel of options.channels) ipcMain.removeHandler(channel);
  };
}

function isFromOurPage(event: IpcMainInvokeEvent, options: RegisterOptions): boolean {
  const frame = event.senderFrame;
  if (!frame || !options.isOurWindow(event.sender)) return false;
  return isTrustedSender({ url: frame.url, isMainFrame: frame.parent === null && frame === event.sender.mainFrame }, options.allowedOrigins);
}
