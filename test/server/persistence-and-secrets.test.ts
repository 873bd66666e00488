import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../server/app';
import { INSECURE_FAST_HASH_OPTIONS } from '../../server/crypto/password-hasher';
import { PASSWORD, TEST_KEY, putPolicy, startHarness, type Harness } from './support';

let h: Harness;
afterEach(async () => h.close());

/** Every file of the data directory (database, WAL, policy) as raw bytes. */
function dataDirBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).map((f) => readFileSync(join(dir, f))));
}

describe('persistence', () => {
  it('a restart keeps users, enrollment, policy, API keys, lockouts and the audit log', async () => {
    h = await startHarness();
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    const secret = await h.enroll(key);
    await putPolicy(h, key, { enforcementMode: 'Required', issuer: 'Acme', currentCode: h.code(secret) });
    h.clock.nextStep();
    await h.addUser('bob', 'member');
    const bobSecret = await h.enroll(await h.apiKey('bob').catch(() => 'none')).catch(() => null);
    expect(bobSecret).toBeNull(); // under Required bob's password-only key is refused
    const beforeAudit = (await h.req('GET', '/api/v1/mfa/audit-events?limit=200', { token: key })).json().items.length;
    const usedCode = h.code(secret);
    const t = (await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: PASSWORD, issue: 'apiKey' } })).json().challenge.ticket;
    expect((await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: t, code: usedCode } })).statusCode).toBe(200);

    await h.restart();

    expect((await h.req('GET', '/api/v1/mfa/policy', { token: key })).json()).toMatchObject({ enforcementMode: 'Required', issuer: 'Acme', version: 2 });
    const users = (await h.req('GET', '/api/v1/users', { token: key })).json();
    expect(users.summary).toEqual({ total: 2, enrolled: 1, serverAdminsEnrolled: 1, membersNotEnrolled: 1 });
    // The replay marker survived: the same code is still refused after the restart.
    const t2 = (await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: PASSWORD, issue: 'apiKey' } })).json().challenge.ticket;
    expect((await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: t2, code: usedCode } })).json().code).toBe('mfa-code-replayed');
    h.clock.nextStep();
    expect((await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: t2, code: h.code(secret) } })).statusCode).toBe(200);
    const afterAudit = (await h.req('GET', '/api/v1/mfa/audit-events?limit=200', { token: key })).json().items.length;
    expect(afterAudit).toBeGreaterThan(beforeAudit);
  });

  it('allows one server per data directory', async () => {
    h = await startHarness();
    await expect(createServer({ dataDir: h.dataDir, logger: false, serverKey: TEST_KEY, passwordHashOptions: INSECURE_FAST_HASH_OPTIONS })).rejects.toThrow(/in use by process/);
  });

  it('refuses to start with another server key, and still starts with the right one', async () => {
    h = await startHarness();
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    await h.enroll(key);
    await h.server.close();
    await expect(createServer({ dataDir: h.dataDir, logger: false, serverKey: Buffer.alloc(32, 9), passwordHashOptions: INSECURE_FAST_HASH_OPTIONS })).rejects.toThrow(
      /server key does not match/,
    );
    await h.restart();
  });
});

describe('no secret leaks', () => {
  it('no TOTP secret, password, code, ticket, API key or session appears in logs or in plaintext in the data directory', async () => {
    h = await startHarness();
    await h.addUser('root', 'server_admin');
    const login = await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: PASSWORD, issue: 'session' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const sessionToken = cookie.split('=')[1] as string;
    const key = await h.apiKey('root');
    const start = (await h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: PASSWORD } })).json();
    const code = h.code(start.secret);
    await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code } });
    h.clock.nextStep();
    const ticket = (await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: PASSWORD, issue: 'apiKey' } })).json().challenge.ticket;
    const code2 = h.code(start.secret);
    const key2 = (await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket, code: code2 } })).json().apiKey.token;
    // Unexpected errors and refusals log too; make some.
    await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: 'wrong-password-here', issue: 'apiKey' } });
    await h.req('GET', '/api/v1/me', { headers: { authorization: `Bearer ${key2}`, cookie } });

    const rawSecret = Buffer.from(Secret.fromBase32(start.secret).bytes);
    const logs = h.logs.join('\n');
    expect(logs.length).toBeGreaterThan(1000);
    for (const s of [start.secret, PASSWORD, 'wrong-password-here', code, code2, ticket, key, key2, sessionToken]) expect(logs).not.toContain(s);

    h.server.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = dataDirBytes(h.dataDir);
    for (const s of [start.secret, PASSWORD, ticket, key, key2, sessionToken]) expect(bytes.includes(Buffer.from(s))).toBe(false);
    expect(bytes.includes(rawSecret)).toBe(false);
    expect(bytes.includes(Buffer.from(start.secret.toLowerCase()))).toBe(false);
  });
});
