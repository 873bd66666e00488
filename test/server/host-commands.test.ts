import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../server/cli/run';
import { resolveHashOptions, INSECURE_FAST_HASH_OPTIONS, PRODUCTION_HASH_OPTIONS } from '../../server/crypto/password-hasher';
import { openDataDir } from '../../server/storage/open-data-dir';
import { ensureInitialAdmin } from '../../server/cli/host-commands';
import { PASSWORD, TEST_KEY, putPolicy, startHarness } from './support';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'twofold-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    env: { NODE_ENV: 'test', TWOFOLD_INSECURE_FAST_HASH: '1', TWOFOLD_SERVER_KEY: TEST_KEY.toString('hex'), ...env },
  };
}

describe('twofold-server host commands', () => {
  it('user add, user passwd, mfa reset and policy set work on a stopped server and are audited', async () => {
    const a = io({ TWOFOLD_USER_PASSWORD: 'first password' });
    expect(await runCli(['user', 'add', 'carol', '--role', 'admin', '--data', dataDir], a)).toBe(0);
    expect(a.lines.join('\n')).toContain('Added Server Admin carol');
    expect(await runCli(['user', 'add', 'carol', '--role', 'member', '--data', dataDir], io({ TWOFOLD_USER_PASSWORD: 'first password' }))).toBe(2);
    const bad = io({ TWOFOLD_USER_PASSWORD: 'x' });
    expect(await runCli(['user', 'add', 'dan', '--role', 'boss', '--data', dataDir], bad)).toBe(2);
    expect(bad.errors.join()).toContain('--role must be admin or member');
    expect(await runCli(['user', 'passwd', 'carol', '--data', dataDir], io({ TWOFOLD_USER_PASSWORD: 'second password' }))).toBe(0);

    // The server: enroll carol, switch to Required; then recover from the host with the server stopped.
    const h = await startHarness({ dataDir });
    try {
      const login = await h.req('POST', '/api/v1/auth/login', { body: { username: 'carol', password: 'second password', issue: 'apiKey' } });
      const key = login.json().apiKey.token;
      const start = await h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: 'second password' } });
      await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code: h.code(start.json().secret) } });
      h.clock.nextStep();
      expect((await putPolicy(h, key, { enforcementMode: 'Required', currentCode: h.code(start.json().secret) })).statusCode).toBe(200);
      // While the server runs, host commands refuse the locked data directory.
      const busy = io();
      expect(await runCli(['mfa', 'reset', 'carol', '--data', dataDir], busy)).toBe(1);
      expect(busy.errors.join()).toMatch(/in use by process/);
      await h.server.close();

      expect(await runCli(['mfa', 'reset', 'carol', '--data', dataDir], io())).toBe(0);
      const p = io();
      expect(await runCli(['policy', 'set', '--mode', 'Optional', '--issuer', 'Acme', '--data', dataDir], p)).toBe(0);
      expect(p.lines.join()).toContain('Policy set to Optional');
      expect(await runCli(['policy', 'set', '--mode', 'Sometimes', '--data', dataDir], io())).toBe(2);

      const store = openDataDir({ dataDir, serverKey: TEST_KEY });
      try {
        expect(store.ctx.policy.get()).toMatchObject({ enforcementMode: 'Optional', issuer: 'Acme', updatedBy: 'host-command' });
        expect(store.ctx.users.summary()).toMatchObject({ total: 1, enrolled: 0 });
        const events = store.ctx.audit.list({ limit: 100 }).items.filter((e) => e.via === 'host-command').map((e) => e.type);
        expect(events).toEqual(['policy-changed', 'mfa-reset', 'password-changed', 'user-created']);
      } finally {
        store.close();
      }
    } finally {
      await h.server.close();
    }
  });

  it('prints usage and refuses unknown commands and options', async () => {
    const u = io();
    expect(await runCli([], u)).toBe(2);
    expect(u.lines.join()).toContain('Usage: twofold-server');
    const x = io();
    expect(await runCli(['frobnicate', '--data', dataDir], x)).toBe(2);
    expect(x.errors.join()).toContain('Unknown command');
    const y = io();
    expect(await runCli(['mfa', 'reset', 'carol', '--force', 'yes', '--data', dataDir], y)).toBe(2);
    expect(y.errors.join()).toContain('Unknown option --force');
  });

  it('first start on an empty data directory creates the Server Admin "admin", once', async () => {
    const store = openDataDir({ dataDir, serverKey: TEST_KEY, passwordHashOptions: INSECURE_FAST_HASH_OPTIONS });
    try {
      const first = await ensureInitialAdmin(store.ctx, undefined);
      expect(first.created).toBe(true);
      expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(await store.ctx.hasher.verify(store.ctx.users.byUsername('admin')?.password_hash ?? '', first.generatedPassword as string)).toBe(true);
      expect(store.ctx.users.byUsername('admin')?.role).toBe('server_admin');
      expect(await ensureInitialAdmin(store.ctx, 'another password')).toEqual({ created: false });
    } finally {
      store.close();
    }
  });

  it('uses Argon2id with OWASP parameters unless the cheap setting is asked for explicitly', async () => {
    expect(resolveHashOptions({}, false)).toEqual(PRODUCTION_HASH_OPTIONS);
    expect(PRODUCTION_HASH_OPTIONS).toEqual({ memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
    expect(() => resolveHashOptions({ TWOFOLD_INSECURE_FAST_HASH: '1' }, false)).toThrow(/refused unless NODE_ENV=test/);
    expect(resolveHashOptions({ TWOFOLD_INSECURE_FAST_HASH: '1', NODE_ENV: 'test' }, false)).toEqual(INSECURE_FAST_HASH_OPTIONS);
    expect(resolveHashOptions({}, true)).toEqual(INSECURE_FAST_HASH_OPTIONS);
    const h = await startHarness({ dataDir });
    try {
      expect(h.server.ctx.users.byUsername('x')).toBeUndefined();
      await h.addUser('x', 'member');
      expect(h.server.ctx.users.byUsername('x')?.password_hash).toMatch(/^\$argon2id\$/);
      expect(PASSWORD).toBeTruthy();
    } finally {
      await h.server.close();
    }
  });
});
