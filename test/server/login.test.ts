import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, putPolicy, startHarness, type Harness } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const login = (username: string, issue: 'session' | 'apiKey' = 'apiKey', password = PASSWORD) =>
  h.req('POST', '/api/v1/auth/login', { body: { username, password, issue } });

describe('GET /health', () => {
  it('answers status, version, the (injected) server time and the issuer without auth', async () => {
    const r = await h.req('GET', '/api/v1/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), time: new Date(h.clock.now()).toISOString(), issuer: 'Twofold' });
  });

  it('follows the policy: a changed issuer is what the next anonymous /health says', async () => {
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    expect((await putPolicy(h, key, { enforcementMode: 'Optional', issuer: 'Acme VPN' })).statusCode).toBe(200);
    expect((await h.req('GET', '/api/v1/health')).json().issuer).toBe('Acme VPN');
  });
});

describe('POST /auth/login', () => {
  it('signs a user without MFA straight in under Optional, with an API key that works', async () => {
    await h.addUser('alice', 'member');
    const r = await login('alice');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.result).toBe('authenticated');
    expect(body.user).toMatchObject({ username: 'alice', roles: ['member'], isServerAdmin: false, permissions: [] });
    expect(body.apiKey.token).toMatch(/^tfk_/);
    const me = await h.req('GET', '/api/v1/me', { token: body.apiKey.token });
    expect(me.json().username).toBe('alice');
  });

  it('refuses a wrong password and an unknown user with the same problem', async () => {
    await h.addUser('alice', 'member');
    for (const r of [await login('alice', 'apiKey', 'wrong password'), await login('nobody')]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'invalid-credentials', status: 401 });
    }
  });

  it('asks an enrolled user for a code; the code gives an API key; the ticket is single use', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    const first = (await login('alice')).json();
    expect(first.result).toBe('mfa_required');
    expect(first.challenge.ticket).toMatch(/^[1-9]\d*\.[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(first.challenge.expiresAt) - h.clock.now()).toBe(5 * 60_000);
    const ok = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: first.challenge.ticket, code: h.code(secret) } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().apiKey.token).toMatch(/^tfk_/);
    h.clock.nextStep();
    const again = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: first.challenge.ticket, code: h.code(secret) } });
    expect(again.json()).toMatchObject({ code: 'challenge-used', restartLogin: true });
  });

  it('says when a ticket expired, and when it is unknown', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    const { challenge } = (await login('alice')).json();
    h.clock.advance(5 * 60_000 + 1);
    const late = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: challenge.ticket, code: h.code(secret) } });
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('challenge-expired');
    const bogus = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: `999999.${'A'.repeat(43)}`, code: '123456' } });
    expect(bogus.json().code).toBe('challenge-invalid');
  });

  it('refuses a ticket whose secret part was changed, even with a live selector and the right code', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    h.clock.nextStep();
    const { challenge } = (await login('alice')).json();
    const [selector, part] = (challenge.ticket as string).split('.') as [string, string];
    const forged = `${selector}.${part.startsWith('A') ? 'B' : 'A'}${part.slice(1)}`;
    const refused = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: forged, code: h.code(secret) } });
    expect(refused.json()).toMatchObject({ code: 'challenge-invalid', restartLogin: true });
    const good = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: challenge.ticket, code: h.code(secret) } });
    expect(good.statusCode).toBe(200);
  });

  it('keeps the ticket after a wrong code (throttling limits guesses), and accepts the right one', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    const { challenge } = (await login('alice')).json();
    const wrong = String((Number(h.code(secret)) + 1) % 1_000_000).padStart(6, '0');
    const bad = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: challenge.ticket, code: wrong } });
    expect(bad.json().code).toBe('mfa-code-invalid');
    const good = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: challenge.ticket, code: h.code(secret) } });
    expect(good.statusCode).toBe(200);
  });

  it('issues an HttpOnly SameSite=Strict session cookie that authenticates same-origin requests', async () => {
    await h.addUser('alice', 'member');
    const r = await login('alice', 'session');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^twofold_session=[1-9]\d*\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(r.json().apiKey).toBeUndefined();
    const value = cookie.split(';')[0] as string;
    const me = await h.req('GET', '/api/v1/me/mfa', { headers: { cookie: value } });
    expect(me.statusCode).toBe(200);
    // State-changing cookie requests need our own Origin (CSRF defence).
    const noOrigin = await h.req('POST', '/api/v1/me/mfa/enrollment', { headers: { cookie: value }, body: { password: PASSWORD } });
    expect(noOrigin.json().code).toBe('forbidden');
    const evil = await h.req('POST', '/api/v1/me/mfa/enrollment', { headers: { cookie: value, origin: 'http://evil.example' }, body: { password: PASSWORD } });
    expect(evil.json().code).toBe('forbidden');
    const same = await h.req('POST', '/api/v1/me/mfa/enrollment', { headers: { cookie: value, origin: 'http://localhost:80', host: 'localhost:80' }, body: { password: PASSWORD } });
    expect(same.statusCode).toBe(200);
    const out = await h.req('POST', '/api/v1/auth/logout', { headers: { cookie: value, origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(out.statusCode).toBe(204);
    expect((await h.req('GET', '/api/v1/me/mfa', { headers: { cookie: value } })).json().code).toBe('unauthenticated');
  });

  it('under Required, sends a user without MFA through enrollment to a session', async () => {
    const adminId = await h.addUser('root', 'server_admin');
    const adminKey = await h.apiKey('root');
    const adminSecret = await h.enroll(adminKey);
    expect(adminId).toBeTruthy();
    expect((await putPolicy(h, adminKey, { enforcementMode: 'Required', currentCode: h.code(adminSecret) })).statusCode).toBe(200);
    await h.addUser('bob', 'member');
    const first = (await login('bob', 'session')).json();
    expect(first.result).toBe('mfa_enrollment_required');
    const en = await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket: first.challenge.ticket } });
    expect(en.statusCode).toBe(200);
    const { secret, otpauthUri } = en.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Twofold:bob\?/);
    const done = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: first.challenge.ticket, code: h.code(secret) } });
    expect(done.statusCode).toBe(200);
    expect(done.headers['set-cookie']).toContain('twofold_session=');
    // An enrollment ticket is not a code ticket and vice versa.
    h.clock.nextStep();
    const second = (await login('bob')).json();
    expect(second.result).toBe('mfa_required');
    const wrongKind = await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket: second.challenge.ticket } });
    expect(wrongKind.json().code).toBe('challenge-invalid');
  });

  it('refuses the code step of an enrollment ticket before enrollment started', async () => {
    const adminKey = await h.apiKey((await h.addUser('root', 'server_admin'), 'root'));
    const secret = await h.enroll(adminKey);
    await putPolicy(h, adminKey, { enforcementMode: 'Required', currentCode: h.code(secret) });
    await h.addUser('bob', 'member');
    const { challenge } = (await login('bob')).json();
    const r = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: challenge.ticket, code: '123456' } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('enrollment-not-pending');
  });

  it('under Required, no longer accepts credentials obtained without a code', async () => {
    await h.addUser('root', 'server_admin');
    const rootKey = await h.apiKey('root');
    const secret = await h.enroll(rootKey);
    await h.addUser('bob', 'member');
    const bobKey = await h.apiKey('bob');
    await putPolicy(h, rootKey, { enforcementMode: 'Required', currentCode: h.code(secret) });
    // Deleted, not only refused (issue #11 item 3): no row of a password-only credential is left.
    const r = await h.req('GET', '/api/v1/me', { token: bobKey });
    expect(r.json()).toMatchObject({ code: 'unauthenticated' });
    expect(h.server.db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE mfa_verified = 0').get()).toEqual({ n: 0 });
    // The admin's key proved a code (enrollment confirm, policy change): it keeps working.
    expect((await h.req('GET', '/api/v1/me', { token: rootKey })).statusCode).toBe(200);
  });
});

describe('POST /me/password', () => {
  it('changes the password and revokes every session, API key and open ticket of the user, and no one else\'s', async () => {
    await h.addUser('alice', 'member');
    await h.addUser('bob', 'member');
    const k0 = await h.apiKey('alice');
    const enrolling = await h.apiKey('alice');
    const bobKey = await h.apiKey('bob');
    const cookie0 = String((await login('alice', 'session')).headers['set-cookie']).split(';')[0] as string;
    const secret = await h.enroll(enrolling);
    // Issued with the password alone before enrollment: revoked by it (issue #11 item 3).
    expect((await h.req('GET', '/api/v1/me', { token: k0 })).statusCode).toBe(401);
    expect((await h.req('GET', '/api/v1/me', { headers: { cookie: cookie0 } })).statusCode).toBe(401);
    const k1 = await h.apiKeyWithCode('alice', secret);
    const k2 = enrolling;
    const first = (await login('alice', 'session')).json();
    const cookie = String(
      (await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: first.challenge.ticket, code: h.code(secret) } })).headers['set-cookie'],
    ).split(';')[0] as string;
    h.clock.nextStep();
    const { challenge } = (await login('alice')).json();
    const wrong = await h.req('POST', '/api/v1/me/password', { token: k1, body: { currentPassword: 'nope', newPassword: 'another long password' } });
    expect(wrong.json().code).toBe('invalid-credentials');
    const r = await h.req('POST', '/api/v1/me/password', { token: k1, body: { currentPassword: PASSWORD, newPassword: 'another long password' } });
    expect(r.statusCode).toBe(204);
    for (const k of [k1, k2]) expect((await h.req('GET', '/api/v1/me', { token: k })).json().code).toBe('unauthenticated');
    expect((await h.req('GET', '/api/v1/me', { headers: { cookie } })).json().code).toBe('unauthenticated');
    const stale = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: challenge.ticket, code: h.code(secret) } });
    expect(stale.json()).toMatchObject({ code: 'challenge-invalid', restartLogin: true });
    expect((await h.req('GET', '/api/v1/me', { token: bobKey })).json().username).toBe('bob');
    expect((await login('alice')).json().code).toBe('invalid-credentials');
    const again = (await login('alice', 'apiKey', 'another long password')).json();
    expect(again.result).toBe('mfa_required');
    h.clock.nextStep();
    const signedIn = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: again.challenge.ticket, code: h.code(secret) } });
    expect((await h.req('GET', '/api/v1/me', { token: signedIn.json().apiKey.token })).json().username).toBe('alice');
  });
});

describe('POST /auth/logout', () => {
  it('revokes the API key it was called with', async () => {
    await h.addUser('alice', 'member');
    const k = await h.apiKey('alice');
    expect((await h.req('POST', '/api/v1/auth/logout', { token: k })).statusCode).toBe(204);
    expect((await h.req('GET', '/api/v1/me', { token: k })).statusCode).toBe(401);
    expect((await h.req('GET', '/api/v1/me', { token: 'garbage' })).json().code).toBe('unauthenticated');
    expect((await h.req('GET', '/api/v1/me', { headers: { authorization: 'Basic eDp5' } })).json().code).toBe('unauthenticated');
  });
});
