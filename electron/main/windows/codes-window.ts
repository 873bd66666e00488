import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export interface CodesWindowDeps {
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  /** The page to load (see renderer-pages.ts). */
  url: string;
  /** Called with the new window before its page loads (registry, security handlers). */
  onCreated?: (window: BrowserWindow) => void;
}

/**
 * The codes window's options. Every security-relevant webPreference is set explicitly (Electron
 * security checklist items 2–4): the page is an ordinary sandboxed web page whose only way out
 * is the preload's `window.twofold`.
 */
export function codesWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 420,
    height: 640,
    minWidth: 360,
    minHeight: 480,
    title: 'Twofold',
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Creates the codes window and loads its page; shown once the first frame is ready. */
export function createCodesWindow(deps: CodesWindowDeps): BrowserWindow {
  const window = new BrowserWindow(codesWindowOptions(deps.preloadPath));
  deps.onCreated?.(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(deps.url);
  return window;
}
