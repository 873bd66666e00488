import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { findInsecurePreferences, secureWebPreferences } from '../security/web-preferences';
import type { ContentProtection } from './content-protection';

export interface AdminWindowDeps {
  /** Absolute path of out/preload/index.cjs (the same preload as the codes window). */
  preloadPath: string;
  /** app://twofold/admin/index.html, or the dev server's. */
  url: string;
  onCreated?: (window: BrowserWindow) => void;
  /** Applied before the window shows: no window is ever created outside content protection. */
  protection: ContentProtection;
}

/**
 * The admin window's options: wider than the codes window (tables), the same secure
 * webPreferences. The page never talks to an MFA server itself (its CSP allows no remote
 * connection); every call goes through the preload to the main-process admin client.
 */
export function adminWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1000,
    height: 720,
    minWidth: 640,
    minHeight: 480,
    title: 'Twofold — MFA Administration',
    show: false,
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences({ preload: preloadPath }),
  };
}

export function createAdminWindow(deps: AdminWindowDeps): BrowserWindow {
  const options = adminWindowOptions(deps.preloadPath);
  const weakened = findInsecurePreferences(options.webPreferences);
  if (weakened.length) throw new Error(`Refusing to open the admin window with weakened webPreferences: ${weakened.map((p) => p.option).join(', ')}.`);
  const window = new BrowserWindow(options);
  deps.protection.track(window);
  deps.onCreated?.(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(deps.url);
  return window;
}
