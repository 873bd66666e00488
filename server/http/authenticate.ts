import type { FastifyRequest } from 'fastify';
import { hasAccess, type RouteAccess } from '../../shared/admin-api';
import type { Caller, CallerWithUser } from '../domain/credential-store';
import { ProblemError } from '../domain/problem-error';
import { parsePermissions, type UserRow } from '../domain/user-repo';
import type { ServiceContext } from '../services/context';
import { credentialNeedsMfa } from '../services/enrollment-demand';
import { isLoopbackHost, type Deployment } from './deployment';

export interface AuthedCaller {
  user: UserRow;
  credential: Caller;
}

/** Reads one cookie from the Cookie header (RFC 6265 §5.4); no library needed for a single name. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated requests: the cookie is SameSite=Strict, and every
 * state-changing request must carry an Origin equal to this server's own origin
 * (OWASP CSRF Prevention Cheat Sheet, "Verifying Origin with standard headers").
 * Bearer requests carry no ambient credential and are exempt.
 */
export function checkOrigin(request: FastifyRequest, required: boolean, deployment: Deployment): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin === undefined) {
    if (required) throw new ProblemError('forbidden', 'A browser request that changes something must carry an Origin header.');
    return;
  }
  // The public origin, or the origin the request itself names (the Host check already limited
  // that to the public host or a loopback name; its scheme counts from a trusted proxy only).
  if (origin === deployment.publicOrigin?.origin) return;
  // Behind a public origin only loopback pages may use their own origin: an http:// page of the
  // public host would be a downgraded (interceptable) copy.
  const own = `${request.protocol}://${request.host}`;
  if (origin !== own || (deployment.publicOrigin && !isLoopbackHost(request.hostname))) throw new ProblemError('forbidden', `Cross-origin request refused (Origin ${origin.slice(0, 100)}).`);
}

/**
 * Finds the caller from `Authorization: Bearer <api key>` or the session cookie, and checks the
 * route's access rule. Under Required, a credential obtained without a code is no longer enough.
 */
export function authenticate(ctx: ServiceContext, request: FastifyRequest, access: RouteAccess, deployment: Deployment): AuthedCaller | null {
  if (access === 'anonymous') {
    checkOrigin(request, false, deployment);
    return null;
  }
  const now = ctx.clock.now();
  const auth = request.headers.authorization;
  let found: CallerWithUser | null;
  // A token of a deleted account finds no row (the lookup joins users), like a revoked one.
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m?.[1]) throw new ProblemError('unauthenticated', 'The Authorization header must be "Bearer <api key>".');
    found = ctx.credentials.byApiKey(m[1], now);
    if (!found) throw new ProblemError('unauthenticated', 'The API key is not valid (expired, revoked, the password changed, or the account was deleted). Sign in again.');
  } else {
    const token = readCookie(request.headers.cookie, deployment.cookieName);
    if (!token) throw new ProblemError('unauthenticated', 'Sign in first: send a session cookie or "Authorization: Bearer <api key>".');
    found = ctx.credentials.bySessionToken(token, now);
    if (!found) throw new ProblemError('unauthenticated', 'Your session ended (expired, signed out, the password changed, or the account was deleted). Sign in again.');
    checkOrigin(request, true, deployment);
  }
  const { caller: credential, user } = found;
  // Under Required (or a per-user requirement) a credential obtained without a code is no longer
  // enough, except for a user still inside the grace period, until its deadline.
  if (!credential.mfaVerified && credentialNeedsMfa(ctx.mode(), user, now)) {
    const why = ctx.mode() === 'Required' ? 'The MFA policy is now Required' : 'An administrator now requires MFA for your account';
    throw new ProblemError('unauthenticated', `${why}: sign in again with your authenticator code (or enroll one).`, { restartLogin: true });
  }
  if (!hasAccess({ role: user.role, permissions: parsePermissions(user.permissions) }, access)) {
    const need = access === 'server-admin' ? 'the Server Admin role' : access === 'user' ? 'an account' : `the ${access} permission`;
    throw new ProblemError('forbidden', `This needs ${need}. Ask a Server Admin.`);
  }
  return { user, credential };
}
