import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * End to end: the real `twofold-server serve` process on 127.0.0.1, real HTTP, real clock, and
 * Debian's `oathtool` as the user's authenticator app.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const ADMIN_PASSWORD = 'e2e admin password';
let proc: ChildProcess;
let base: string;
let dataDir: string;

/** oathtool's code for a base32 secret at a time (RFC 6238, SHA-1, 6 digits, 30 s). */
function oathtool(secret: string, at: Date): string {
  const now = at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '-b', '--now', now, secret], { encoding: 'utf8' }).trim();
}

async function call(method: string, path: string, body?: unknown, token?: string) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, type: r.headers.get('content-type') ?? '', json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'twofold-e2e-'));
  proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), 'serve', '--data', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', TWOFOLD_INSECURE_FAST_HASH: '1', TWOFOLD_ADMIN_PASSWORD: ADMIN_PASSWORD, TWOFOLD_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await new Promise<string>((resolveBase, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveBase(m[1]);
      }
    });
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
});

afterAll(async () => {
  if (proc.exitCode === null) {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('twofold-server with oathtool as the authenticator', () => {
  it('enroll, confirm, sign in with a code, receive an API key, use it', async () => {
    const health = await call('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(Math.abs(Date.parse(health.json.time) - Date.now())).toBeLessThan(60_000);

    const first = await call('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD, issue: 'apiKey', apiKeyName: 'e2e' });
    expect(first.json.result).toBe('authenticated');
    const passwordOnlyKey = first.json.apiKey.token;

    const start = await call('POST', '/api/v1/me/mfa/enrollment', { password: ADMIN_PASSWORD }, passwordOnlyKey);
    expect(start.status).toBe(200);
    expect(start.json.otpauthUri).toMatch(/^otpauth:\/\/totp\/Twofold:admin\?/);
    const secret: string = start.json.secret;
    const confirm = await call('POST', '/api/v1/me/mfa/enrollment/confirm', { code: oathtool(secret, new Date()) }, passwordOnlyKey);
    expect(confirm.status).toBe(200);
    expect(confirm.json).toEqual({ enrolled: true, recoveryCodes: expect.any(Array) });
    const recoveryCodes: string[] = confirm.json.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);

    const login = await call('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD, issue: 'apiKey', apiKeyName: 'desktop' });
    expect(login.json.result).toBe('mfa_required');
    // The confirmation used this step; the next step's code is within the ±1 window (RFC 6238 §5.2).
    const replay = await call('POST', '/api/v1/auth/login/totp', { ticket: login.json.challenge.ticket, code: oathtool(secret, new Date(Date.now() - 30_000)) });
    expect(replay.status).toBe(403);
    expect(replay.type).toContain('application/problem+json');
    const ok = await call('POST', '/api/v1/auth/login/totp', { ticket: login.json.challenge.ticket, code: oathtool(secret, new Date(Date.now() + 30_000)) });
    expect(ok.status).toBe(200);
    expect(ok.json.apiKey).toMatchObject({ name: 'desktop', token: expect.stringMatching(/^tfk_/) });

    const users = await call('GET', '/api/v1/users', undefined, ok.json.apiKey.token);
    expect(users.status).toBe(200);
    expect(users.json.summary).toEqual({ total: 1, enrolled: 1, serverAdminsEnrolled: 1, membersNotEnrolled: 0 });

    // A recovery code (upper case, spaces) in place of the code, against production Argon2 cost.
    const again = await call('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD, issue: 'apiKey', apiKeyName: 'recovery' });
    const spoken = (recoveryCodes[4] as string).toUpperCase().replace(/-/g, ' ');
    const recovered = await call('POST', '/api/v1/auth/login/totp', { ticket: again.json.challenge.ticket, recoveryCode: spoken });
    expect(recovered.status).toBe(200);
    expect(recovered.json.recoveryCodesRemaining).toBe(9);
    expect(JSON.stringify(users.json)).not.toContain(secret);
    const openapi = await call('GET', '/api/v1/openapi.json');
    expect(openapi.json.openapi).toBe('3.1.0');
  });
});
