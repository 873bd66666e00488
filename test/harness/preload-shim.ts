import { readFile } from 'node:fs/promises';

/**
 * The page-side half of the harness: runs the REAL preload bundle (out/preload/index.cjs) with
 * a stand-in for `require('electron')`. `ipcRenderer.invoke` goes to the Node side through
 * `page.exposeBinding('__twofoldInvoke')`; events come back through `__twofoldEmit`, which plays
 * the part of `webContents.send`. The page ends up with the same `window.twofold` the app has.
 */
export async function preloadInitScript(preloadPath: string): Promise<string> {
  const preload = await readFile(preloadPath, 'utf8');
  return `(() => {
  const listeners = new Map();
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true, configurable: false, writable: false });
      },
    },
    ipcRenderer: {
      invoke: (channel, ...args) => window.__twofoldInvoke(channel, args),
      on(channel, listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(listener);
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
  Object.defineProperty(window, '__twofoldEmit', {
    value: (channel, payload) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({}, payload);
    },
  });
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('A sandboxed preload can only require "electron", not "' + name + '".');
  };
  (function (require, module, exports) {
${preload}
  })(require, module, module.exports);
})();`;
}
