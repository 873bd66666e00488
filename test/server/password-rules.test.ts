import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../server/cli/run';
import { ensureInitialAdmin } from '../../server/cli/host-commands';
import { openDataDir } from '../../server/storage/open-data-dir';
import { contextWords, judgePassword } from '../../shared/password-rules';
import { PASSWORD, TEST_KEY, startHarness, type Harness } from './support';

/**
 * Password rules (issue #11 item 2; NIST SP 800-63B rev. 4 §3.1.1.2, ASVS 6.2.4/6.2.11) at every
 * place a password is set: first-admin bootstrap, `user add`, `user passwd`, POST /users and
 * POST /me/password.
 */
const BLOCKED = (username: string) => ['password', '12345678', 'qwertyuiop', `${username}2024`, 'ｐａｓｓｗｏｒｄ１', 'Twofold2026!'];

/** A random 4-word passphrase from the diceware list (7,776 words: ~51.7 bits). */
function passphrase(): string {
  const words = (zxcvbnCommon.dictionary as Record<string, string[]>)['diceware-common']!;
  return Array.from({ length: 4 }, () => words[randomInt(words.length)]).join(' ');
}

const dirs: string[] = [];
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function cliIo(env: Record<string, string> = {}): CliIo & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    out: () => undefined,
    err: (l) => errors.push(l),
    env: { NODE_ENV: 'test', TWOFOLD_INSECURE_FAST_HASH: '1', TWOFOLD_SERVER_KEY: TEST_KEY.toString('hex'), ...env },
  };
}

describe('the estimator', () => {
  it('refuses common passwords, Unicode variants of them and passwords built from context words, saying why', () => {
    const ctx = contextWords('alice', 'Acme VPN');
    expect(judgePassword('password', ctx)).toMatchObject({ refusal: 'common', message: expect.stringMatching(/most common passwords.*passphrase/) });
    expect(judgePassword('ｐａｓｓｗｏｒｄ', ctx).refusal).toBe('common');
    expect(judgePassword('alice2024', ctx)).toMatchObject({ refusal: 'context', message: expect.stringMatching(/username/) });
    expect(judgePassword('acmevpn2024', ctx).refusal).not.toBeNull();
    expect(judgePassword('short', ctx).refusal).toBe('too-short');
    // Eight characters are counted after NFKC, as code points: "ﬀ" is two letters.
    expect(judgePassword('😀😀😀😀😀😀😀', ctx).refusal).toBe('too-short');
    for (let i = 0; i < 20; i++) {
      const p = passphrase();
      expect(judgePassword(p, contextWords('alice', 'Twofold')), p).toMatchObject({ refusal: null });
    }
  });
});

describe('every place a password is set', () => {
  it('POST /users and POST /me/password refuse the blocklist with 400 password-too-weak and accept a passphrase', async () => {
    h = await startHarness();
    await h.addUser('root', 'server_admin');
    const rootKey = await h.apiKey('root');
    for (const password of BLOCKED('alice')) {
      const r = await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'alice', password, role: 'member' } });
      expect(r.statusCode, password).toBe(400);
      expect(r.json(), password).toMatchObject({ code: 'password-too-weak', field: 'password', detail: expect.stringContaining('passphrase') });
    }
    const aliceSecret = passphrase();
    expect((await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'alice', password: aliceSecret, role: 'member' } })).statusCode).toBe(201);
    for (const newPassword of BLOCKED('root')) {
      const r = await h.req('POST', '/api/v1/me/password', { token: rootKey, body: { currentPassword: PASSWORD, newPassword } });
      expect(r.json(), newPassword).toMatchObject({ code: 'password-too-weak', field: 'newPassword' });
    }
    // Nothing changed: the old password still signs in, the key still works.
    expect((await h.req('GET', '/api/v1/me', { token: rootKey })).statusCode).toBe(200);
    expect((await h.req('POST', '/api/v1/me/password', { token: rootKey, body: { currentPassword: PASSWORD, newPassword: passphrase() } })).statusCode).toBe(204);
  });

  it('a password set in one Unicode form signs in with its NFKC equivalent', async () => {
    h = await startHarness();
    await h.addUser('root', 'server_admin');
    const rootKey = await h.apiKey('root');
    const fullWidth = 'ｏｒｂｉｔ ｌａｎｔｅｒｎ ｆｉｚｚｙ ｃｏｂａｌｔ';
    expect((await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'zoe', password: fullWidth, role: 'member' } })).statusCode).toBe(201);
    const r = await h.req('POST', '/api/v1/auth/login', { body: { username: 'zoe', password: 'orbit lantern fizzy cobalt', issue: 'apiKey' } });
    expect(r.json().result).toBe('authenticated');
  });

  it('user add, user passwd and the first-admin bootstrap refuse the blocklist with the reason', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'twofold-rules-'));
    dirs.push(dataDir);
    for (const password of BLOCKED('carol')) {
      const io = cliIo({ TWOFOLD_USER_PASSWORD: password });
      expect(await runCli(['user', 'add', 'carol', '--role', 'member', '--data', dataDir], io), password).toBe(2);
      expect(io.errors.join('\n'), password).toMatch(/Password refused: .*passphrase/);
    }
    expect(await runCli(['user', 'add', 'carol', '--role', 'member', '--data', dataDir], cliIo({ TWOFOLD_USER_PASSWORD: passphrase() }))).toBe(0);
    for (const password of BLOCKED('carol')) {
      const io = cliIo({ TWOFOLD_USER_PASSWORD: password });
      expect(await runCli(['user', 'passwd', 'carol', '--data', dataDir], io), password).toBe(2);
      expect(io.errors.join('\n')).toMatch(/Password refused/);
    }

    const fresh = mkdtempSync(join(tmpdir(), 'twofold-rules-'));
    dirs.push(fresh);
    for (const password of BLOCKED('admin')) {
      const io = cliIo({ TWOFOLD_ADMIN_PASSWORD: password });
      expect(await runCli(['serve', '--port', '0', '--data', fresh], io), password).toBe(2);
      expect(io.errors.join('\n')).toMatch(/TWOFOLD_ADMIN_PASSWORD: Password refused: .*generated one/);
    }
    // Nobody was created by the refusals; a passphrase or the generated default is accepted.
    const store = openDataDir({ dataDir: fresh, serverKey: TEST_KEY });
    try {
      expect(store.ctx.users.summary().total).toBe(0);
      const generated = await ensureInitialAdmin(store.ctx, undefined);
      expect(generated.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    } finally {
      store.close();
    }
  });
});
