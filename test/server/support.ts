import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Secret, TOTP } from 'otpauth';
import type { LightMyRequestResponse } from 'fastify';
import { createServer, type TwofoldServer } from '../../server/app';
import { INSECURE_FAST_HASH_OPTIONS } from '../../server/crypto/password-hasher';
import { newId } from '../../server/crypto/tokens';
import type { Permission, Role } from '../../shared/admin-api';

/** 2026-01-01T00:00:01Z: one second into a TOTP step, so ±1 step is unambiguous. */
export const T0 = Date.UTC(2026, 0, 1, 0, 0, 1);
export const TEST_KEY = Buffer.alloc(32, 7);
/** Passes the password rules (shared/password-rules.ts): zxcvbn score 4. */
export const PASSWORD = 'correct horse battery';

export class TestClock {
  constructor(public t = T0) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
  /** Moves to the next 30-second step (one second into it), so a new code is acceptable. */
  nextStep(): void {
    this.t = (Math.floor(this.t / 30_000) + 1) * 30_000 + 1000;
  }
}

export interface Harness {
  server: TwofoldServer;
  clock: TestClock;
  dataDir: string;
  logs: string[];
  /** `remoteAddress`: the socket's peer address (default 127.0.0.1). */
  req(method: string, url: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string>; remoteAddress?: string }): Promise<LightMyRequestResponse>;
  addUser(username: string, role: Role, permissions?: Permission[]): Promise<string>;
  /** Signs in (no MFA on the account yet, or MFA not asked) and returns an API key. */
  apiKey(username: string): Promise<string>;
  /** Enrolls the user through the API; returns the base32 secret. Leaves the clock on a fresh step. */
  enroll(token: string): Promise<string>;
  code(secret: string, at?: number): string;
  /** A step-up code (issue #11): the current code, then the clock moves on a step so the next one differs. */
  stepUp(secret: string): string;
  /** Full sign-in with password and code; returns an API key. */
  apiKeyWithCode(username: string, secret: string): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The user's authenticator: RFC 6238 code of a base32 secret at a time. */
export function codeFor(secret: string, at: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at, algorithm: 'SHA1', digits: 6, period: 30 });
}

export async function startHarness(
  opts: { dataDir?: string; clock?: TestClock; logLevel?: string; publicOrigin?: string; trustProxy?: string[]; apiKeyDays?: number } = {},
): Promise<Harness> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'twofold-server-'));
  const clock = opts.clock ?? new TestClock();
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const make = () =>
    createServer({
      dataDir,
      clock,
      logger: stream,
      logLevel: opts.logLevel ?? 'debug',
      passwordHashOptions: INSECURE_FAST_HASH_OPTIONS,
      serverKey: TEST_KEY,
      validateResponses: true,
      ...(opts.publicOrigin === undefined ? {} : { publicOrigin: opts.publicOrigin }),
      ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
      ...(opts.apiKeyDays === undefined ? {} : { apiKeyDays: opts.apiKeyDays }),
    });
  let server = await make();

  const h: Harness = {
    get server() {
      return server;
    },
    clock,
    dataDir,
    logs,
    req: (method, url, o = {}) =>
      server.app.inject({
        method: method as 'GET',
        url,
        headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.headers ?? {}) },
        ...(o.remoteAddress === undefined ? {} : { remoteAddress: o.remoteAddress }),
        ...(o.body === undefined ? {} : { payload: o.body as object }),
      }),
    async addUser(username, role, permissions = []) {
      const id = newId('u');
      server.ctx.users.insert({
        id,
        username,
        password_hash: await server.ctx.hasher.hash(PASSWORD),
        role,
        permissions: JSON.stringify(permissions),
        created_at: clock.now(),
      });
      return id;
    },
    async apiKey(username) {
      const r = await h.req('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD, issue: 'apiKey' } });
      const body = r.json();
      if (body.result !== 'authenticated') throw new Error(`apiKey(${username}): ${r.body}`);
      return body.apiKey.token as string;
    },
    async enroll(token) {
      const start = await h.req('POST', '/api/v1/me/mfa/enrollment', { token, body: { password: PASSWORD } });
      if (start.statusCode !== 200) throw new Error(`enroll start: ${start.body}`);
      const secret = start.json().secret as string;
      const confirm = await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token, body: { code: h.code(secret) } });
      if (confirm.statusCode !== 200) throw new Error(`enroll confirm: ${confirm.body}`);
      clock.nextStep();
      return secret;
    },
    code: (secret, at) => codeFor(secret, at ?? clock.now()),
    stepUp(secret) {
      const c = codeFor(secret, clock.now());
      clock.nextStep();
      return c;
    },
    async apiKeyWithCode(username, secret) {
      const r = await h.req('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD, issue: 'apiKey' } });
      const first = r.json();
      if (first.result === 'authenticated') return first.apiKey.token;
      const t = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: first.challenge.ticket, code: h.code(secret) } });
      clock.nextStep();
      if (t.statusCode !== 200) throw new Error(`apiKeyWithCode(${username}): ${t.body}`);
      return t.json().apiKey.token;
    },
    async restart() {
      await server.close();
      server = await make();
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Reads the ETag and sends a policy change. */
export async function putPolicy(h: Harness, token: string, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  const get = await h.req('GET', '/api/v1/mfa/policy', { token });
  const etag = String(get.headers.etag);
  return h.req('PUT', '/api/v1/mfa/policy', { token, body: { enabled: true, issuer: 'Twofold', ...body }, headers: { 'if-match': etag } });
}
