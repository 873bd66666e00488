import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../shared/admin-api';
import { ProblemError } from '../domain/problem-error';
import { sendProblem } from './problem-reply';

/**
 * How the server is reached (issue #11 item 5). `publicOrigin` is the origin browsers use
 * (`https://mfa.example.com`); it fixes the expected `Origin` of cookie requests, the session
 * cookie's `Secure` flag and its `__Host-` prefix (RFC 6265bis §4.1.3.2: Secure, Path=/, no
 * Domain, so no sibling host can set or shadow it). `X-Forwarded-*` headers count only from the
 * proxies named in `trustProxy` (Fastify's trustProxy, evaluated per request against the socket
 * address); from anyone else they are ignored.
 */
export interface Deployment {
  publicOrigin: URL | null;
  trustProxy: string[];
  cookieName: string;
  secureCookie: boolean;
}

export function deploymentOf(publicOrigin: string | undefined, trustProxy: readonly string[] = []): Deployment {
  const origin = publicOrigin === undefined ? null : parsePublicOrigin(publicOrigin);
  const https = origin?.protocol === 'https:';
  return { publicOrigin: origin, trustProxy: [...trustProxy], cookieName: https ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE, secureCookie: https };
}

/** An origin only: scheme, host, optional port; no path, query, credentials or fragment. */
export function parsePublicOrigin(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--public-origin "${text.slice(0, 100)}" is not a URL. Use the origin browsers reach the server at, e.g. https://mfa.example.com`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(`--public-origin must be an origin like https://mfa.example.com (scheme and host, optional port; no path), not "${text.slice(0, 100)}".`);
  }
  return url;
}

/** Names that only ever reach this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** Whether `serve --host` would bind something other than the loopback interface. */
export function isLoopbackBind(host: string): boolean {
  return isLoopbackHost(host);
}

/** RFC 9110 §7.2 Host: a bracketed IPv6 literal or a reg-name/IPv4, then an optional port; nothing else. */
const HOST_PATTERN = /^(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253})(?::\d{1,5})?$/;

/**
 * DNS rebinding defence: a request is answered only when its Host (or X-Forwarded-Host from a
 * trusted proxy) names this server: the public origin's host, or a loopback name. Anything else,
 * including no Host at all, gets 421 before routing. A rebinding page's requests carry the
 * attacker's name in Host, so they never reach a route.
 * @see RFC 9110 §15.5.20 (421 Misdirected Request)
 */
export function installHostCheck(app: FastifyInstance, deployment: Deployment): void {
  const expected = deployment.publicOrigin?.hostname.toLowerCase() ?? null;
  app.addHook('onRequest', (request, reply, done) => {
    // Parsed strictly here: Fastify's `hostname` would read "[::1].evil" as "[::1]".
    const m = HOST_PATTERN.exec(request.host);
    const hostname = m?.[1]?.toLowerCase() ?? '';
    if (hostname && (hostname === expected || isLoopbackHost(hostname))) return done();
    const named = request.host ? `"${request.host.slice(0, 100)}"` : 'no host name';
    const allowed = expected ? `${expected} or a loopback name` : 'a loopback name (start the server with --public-origin to serve another)';
    void sendProblem(reply, new ProblemError('misdirected-request', `This server does not answer for ${named}: it answers for ${allowed}.`));
  });
}
