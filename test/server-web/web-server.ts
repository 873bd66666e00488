import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import { createServer, type TwofoldServer } from '../../server/app';
import { INSECURE_FAST_HASH_OPTIONS } from '../../server/crypto/password-hasher';
import { newId } from '../../server/crypto/tokens';
import type { EnforcementMode, Role } from '../../shared/admin-api';

export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'web', 'public');
export const PASSWORD = 'correct horse battery';

/**
 * Real time plus an offset the test can push forward. The server verifies codes against this
 * clock and the test computes them from it, so moving to the next 30-second TOTP step (a code is
 * accepted once per step, RFC 6238 §5.2) costs no waiting, while the times the page shows stay
 * plausible.
 */
export class SteppingClock {
  private offset = 0;
  now = (): number => Date.now() + this.offset;
  /** Moves one second into the next TOTP step. */
  nextStep(): void {
    const t = this.now();
    this.offset += (Math.floor(t / 30_000) + 1) * 30_000 + 1000 - t;
  }
}

/** The user's authenticator app: the RFC 6238 code of a base32 secret now. */
export function totpCode(secret: string, at: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at, algorithm: 'SHA1', digits: 6, period: 30 });
}

export interface WebServer {
  server: TwofoldServer;
  clock: SteppingClock;
  baseUrl: string;
  addUser(username: string, role?: Role): Promise<void>;
  /** A code for `secret` at a fresh TOTP step (never one the server has already seen). */
  freshCode(secret: string): string;
  /** Calls the API as a desktop client would (Bearer key), for setting the scene. */
  api(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }>;
  /** Signs in as a Server Admin, enrolls them, and sets the policy through PUT /mfa/policy. */
  setPolicy(mode: EnforcementMode, gracePeriodDays?: number): Promise<void>;
  /** Enrolls `username` (no MFA yet, policy not Required) through the API; returns the secret. */
  enrollViaApi(username: string): Promise<string>;
  /** Like enrollViaApi, and also returns the recovery codes the confirmation answered. */
  enrollWithCodesViaApi(username: string): Promise<{ secret: string; codes: string[] }>;
  close(): Promise<void>;
}

/**
 * The real reference server on 127.0.0.1 with a temporary data directory, the cheap password
 * hash (tests only) and the self-service page served from server/web/public.
 */
export async function startWebServer(): Promise<WebServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'twofold-web-'));
  const clock = new SteppingClock();
  const server = await createServer({
    dataDir,
    clock,
    logger: false,
    passwordHashOptions: INSECURE_FAST_HASH_OPTIONS,
    serverKey: randomBytes(32),
    webRoot: WEB_ROOT,
  });
  const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const adminSecret: { value: string | null } = { value: null };

  const web: WebServer = {
    server,
    clock,
    baseUrl: address,
    async addUser(username, role = 'member') {
      server.ctx.users.insert({
        id: newId('u'),
        username,
        password_hash: await server.ctx.hasher.hash(PASSWORD),
        role,
        permissions: '[]',
        created_at: clock.now(),
      });
    },
    freshCode(secret) {
      clock.nextStep();
      return totpCode(secret, clock.now());
    },
    async api(method, path, opts = {}) {
      const r = await server.app.inject({
        method: method as 'GET',
        url: `/api/v1${path}`,
        headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
        ...(opts.body === undefined ? {} : { payload: opts.body as object }),
      });
      return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null, headers: r.headers };
    },
    async enrollViaApi(username) {
      return (await web.enrollWithCodesViaApi(username)).secret;
    },
    async enrollWithCodesViaApi(username) {
      const login = await web.api('POST', '/auth/login', { body: { username, password: PASSWORD, issue: 'apiKey' } });
      const token = (login.body as { apiKey?: { token: string } }).apiKey?.token;
      if (!token) throw new Error(`enrollViaApi(${username}): ${JSON.stringify(login.body)}`);
      const start = await web.api('POST', '/me/mfa/enrollment', { token, body: { password: PASSWORD } });
      const secret = (start.body as { secret: string }).secret;
      const confirm = await web.api('POST', '/me/mfa/enrollment/confirm', { token, body: { code: web.freshCode(secret) } });
      if (confirm.status !== 200) throw new Error(`enrollViaApi(${username}) confirm: ${JSON.stringify(confirm.body)}`);
      return { secret, codes: (confirm.body as { recoveryCodes: string[] }).recoveryCodes };
    },
    async setPolicy(mode, gracePeriodDays) {
      if (adminSecret.value === null) {
        await web.addUser('root-admin', 'server_admin');
        adminSecret.value = await web.enrollViaApi('root-admin');
      }
      const login = await web.api('POST', '/auth/login', { body: { username: 'root-admin', password: PASSWORD, issue: 'apiKey' } });
      const ticket = (login.body as { challenge: { ticket: string } }).challenge.ticket;
      const done = await web.api('POST', '/auth/login/totp', { body: { ticket, code: web.freshCode(adminSecret.value) } });
      const token = (done.body as { apiKey: { token: string } }).apiKey.token;
      const current = await web.api('GET', '/mfa/policy', { token });
      const put = await web.api('PUT', '/mfa/policy', {
        token,
        headers: { 'if-match': String(current.headers.etag) },
        body: {
          enabled: true,
          enforcementMode: mode,
          issuer: 'Twofold',
          ...(gracePeriodDays === undefined ? {} : { gracePeriodDays }),
          ...(mode === 'Required' ? { currentCode: web.freshCode(adminSecret.value) } : {}),
        },
      });
      if (put.status !== 200) throw new Error(`setPolicy(${mode}): ${JSON.stringify(put.body)}`);
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return web;
}
