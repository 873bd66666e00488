import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, putPolicy, startHarness, type Harness } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const wrongCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

async function ticketFor(username: string): Promise<string> {
  const r = await h.req('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD, issue: 'apiKey' } });
  return r.json().challenge.ticket;
}
const totpStep = (ticket: string, code: string) => h.req('POST', '/api/v1/auth/login/totp', { body: { ticket, code } });

describe('enrollment', () => {
  it('hands out a 20-byte secret once; status and users list never show it after confirmation', async () => {
    await h.addUser('alice', 'server_admin');
    const key = await h.apiKey('alice');
    const start = await h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: PASSWORD } });
    const { secret, otpauthUri, expiresAt } = start.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes = 160 bits = 32 base32 characters
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Twofold:alice\?.*algorithm=SHA1.*digits=6.*period=30/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(h.clock.now());
    expect((await h.req('GET', '/api/v1/me/mfa', { token: key })).json()).toMatchObject({ enrolled: false, pendingEnrollment: true });
    expect((await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code: h.code(secret) } })).json()).toMatchObject({ enrolled: true });
    const bodies = [
      (await h.req('GET', '/api/v1/me/mfa', { token: key })).body,
      (await h.req('GET', '/api/v1/users', { token: key })).body,
      (await h.req('GET', '/api/v1/mfa/audit-events', { token: key })).body,
      (await h.req('GET', '/api/v1/me', { token: key })).body,
    ];
    for (const b of bodies) expect(b).not.toContain(secret);
    expect(JSON.parse(bodies[0] as string)).toMatchObject({ enrolled: true, pendingEnrollment: false, canDisable: true, locked: false });
    const again = await h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: PASSWORD } });
    expect(again.json().code).toBe('mfa-already-enrolled');
  });

  it('requires the password to start and a pending enrollment to confirm', async () => {
    await h.addUser('alice', 'member');
    const key = await h.apiKey('alice');
    expect((await h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: 'wrong' } })).json().code).toBe('invalid-credentials');
    expect((await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code: '123456' } })).json().code).toBe('enrollment-not-pending');
    const { secret } = (await h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: PASSWORD } })).json();
    h.clock.advance(11 * 60_000); // pending enrollments last 10 minutes
    const late = await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code: h.code(secret) } });
    expect(late.json().code).toBe('enrollment-not-pending');
  });
});

describe('codes (RFC 6238: 30 s, ±1 step, each step once per user)', () => {
  it('accepts the previous and next step, refuses two steps away', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    h.clock.nextStep(); // the step before must not be the enrollment's own step
    expect((await totpStep(await ticketFor('alice'), h.code(secret, h.clock.now() - 30_000))).statusCode).toBe(200);
    h.clock.nextStep();
    expect((await totpStep(await ticketFor('alice'), h.code(secret, h.clock.now() + 30_000))).statusCode).toBe(200);
    h.clock.nextStep();
    h.clock.nextStep();
    expect((await totpStep(await ticketFor('alice'), h.code(secret, h.clock.now() - 60_000))).json().code).toBe('mfa-code-invalid');
  });

  it('refuses the same code twice (replay), even with a fresh ticket', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    const code = h.code(secret);
    expect((await totpStep(await ticketFor('alice'), code)).statusCode).toBe(200);
    const replay = await totpStep(await ticketFor('alice'), code);
    expect(replay.statusCode).toBe(403);
    expect(replay.json().code).toBe('mfa-code-replayed');
  });

  it('accepts one code at two entry points in parallel only once (login vs disable vs policy)', async () => {
    await h.addUser('alice', 'server_admin');
    const key = await h.apiKey('alice');
    const secret = await h.enroll(key);
    const ticket = await ticketFor('alice');
    const etag = String((await h.req('GET', '/api/v1/mfa/policy', { token: key })).headers.etag);
    const code = h.code(secret);
    const results = await Promise.all([
      totpStep(ticket, code),
      h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: PASSWORD, code } }),
      h.req('PUT', '/api/v1/mfa/policy', { token: key, headers: { 'if-match': etag }, body: { enabled: true, enforcementMode: 'Required', issuer: 'Twofold', currentCode: code } }),
    ]);
    const ok = results.filter((r) => r.statusCode < 300);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode >= 300)) expect(r.json().code).toBe('mfa-code-replayed');
    const events = (await h.req('GET', '/api/v1/mfa/audit-events?type=mfa-replay-rejected', { token: ok[0] === results[0] ? ok[0]?.json().apiKey.token : key })).json();
    expect(events.items.length).toBe(2);
  });

  it('refuses an older step after a newer one was used', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    expect((await totpStep(await ticketFor('alice'), h.code(secret, h.clock.now() + 30_000))).statusCode).toBe(200);
    expect((await totpStep(await ticketFor('alice'), h.code(secret))).json().code).toBe('mfa-code-replayed');
  });
});

describe('throttling (NIST SP 800-63B §5.2.2)', () => {
  it('locks for 15 minutes after 5 consecutive failures, then opens again', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    const ticket = await ticketFor('alice');
    for (let i = 1; i <= 4; i++) expect((await totpStep(ticket, wrongCode(h.code(secret)))).json().code).toBe('mfa-code-invalid');
    const fifth = await totpStep(ticket, wrongCode(h.code(secret)));
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().lockedUntil).toBe(new Date(h.clock.now() + 15 * 60_000).toISOString());
    expect(fifth.headers['retry-after']).toBe('900');
    // Even the right code is refused while locked.
    const locked = await totpStep(ticket, h.code(secret));
    expect(locked.json().code).toBe('too-many-attempts');
    h.clock.advance(15 * 60_000 - 2000);
    expect((await totpStep(await ticketFor('alice'), h.code(secret))).json().code).toBe('too-many-attempts');
    h.clock.advance(2000);
    expect((await totpStep(await ticketFor('alice'), h.code(secret))).statusCode).toBe(200);
  });

  it('a success resets the count of consecutive failures', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    for (let i = 0; i < 4; i++) await totpStep(await ticketFor('alice'), wrongCode(h.code(secret)));
    expect((await totpStep(await ticketFor('alice'), h.code(secret))).statusCode).toBe(200);
    h.clock.nextStep();
    for (let i = 0; i < 4; i++) expect((await totpStep(await ticketFor('alice'), wrongCode(h.code(secret)))).json().code).toBe('mfa-code-invalid');
  });

  it('locks until an admin unlock or reset after 100 consecutive failures', async () => {
    await h.addUser('root', 'server_admin');
    const rootSecret = await h.enroll(await h.apiKey('root'));
    const aliceId = await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    let ticket = await ticketFor('alice');
    let last;
    for (let i = 1; i <= 100; i++) {
      last = await totpStep(ticket, wrongCode(h.code(secret)));
      if (i % 5 === 0 && i < 100) {
        expect(last.json().lockedUntil).not.toBeNull();
        h.clock.advance(15 * 60_000); // sit out the short lock; tickets last 5 minutes, so sign in again
        ticket = await ticketFor('alice');
      }
    }
    expect(last?.json()).toMatchObject({ code: 'too-many-attempts', lockedUntil: null });
    h.clock.advance(30 * 24 * 60 * 60_000);
    const later = await totpStep(await ticketFor('alice'), h.code(secret));
    expect(later.json()).toMatchObject({ code: 'too-many-attempts', lockedUntil: null });
    const rootKey = await h.apiKeyWithCode('root', rootSecret); // after the month: API keys last 30 days
    const listedRes = await h.req('GET', '/api/v1/users?status=locked', { token: rootKey });
    expect(listedRes.statusCode, listedRes.body).toBe(200);
    const listed = listedRes.json();
    expect(listed.items.map((u: { username: string }) => u.username)).toEqual(['alice']);
    expect(listed.items[0].mfa.lockedUntil).toBeNull();
    // Unlock (issue #11 item 7): the lock goes, the authenticator stays, and its codes work again.
    const unlocked = await h.req('POST', `/api/v1/users/${aliceId}/mfa/unlock`, { token: rootKey });
    expect(unlocked.json()).toEqual({ userId: aliceId, mfa: { status: 'enrolled' } });
    h.clock.nextStep();
    expect((await totpStep(await ticketFor('alice'), h.code(secret))).statusCode).toBe(200);
    const events = (await h.req('GET', '/api/v1/mfa/audit-events?type=mfa-unlocked', { token: rootKey })).json();
    expect(events.items[0]).toMatchObject({ actorUsername: 'root', subjectUsername: 'alice' });
    expect((await h.req('POST', `/api/v1/users/${aliceId}/mfa/reset`, { token: rootKey, body: { currentCode: h.stepUp(rootSecret) } })).statusCode).toBe(200);
    // After the reset: not enrolled, not locked; a fresh enrollment works.
    const aliceKey = await h.apiKey('alice');
    expect((await h.req('GET', '/api/v1/me/mfa', { token: aliceKey })).json()).toMatchObject({ enrolled: false, locked: false });
    await h.enroll(aliceKey);
  });
});

describe('POST /me/mfa/disable', () => {
  it('needs password and a current code; then MFA is gone', async () => {
    await h.addUser('alice', 'member');
    const key = await h.apiKey('alice');
    expect((await h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: PASSWORD, code: '123456' } })).json().code).toBe('mfa-not-enrolled');
    const secret = await h.enroll(key);
    expect((await h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: 'wrong', code: h.code(secret) } })).json().code).toBe('invalid-credentials');
    expect((await h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: PASSWORD, code: wrongCode(h.code(secret)) } })).json().code).toBe('mfa-code-invalid');
    expect((await h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: PASSWORD, code: h.code(secret) } })).statusCode).toBe(204);
    expect((await h.req('GET', '/api/v1/me/mfa', { token: key })).json()).toMatchObject({ enrolled: false, canDisable: false });
  });

  it('is refused under Required', async () => {
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    const secret = await h.enroll(key);
    await putPolicy(h, key, { enforcementMode: 'Required', currentCode: h.code(secret) });
    h.clock.nextStep();
    expect((await h.req('GET', '/api/v1/me/mfa', { token: key })).json()).toMatchObject({ canDisable: false, enforcementMode: 'Required' });
    const r = await h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: PASSWORD, code: h.code(secret) } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('mfa-required-by-policy');
  });
});
