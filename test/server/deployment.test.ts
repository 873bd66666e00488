import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../server/cli/run';
import { PASSWORD, TEST_KEY, startHarness, type Harness } from './support';

/** Standing on a hostile network (issue #11 item 5): Host, X-Forwarded-*, cookies, start-up refusals. */
let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const login = (headers: Record<string, string>, remoteAddress?: string) =>
  h!.req('POST', '/api/v1/auth/login', { body: { username: 'alice', password: PASSWORD, issue: 'session' }, headers, ...(remoteAddress ? { remoteAddress } : {}) });

describe('Host (DNS rebinding)', () => {
  it('answers loopback names; 421 problem+json for any other name, a missing Host or an odd one', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    for (const host of ['localhost', 'localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'app.localhost']) {
      expect((await login({ host })).statusCode, host).toBe(200);
    }
    for (const host of ['rebind.evil.example', 'rebind.evil.example:8787', '127.0.0.1.evil.example', 'a'.repeat(300), '[::1].evil']) {
      const r = await login({ host });
      expect(r.statusCode, host).toBe(421);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'misdirected-request', status: 421 });
    }
    // The page and the OpenAPI document too: nothing answers for a foreign name.
    expect((await h.req('GET', '/api/v1/health', { headers: { host: 'rebind.evil.example' } })).statusCode).toBe(421);
    // No Host at all (HTTP/1.0 allows it): the same problem, over a real socket.
    const address = await h.server.app.listen({ host: '127.0.0.1', port: 0 });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(address).port), '127.0.0.1', () => socket.end('GET /api/v1/health HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += String(d)));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 421/);
    expect(raw).toContain('"code":"misdirected-request"');
    // Nothing was signed in by the refused requests.
    expect(h.server.db.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE type = 'login-succeeded'`).get()).toEqual({ n: 5 });
  });

  it('with --public-origin: its host is answered, others still get 421; X-Forwarded-Host only from a trusted proxy', async () => {
    h = await startHarness({ publicOrigin: 'https://mfa.example.com', trustProxy: ['10.0.0.1'] });
    await h.addUser('alice', 'member');
    expect((await login({ host: 'mfa.example.com' })).statusCode).toBe(200);
    expect((await login({ host: 'other.example.com' })).statusCode).toBe(421);
    expect((await login({ host: 'internal:8787', 'x-forwarded-host': 'mfa.example.com' }, '10.0.0.1')).statusCode).toBe(200);
    expect((await login({ host: 'internal:8787', 'x-forwarded-host': 'mfa.example.com' }, '203.0.113.7')).statusCode).toBe(421);
    expect((await login({ host: 'localhost', 'x-forwarded-host': 'rebind.evil.example' }, '10.0.0.1')).statusCode).toBe(421);
  });
});

describe('session cookie flags', () => {
  it('without --public-origin: twofold_session, HttpOnly, SameSite=Strict, no Secure over plain HTTP', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    const cookie = String((await login({})).headers['set-cookie']);
    expect(cookie).toMatch(/^twofold_session=[1-9]\d*\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
  });

  it('with an https --public-origin: __Host- prefix and Secure, read back under that name; Origin must be the public one', async () => {
    h = await startHarness({ publicOrigin: 'https://mfa.example.com' });
    await h.addUser('alice', 'member');
    const setCookie = String((await login({ host: 'mfa.example.com', origin: 'https://mfa.example.com' })).headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-twofold_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    const cookie = setCookie.split(';')[0] as string;
    expect((await h.req('GET', '/api/v1/me', { headers: { cookie, host: 'mfa.example.com' } })).statusCode).toBe(200);
    // The unprefixed name is not read (a sibling host could have set it).
    expect((await h.req('GET', '/api/v1/me', { headers: { cookie: cookie.replace('__Host-', ''), host: 'mfa.example.com' } })).statusCode).toBe(401);
    const logout = (origin: string) => h!.req('POST', '/api/v1/auth/logout', { headers: { cookie, host: 'mfa.example.com', origin } });
    expect((await logout('http://mfa.example.com')).json().code).toBe('forbidden');
    expect((await logout('https://mfa.example.com')).statusCode).toBe(204);
  });

  it('X-Forwarded-Proto makes the cookie Secure only from a trusted proxy', async () => {
    h = await startHarness({ trustProxy: ['10.0.0.1'] });
    await h.addUser('alice', 'member');
    expect(String((await login({ 'x-forwarded-proto': 'https' }, '10.0.0.1')).headers['set-cookie'])).toMatch(/; Secure$/);
    expect(String((await login({ 'x-forwarded-proto': 'https' }, '203.0.113.7')).headers['set-cookie'])).not.toMatch(/Secure/);
  });
});

describe('serve: refusals and warnings at start', () => {
  function cliIo(env: Record<string, string> = {}): CliIo & { lines: string[]; errors: string[] } {
    const lines: string[] = [];
    const errors: string[] = [];
    return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env: { NODE_ENV: 'test', TWOFOLD_INSECURE_FAST_HASH: '1', TWOFOLD_SERVER_KEY: TEST_KEY.toString('hex'), ...env } };
  }

  it('refuses a non-loopback --host without --public-origin, and a public origin that is not an origin, in one line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'twofold-deploy-'));
    dirs.push(dataDir);
    const io = cliIo();
    expect(await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--data', dataDir], io)).toBe(2);
    expect(io.errors).toEqual([expect.stringMatching(/^--host 0\.0\.0\.0 is reachable from other machines: also give --public-origin/)]);
    const bad = cliIo();
    expect(await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--public-origin', 'https://mfa.example.com/path', '--data', dataDir], bad)).toBe(2);
    expect(bad.errors.join()).toMatch(/must be an origin/);
    const env = cliIo({ TWOFOLD_PUBLIC_ORIGIN: 'ftp://x' });
    expect(await runCli(['serve', '--port', '0', '--data', dataDir], env)).toBe(2);
  });

  it('prints a warning at every start while no Server Admin is enrolled', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'twofold-deploy-'));
    dirs.push(dataDir);
    const io = cliIo();
    const running = runCli(['serve', '--port', '0', '--data', dataDir], io);
    for (let i = 0; i < 100 && !io.lines.some((l) => l.includes('listening')); i++) await new Promise((r) => setTimeout(r, 50));
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(io.errors.join('\n')).toMatch(/WARNING: no Server Admin has enrolled an authenticator/);
  });
});
