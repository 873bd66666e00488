import type { Protocol } from 'electron';
import { APP_ORIGIN, APP_PAGES, type AppPage } from './app-origin';
import { registerAppSchemeAsPrivileged, serveAppProtocol } from './app-protocol';
import { installCspHeaders } from './content-security-policy';
import { appNavigationAllowed, guardAllWebContents, type GuardableContents } from './navigation-guards';
import { createSafeOpenExternal, type SafeOpenExternal } from './open-external';
import { installPermissionHandlers, type PermissionSession } from './permission-handlers';

/**
 * The security set-up of the whole app, in the two steps Electron's lifecycle imposes. The main
 * entry calls `hardenBeforeReady` at module load and `hardenSession` in `whenReady`, before any
 * window exists. Everything here takes the Electron objects as parameters, so tests run it on
 * recording stand-ins.
 */
export interface BeforeReadyDeps {
  app: { on(event: 'web-contents-created', listener: (event: unknown, contents: GuardableContents) => void): unknown };
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>;
  shell: { openExternal(url: string): Promise<void> };
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), only when running unpackaged. */
  devServerUrl?: string | undefined;
  /** Where refusals are reported (never with page content: URLs only). */
  log?: (message: string) => void;
}

export function hardenBeforeReady(deps: BeforeReadyDeps): { openExternal: SafeOpenExternal } {
  registerAppSchemeAsPrivileged(deps.protocol);
  const openExternal = createSafeOpenExternal(deps.shell);
  guardAllWebContents(deps.app, {
    isAllowedNavigation: appNavigationAllowed(deps.devServerUrl),
    openExternal,
    onRefused: (what, url) => deps.log?.(`[security] refused ${what}${url ? ` to ${url}` : ''}`),
  });
  return { openExternal };
}

export interface SessionDeps {
  session: PermissionSession & {
    protocol: { handle(scheme: string, handler: (request: Request) => Promise<Response>): void };
    webRequest: Parameters<typeof installCspHeaders>[0];
  };
  /** out/renderer: the only folder app:// serves. */
  rendererRoot: string;
  devServerUrl?: string | undefined;
}

export function hardenSession(deps: SessionDeps): void {
  serveAppProtocol(deps.session.protocol, deps.rendererRoot);
  installCspHeaders(deps.session.webRequest, deps.devServerUrl ? { devServerOrigin: deps.devServerUrl } : {});
  installPermissionHandlers(deps.session);
}

/**
 * The URL each window loads and the origins the IPC sender check trusts: app://twofold in
 * production, the dev server in development.
 */
export function appPages(devServerUrl?: string): { urls: Record<AppPage, string>; allowedOrigins: string[] } {
  if (devServerUrl) {
    const base = new URL(devServerUrl);
    return {
      urls: { codes: new URL('codes/index.html', base).href, admin: new URL('admin/index.html', base).href },
      allowedOrigins: [base.origin],
    };
  }
  return { urls: { ...APP_PAGES }, allowedOrigins: [APP_ORIGIN] };
}
