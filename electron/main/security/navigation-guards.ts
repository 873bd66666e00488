import type { WindowOpenHandlerResponse } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * Navigation and window-opening rules for every WebContents.
 *
 * - A page may navigate only to another of our pages (app://twofold/...): a link, a drop, a
 *   `location = ...` or a redirect to anything else is cancelled before it commits.
 * - No new windows are created from a page, ever: `window.open` and `target=_blank` are denied.
 *   If the URL is one of the allow-listed https links, the OS browser opens it instead.
 * - `<webview>` is refused at attach time (webviewTag is also off in webPreferences).
 *
 * @see https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 * @see https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows
 * @see https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
 */

export interface NavigationPolicy {
  /** URLs the page may navigate to. Default: our app:// pages (plus the dev server in development). */
  isAllowedNavigation(url: string): boolean;
  /** Hands an allow-listed https URL to the OS browser; refuses anything else. */
  openExternal: { isAllowed(url: string): boolean; openUrl(url: string): Promise<void> };
  /** Told about each refusal, for the log (URL and what was refused). */
  onRefused?(what: 'navigation' | 'window-open' | 'webview', url: string): void;
}

export function appNavigationAllowed(devServerOrigin?: string): (url: string) => boolean {
  const dev = devServerOrigin ? new URL(devServerOrigin).origin : null;
  return (url) => {
    if (isAppUrl(url)) return true;
    if (dev === null) return false;
    try {
      return new URL(url).origin === dev;
    } catch {
      return false;
    }
  };
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The subset of WebContents the guards attach to. */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent, ...rest: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
}

/** The decision for a navigation: true lets it proceed. */
export function decideNavigation(policy: Pick<NavigationPolicy, 'isAllowedNavigation'>, url: string): boolean {
  return policy.isAllowedNavigation(url);
}

/** The decision for window.open / target=_blank: always deny; maybe open externally. */
export function decideWindowOpen(
  policy: NavigationPolicy,
  url: string,
): { response: WindowOpenHandlerResponse; openExternally: boolean } {
  return { response: { action: 'deny' }, openExternally: policy.openExternal.isAllowed(url) };
}

export function installNavigationGuards(contents: GuardableContents, policy: NavigationPolicy): void {
  const guard = (event: PreventableEvent, url: string): void => {
    if (decideNavigation(policy, url)) return;
    event.preventDefault();
    policy.onRefused?.('navigation', url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    policy.onRefused?.('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(policy, url);
    if (decision.openExternally) {
      policy.openExternal.openUrl(url).catch(() => policy.onRefused?.('window-open', url));
    } else {
      policy.onRefused?.('window-open', url);
    }
    return decision.response;
  });
}

/**
 * Applies the guards to every WebContents the app ever creates (windows, and anything a bug
 * might create), through `app.on('web-contents-created')`: install once, before any window.
 */
export function guardAllWebContents(
  app: { on(event: 'web-contents-created', listener: (event: unknown, contents: GuardableContents) => void): unknown },
  policy: NavigationPolicy,
): void {
  app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents, policy));
}
