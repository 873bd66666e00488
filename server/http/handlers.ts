import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_IDLE_MINUTES } from '../../shared/admin-api';
import { credentialId } from '../domain/credential-store';
import { ProblemError } from '../domain/problem-error';
import { toSessionUser } from '../domain/user-repo';
import { AuthService, isSignIn, type SecondFactor, type SignIn } from '../services/auth-service';
import type { ServiceContext } from '../services/context';
import { PolicyService, policyEtag } from '../services/policy-service';
import { SelfService } from '../services/self-service';
import { UserAdminService } from '../services/user-admin-service';
import type { AuthedCaller } from './authenticate';
import type { Deployment } from './deployment';
import type { RouteHandlers } from './register-routes';

function required(caller: AuthedCaller | null): AuthedCaller {
  if (!caller) throw new ProblemError('unauthenticated', 'Sign in first.');
  return caller;
}

/**
 * Key material: sets the session cookie. HttpOnly (no script reads it), SameSite=Strict (no
 * cross-site request carries it), Secure and `__Host-` behind an https public origin.
 * @see RFC 6265bis §4.1.2.7 (SameSite)
 */
function setSessionCookie(deployment: Deployment, request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: number, now: number): void {
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  // Secure whenever the public origin is https (a TLS-terminating proxy talks plain HTTP to us),
  // or the request itself came over TLS (directly, or per X-Forwarded-Proto from a trusted proxy).
  const secure = deployment.secureCookie || request.protocol === 'https' ? '; Secure' : '';
  reply.header('set-cookie', `${deployment.cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`);
}

function clearSessionCookie(deployment: Deployment, reply: FastifyReply): void {
  const secure = deployment.secureCookie ? '; Secure' : '';
  reply.header('set-cookie', `${deployment.cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`);
}

/** The schema lets exactly one of the two through (refine); a recovery code arrives canonical. */
function secondFactor(body: { code?: string | undefined; recoveryCode?: string | undefined }): SecondFactor {
  if (body.recoveryCode !== undefined) return { recoveryCode: body.recoveryCode };
  if (body.code !== undefined) return { code: body.code };
  throw new ProblemError('validation-failed', 'code: send either code (6 digits from your authenticator) or recoveryCode.', { field: 'code' });
}

/** The composition root of the HTTP handlers: one line per route of the contract. */
export function createHandlers(ctx: ServiceContext, version: string, deployment: Deployment): RouteHandlers {
  const auth = new AuthService(ctx);
  const self = new SelfService(ctx);
  const policy = new PolicyService(ctx);
  const admin = new UserAdminService(ctx);

  const signedIn = (request: FastifyRequest, reply: FastifyReply, s: SignIn) => {
    if (s.sessionToken !== undefined && s.sessionExpiresAt !== undefined) setSessionCookie(deployment, request, reply, s.sessionToken, s.sessionExpiresAt, ctx.clock.now());
    return s.body;
  };

  return {
    // The issuer is public (it is in every otpauth URI the server hands out); clients use it to
    // pick the vault account before the first sign-in.
    health: () => ({ status: 'ok', version, time: new Date(ctx.clock.now()).toISOString(), issuer: ctx.policy.get().issuer }),
    login: async ({ body, request, reply }) => {
      const r = await auth.login(body, request.ip);
      return isSignIn(r) ? signedIn(request, reply, r) : r;
    },
    loginTotp: async ({ body, request, reply }) => signedIn(request, reply, await auth.loginTotp(body.ticket, secondFactor(body))),
    loginEnrollment: ({ body }) => auth.loginEnrollment(body.ticket),
    logout: ({ caller, reply }) => {
      const c = required(caller);
      ctx.credentials.revoke(c.credential);
      if (c.credential.kind === 'session') clearSessionCookie(deployment, reply);
      return undefined;
    },
    me: ({ caller }) => {
      const c = required(caller);
      const { kind, credentialId: selector, expiresAt } = c.credential;
      return {
        ...toSessionUser(c.user),
        credential: { id: credentialId(kind, selector), kind, expiresAt: new Date(expiresAt).toISOString(), idleTimeoutMinutes: kind === 'session' ? SESSION_IDLE_MINUTES : null },
      };
    },
    meCredentials: ({ caller }) => {
      const c = required(caller);
      return { items: ctx.credentials.listFor(c.user, ctx.clock.now(), c.credential) };
    },
    revokeCredential: ({ caller, params, reply }) => {
      const c = required(caller);
      self.revokeCredential(c.user, params.id);
      if (params.id === credentialId(c.credential.kind, c.credential.credentialId) && c.credential.kind === 'session') clearSessionCookie(deployment, reply);
      return undefined;
    },
    changePassword: async ({ caller, body, request, reply }) => {
      const c = required(caller);
      await self.changePassword(c.user, body.currentPassword, body.newPassword, request.ip);
      if (c.credential.kind === 'session') clearSessionCookie(deployment, reply);
      return undefined;
    },
    meMfa: ({ caller }) => self.mfaStatus(required(caller).user),
    enrollmentStart: ({ caller, body, request }) => self.startEnrollment(required(caller).user, body.password, request.ip),
    enrollmentConfirm: ({ caller, body }) => {
      const c = required(caller);
      return self.confirmEnrollment(c.user, c.credential, body.code);
    },
    disableMfa: async ({ caller, body, request }) => {
      await self.disable(required(caller).user, body.password, secondFactor(body), request.ip);
      return undefined;
    },
    regenerateRecoveryCodes: ({ caller, body, request }) => self.regenerateRecoveryCodes(required(caller).user, body.password, body.code, request.ip),
    getPolicy: ({ reply }) => {
      const p = policy.get();
      reply.header('etag', policyEtag(p));
      return p;
    },
    putPolicy: ({ caller, body, request, reply }) => {
      const c = required(caller);
      const ifMatch = request.headers['if-match'];
      const saved = policy.update(c.user, c.credential, Array.isArray(ifMatch) ? ifMatch.join(',') : ifMatch, body);
      reply.header('etag', policyEtag(saved));
      return saved;
    },
    listUsers: ({ query }) => admin.list(query),
    createUser: ({ caller, body }) => admin.create(required(caller).user, body),
    getUser: ({ params }) => admin.get(params.id),
    updateUser: ({ caller, params, body }) => admin.update(required(caller).user, params.id, body),
    deleteUser: ({ caller, params, body }) => {
      admin.delete(required(caller).user, params.id, body?.currentCode);
      return undefined;
    },
    resetUserMfa: ({ caller, params, body }) => admin.resetMfa(required(caller).user, params.id, body?.currentCode),
    unlockUserMfa: ({ caller, params }) => admin.unlock(required(caller).user, params.id),
    requireUserMfa: ({ caller, params }) => admin.setMfaRequired(required(caller).user, params.id, true),
    liftUserMfaRequirement: ({ caller, params, body }) => admin.setMfaRequired(required(caller).user, params.id, false, body?.currentCode),
    auditEvents: ({ query }) => {
      let before: number | undefined;
      if (query.cursor !== undefined) {
        if (!/^\d{1,15}$/.test(query.cursor)) {
          throw new ProblemError('validation-failed', 'cursor: use nextCursor from the previous page.', {
            field: 'cursor',
            errors: [{ location: 'query', field: 'cursor', message: 'not a cursor this server issued' }],
          });
        }
        before = Number(query.cursor);
      }
      // from/to were validated (ISO 8601 with zone, from <= to) against the shared schema.
      const from = query.from === undefined ? undefined : Date.parse(query.from);
      const to = query.to === undefined ? undefined : Date.parse(query.to);
      const page = ctx.audit.list({ type: query.type, userId: query.userId, from, to, before, limit: query.limit ?? 50 });
      return { items: page.items, nextCursor: page.more ? String(page.items.at(-1)?.id) : null };
    },
  };
}
