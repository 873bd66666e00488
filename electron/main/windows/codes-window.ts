import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { findInsecurePreferences, secureWebPreferences } from '../security/web-preferences';
import type { ContentProtection } from './content-protection';

export interface CodesWindowDeps {
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  /** The page to load (app://twofold/codes/index.html, or the dev server's). */
  url: string;
  /** Called with the new window before its page loads (registry, security handlers). */
  onCreated?: (window: BrowserWindow) => void;
  /** Applied before the window shows: no window is ever created outside content protection. */
  protection: ContentProtection;
}

/**
 * The codes window's options. The webPreferences come from security/web-preferences.ts, where
 * every security-relevant option is set explicitly (sandbox, context isolation, no Node): the
 * page is an ordinary sandboxed web page whose only way out is the preload's `window.twofold`.
 */
export function codesWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 420,
    height: 640,
    minWidth: 360,
    minHeight: 480,
    title: 'Twofold',
    show: false,
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences({ preload: preloadPath }),
  };
}

/** Creates the codes window and loads its page; shown once the first frame is ready. */
export function createCodesWindow(deps: CodesWindowDeps): BrowserWindow {
  const options = codesWindowOptions(deps.preloadPath);
  const weakened = findInsecurePreferences(options.webPreferences);
  if (weakened.length) throw new Error(`Refusing to open the codes window with weakened webPreferences: ${weakened.map((p) => p.option).join(', ')}.`);
  const window = new BrowserWindow(options);
  deps.protection.track(window);
  deps.onCreated?.(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(deps.url);
  return window;
}
