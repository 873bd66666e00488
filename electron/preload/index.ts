import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/contract';
import { buildDesktopApi } from '../../shared/ipc/desktop-api';

/**
 * The preload: `window.twofold`, one function per IPC channel grouped by area, plus
 * `on(event, listener)` for the 'area:changed' events. `ipcRenderer` itself is never exposed,
 * so the page can reach exactly the channels of the contract and nothing else; main validates
 * every argument anyway. Built as CommonJS (out/preload/index.cjs) because sandboxed preloads
 * cannot load ES modules.
 */
const api = buildDesktopApi(
  ipcChannelNames,
  ipcEventNames,
  (channel, args) => ipcRenderer.invoke(channel, ...args),
  (event, listener) => {
    // Only the payload is passed on: the IpcRendererEvent (and its `sender`) stays here.
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, relay);
    return () => void ipcRenderer.removeListener(event, relay);
  },
);

contextBridge.exposeInMainWorld('twofold', api);
