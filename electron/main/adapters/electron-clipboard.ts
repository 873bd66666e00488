import { clipboard } from 'electron';
import type { ClipboardPort } from '../clipboard/clipboard-guard';

/** The system clipboard (text only, Electron 45's promise-based API), for the ClipboardGuard. */
export const electronClipboard: ClipboardPort = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
};
