import type { OnHeadersReceivedListenerDetails, HeadersReceivedResponse } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * Twofold's Content-Security-Policy, sent as a response header on everything our pages load.
 *
 * Documents get the strict policy: scripts, styles, fonts and fetches from our own origin only,
 * no inline script, no eval, no plugins, no frames, no <base>, no form posts. Images may also be
 * `data:`/`blob:` (the QR shown for exporting one account is a data: URL) and media may be a
 * `mediastream:` (the camera preview).
 *
 * `'wasm-unsafe-eval'` is only in the policy delivered with JavaScript files. A CSP header on a
 * script a document loads has no effect; it only governs that script when it is started as a
 * worker, because a dedicated worker from a network-scheme URL is governed by the policy of its
 * own response (CSP3 §4.2.2, HTML "run a worker"). So the QR decoding worker may compile the
 * zxing-wasm module, and no document can. (Checked in Chromium: a worker served with this header
 * compiles WebAssembly while its document, served without it, cannot.)
 *
 * @see https://www.w3.org/TR/CSP3/#initialize-global-object-csp
 * @see https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const DOCUMENT_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'mediastream:', 'blob:'],
  'worker-src': ["'self'"],
  'manifest-src': ["'none'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'child-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** For worker scripts: the only place WebAssembly may be compiled (the QR decoder). */
export const WORKER_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'connect-src': ["'self'"],
  'worker-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
};

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export const DOCUMENT_CSP_HEADER = serializeCsp(DOCUMENT_CSP);
export const WORKER_CSP_HEADER = serializeCsp(WORKER_CSP);

/** Which policy a response gets, from its path: scripts get the worker policy, all else the document one. */
export function cspForPath(pathname: string): string {
  return /\.m?js$/i.test(pathname) ? WORKER_CSP_HEADER : DOCUMENT_CSP_HEADER;
}

type HeaderInjector = (
  details: Pick<OnHeadersReceivedListenerDetails, 'url' | 'responseHeaders'>,
  callback: (response: HeadersReceivedResponse) => void,
) => void;

/**
 * Adds our policy to every response a session receives for our own pages (and, in development,
 * for the dev server's pages). Our app:// handler already sets the header; this is the second
 * line for anything loaded another way, and it replaces whatever policy the response carried so
 * a looser one can never win. Responses from elsewhere (none are loaded in production) pass
 * through untouched.
 */
export function createCspHeaderInjector(options: { devServerOrigin?: string } = {}): HeaderInjector {
  const dev = options.devServerOrigin ? new URL(options.devServerOrigin).origin : null;
  return (details, callback) => {
    const url = details.url;
    const ours = isAppUrl(url) || (dev !== null && safeOrigin(url) === dev);
    if (!ours) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [dev !== null && !isAppUrl(url) ? devServerCsp(dev) : cspForPath(new URL(url).pathname)];
    callback({ responseHeaders: headers });
  };
}

/**
 * Development only (the electron-vite dev server): the same policy plus what Vite's hot reload
 * needs, its origin and websocket, the inline React Refresh preamble, and WebAssembly (the dev
 * server serves workers under source paths, so scripts cannot be told apart). Never used for
 * app://, which is all a packaged build loads.
 */
export function devServerCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return serializeCsp({
    ...DOCUMENT_CSP,
    'script-src': ["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'", devOrigin],
    'style-src': ["'self'", "'unsafe-inline'", devOrigin],
    'connect-src': ["'self'", devOrigin, ws],
    'worker-src': ["'self'", devOrigin, 'blob:'],
  });
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Installs the injector on a session's webRequest (all URLs). */
export function installCspHeaders(
  webRequest: { onHeadersReceived(listener: HeaderInjector): void },
  options: { devServerOrigin?: string } = {},
): void {
  webRequest.onHeadersReceived(createCspHeaderInjector(options));
}
