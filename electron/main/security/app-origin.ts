import type { CustomScheme } from 'electron';

/**
 * The one origin Twofold's pages come from: `app://twofold`. Serving from a custom privileged
 * scheme (not file://) gives every page a real, checkable origin, so IPC senders, permission
 * requests and navigations can be compared against it.
 *
 * @see https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'twofold';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The pages the app ships, by window. */
export const APP_PAGES = {
  codes: `${APP_ORIGIN}/codes/index.html`,
  admin: `${APP_ORIGIN}/admin/index.html`,
} as const;

export type AppPage = keyof typeof APP_PAGES;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is one of our pages or assets (`app://twofold/...`).
 *
 * WHATWG URL gives non-special schemes an opaque origin (`new URL('app://x').origin === 'null'`),
 * so the check compares protocol and host, never `.origin`. Credentials or a port in an app:// URL
 * are never produced by us and are refused.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** True for the origin string Chromium reports for our pages (`app://twofold`, no trailing path). */
export function isAppOrigin(origin: string): boolean {
  return origin === APP_ORIGIN || origin === `${APP_ORIGIN}/`;
}

/**
 * The scheme registration Electron needs before `app` is ready: `standard` gives app:// a real
 * origin and relative URL resolution, `secure` makes it a secure context (getUserMedia needs one),
 * `supportFetchAPI` lets the renderer fetch its own assets (the decoder's .wasm), `codeCache`
 * keeps V8's code cache. No `bypassCSP`: our pages obey their policy. No `corsEnabled`: our pages
 * load their module scripts and wasm same-origin, which a standard scheme allows, and leaving it
 * unset keeps app:// unreadable from any other origin (electron/electron#51152).
 *
 * @see https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};
