import type { Protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-origin';
import { cspForPath } from './content-security-policy';

/**
 * The app:// protocol: serves the built renderer (out/renderer) and nothing else.
 *
 * Every request is resolved to a path inside the renderer root and refused otherwise: percent-
 * encoded dots and separators (`%2e%2e%2f`), backslashes, NUL bytes, absolute paths and symlinks
 * that lead out of the root all end in 403 or 404, never in a file outside the root.
 * Each response carries our CSP and `X-Content-Type-Options: nosniff`.
 *
 * @see https://www.electronjs.org/docs/latest/api/protocol#protocolhandlescheme-handler
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // application/wasm lets WebAssembly.instantiateStreaming compile the decoder as it downloads.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppPathResult =
  | { ok: true; path: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps an app:// URL to a file path under `root`, or says why it cannot. Pure apart from the
 * path arithmetic; the symlink check is done by the handler after `realpath`.
 */
export function resolveAppPath(root: string, url: string): AppPathResult {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 404, reason: `not an ${APP_SCHEME}://${APP_HOST} URL` };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) {
    return { ok: false, status: 400, reason: 'NUL or backslash in path' };
  }
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) {
    return { ok: false, status: 403, reason: 'dot segment in path' };
  }
  if (segments.length === 0) return { ok: false, status: 404, reason: 'no file named' };
  const base = resolve(root);
  const target = resolve(base, ...segments);
  if (!isInside(base, target)) return { ok: false, status: 403, reason: 'outside the renderer root' };
  return { ok: true, path: target };
}

function isInside(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function refusal(status: number, reason: string): Response {
  return new Response(`${status} ${reason}`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** The handler for `protocol.handle('app', ...)`, serving files under `root` (out/renderer). */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const rootReal = realpath(resolve(root)).catch(() => resolve(root));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
    const resolved = resolveAppPath(root, request.url);
    if (!resolved.ok) return refusal(resolved.status, resolved.reason);
    let real: string;
    try {
      real = await realpath(resolved.path);
      if (!(await stat(real)).isFile()) return refusal(404, 'not found');
    } catch {
      return refusal(404, 'not found');
    }
    // A symlink inside the root that points outside it is refused like `..`.
    if (!isInside(await rootReal, real)) return refusal(403, 'outside the renderer root');
    const body = await readFile(real);
    const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': cspForPath(new URL(request.url).pathname),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Must run before `app` is ready (Electron's rule for privileged schemes). */
export function registerAppSchemeAsPrivileged(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves `root` on app:// for one session's protocol object (after `app` is ready). */
export function serveAppProtocol(
  protocol: { handle(scheme: string, handler: (request: Request) => Promise<Response>): void },
  root: string,
): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
