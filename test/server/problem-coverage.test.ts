import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, putPolicy, startHarness, type Harness } from './support';

/** The documented problems not already exercised by the per-area tests. */
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const wrong = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

async function requiredWithEnrollee(): Promise<string> {
  await h.addUser('root', 'server_admin');
  const key = await h.apiKey('root');
  const secret = await h.enroll(key);
  await putPolicy(h, key, { enforcementMode: 'Required', currentCode: h.code(secret) });
  await h.addUser('bob', 'member');
  return (await h.req('POST', '/api/v1/auth/login', { body: { username: 'bob', password: PASSWORD, issue: 'apiKey' } })).json().challenge.ticket;
}

describe('documented problems, remaining cases', () => {
  it('POST /auth/login/enrollment: an expired or used ticket says so', async () => {
    const ticket = await requiredWithEnrollee();
    const { secret } = (await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket } })).json();
    h.clock.nextStep();
    expect((await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket, code: h.code(secret) } })).statusCode).toBe(200);
    expect((await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket } })).json().code).toBe('challenge-used');
    await h.addUser('carol', 'member');
    const t2 = (await h.req('POST', '/api/v1/auth/login', { body: { username: 'carol', password: PASSWORD, issue: 'apiKey' } })).json().challenge.ticket;
    h.clock.advance(6 * 60_000);
    expect((await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket: t2 } })).json().code).toBe('challenge-expired');
  });

  it('cookie requests without our Origin are forbidden on logout, password change and enrollment confirm', async () => {
    await h.addUser('alice', 'member');
    const login = await h.req('POST', '/api/v1/auth/login', { body: { username: 'alice', password: PASSWORD, issue: 'session' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const headers = { cookie, origin: 'https://attacker.example' };
    expect((await h.req('POST', '/api/v1/auth/logout', { headers })).json().code).toBe('forbidden');
    expect((await h.req('POST', '/api/v1/me/password', { headers, body: { currentPassword: PASSWORD, newPassword: 'new long password' } })).json().code).toBe('forbidden');
    expect((await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { headers, body: { code: '123456' } })).json().code).toBe('forbidden');
    // Login itself refuses a foreign Origin (login CSRF).
    expect((await h.req('POST', '/api/v1/auth/login', { headers: { origin: 'https://attacker.example' }, body: { username: 'alice', password: PASSWORD, issue: 'session' } })).json().code).toBe('forbidden');
    // Still signed in: none of the above did anything.
    expect((await h.req('GET', '/api/v1/me', { headers: { cookie } })).statusCode).toBe(200);
  });

  it('enrollment confirm: wrong codes count toward the lock like any entry point', async () => {
    await h.addUser('alice', 'member');
    const key = await h.apiKey('alice');
    const { secret } = (await h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: PASSWORD } })).json();
    for (let i = 0; i < 4; i++) expect((await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code: wrong(h.code(secret)) } })).json().code).toBe('mfa-code-invalid');
    const locked = await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code: wrong(h.code(secret)) } });
    expect(locked.statusCode).toBe(429);
    expect((await h.req('GET', '/api/v1/me/mfa', { token: key })).json()).toMatchObject({ locked: true, enrolled: false });
  });

  it('disable and policy change are locked too after 5 failures across entry points', async () => {
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    const secret = await h.enroll(key);
    for (let i = 0; i < 2; i++) await h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: PASSWORD, code: wrong(h.code(secret)) } });
    for (let i = 0; i < 2; i++) await putPolicy(h, key, { enforcementMode: 'Required', currentCode: wrong(h.code(secret)) });
    const fifth = await h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: PASSWORD, code: wrong(h.code(secret)) } });
    expect(fifth.json().code).toBe('too-many-attempts');
    const policy = await putPolicy(h, key, { enforcementMode: 'Required', currentCode: h.code(secret) });
    expect(policy.statusCode).toBe(429);
    expect(policy.json().code).toBe('too-many-attempts');
    expect((await h.req('GET', '/api/v1/mfa/policy', { token: key })).json().enforcementMode).toBe('Optional');
  });
});
