import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { putPolicy, startHarness, type Harness } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const policyBody = (mode: string, extra: Record<string, unknown> = {}) => ({ enabled: true, enforcementMode: mode, issuer: 'Twofold', ...extra });

describe('GET/PUT /mfa/policy', () => {
  it('starts Optional with issuer Twofold, version 1, with an ETag, and stores it in mfa.json', async () => {
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    const r = await h.req('GET', '/api/v1/mfa/policy', { token: key });
    expect(r.statusCode).toBe(200);
    expect(r.headers.etag).toBe('"policy-v1"');
    expect(r.json()).toMatchObject({ enabled: true, enforcementMode: 'Optional', issuer: 'Twofold', version: 1, updatedBy: null });
    // Switching MFA off is a step-up change: the caller's own current code.
    const secret = await h.enroll(key);
    const put = await putPolicy(h, key, { enforcementMode: 'Disabled', issuer: 'Acme', currentCode: h.stepUp(secret) });
    expect(put.statusCode).toBe(200);
    expect(put.headers.etag).toBe('"policy-v2"');
    expect(put.json()).toMatchObject({ enforcementMode: 'Disabled', issuer: 'Acme', version: 2, updatedBy: 'root' });
    expect(JSON.parse(readFileSync(join(h.dataDir, 'mfa.json'), 'utf8'))).toMatchObject({ enforcementMode: 'Disabled', issuer: 'Acme', version: 2 });
  });

  it('needs If-Match (428) and refuses a stale one (412)', async () => {
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    const none = await h.req('PUT', '/api/v1/mfa/policy', { token: key, body: policyBody('Optional') });
    expect(none.statusCode).toBe(428);
    expect(none.json().code).toBe('precondition-required');
    const star = await h.req('PUT', '/api/v1/mfa/policy', { token: key, body: policyBody('Optional'), headers: { 'if-match': '*' } });
    expect(star.json().code).toBe('precondition-required');
    const etag = String((await h.req('GET', '/api/v1/mfa/policy', { token: key })).headers.etag);
    expect((await h.req('PUT', '/api/v1/mfa/policy', { token: key, body: policyBody('Optional', { issuer: 'One' }), headers: { 'if-match': etag } })).statusCode).toBe(200);
    const stale = await h.req('PUT', '/api/v1/mfa/policy', { token: key, body: policyBody('Optional', { issuer: 'Two' }), headers: { 'if-match': etag } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('precondition-failed');
    expect((await h.req('GET', '/api/v1/mfa/policy', { token: key })).json().issuer).toBe('One');
  });

  it('Disabled asks nobody for a code; Optional asks the enrolled', async () => {
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    const secret = await h.enroll(key);
    const login = () => h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: 'correct horse battery', issue: 'apiKey' } });
    expect((await login()).json().result).toBe('mfa_required');
    expect((await putPolicy(h, key, { enforcementMode: 'Disabled', currentCode: h.stepUp(secret) })).statusCode).toBe(200);
    expect((await login()).json().result).toBe('authenticated');
  });
});

describe('the lockout safeguard for Required, condition by condition', () => {
  it('refuses when no Server Admin is enrolled', async () => {
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    const r = await putPolicy(h, key, { enforcementMode: 'Required', currentCode: '123456' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('policy-no-enrolled-server-admin');
  });

  it('refuses when the caller is not enrolled (another admin is)', async () => {
    await h.addUser('root', 'server_admin');
    await h.addUser('other', 'server_admin');
    await h.enroll(await h.apiKey('other'));
    const r = await putPolicy(h, await h.apiKey('root'), { enforcementMode: 'Required', currentCode: '123456' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('policy-caller-not-enrolled');
  });

  it('needs a current code (400) and a valid one (403)', async () => {
    await h.addUser('root', 'server_admin');
    const key = await h.apiKey('root');
    const secret = await h.enroll(key);
    const missing = await putPolicy(h, key, { enforcementMode: 'Required' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('mfa-code-required');
    const wrong = await putPolicy(h, key, { enforcementMode: 'Required', currentCode: String((Number(h.code(secret)) + 1) % 1e6).padStart(6, '0') });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('mfa-code-invalid');
    const ok = await putPolicy(h, key, { enforcementMode: 'Required', currentCode: h.code(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().enforcementMode).toBe('Required');
    // Changing the issuer under Required needs no new code.
    expect((await putPolicy(h, key, { enforcementMode: 'Required', issuer: 'Acme' })).statusCode).toBe(200);
    const refused = (await h.req('GET', '/api/v1/mfa/audit-events?type=policy-change-refused', { token: key })).json();
    expect(refused.items.map((e: { detail: { code: string } }) => e.detail.code)).toEqual(['mfa-code-invalid', 'mfa-code-required']);
  });

  it('under Required refuses to reset, demote or delete the last enrolled Server Admin', async () => {
    await h.addUser('root', 'server_admin');
    const rootKey = await h.apiKey('root');
    const secret = await h.enroll(rootKey);
    const otherId = await h.addUser('other', 'server_admin');
    const otherKey = await h.apiKey('other');
    const otherSecret = await h.enroll(otherKey);
    await putPolicy(h, rootKey, { enforcementMode: 'Required', currentCode: h.code(secret) });
    h.clock.nextStep();
    const rootId = (await h.req('GET', '/api/v1/me', { token: rootKey })).json().id;
    // Two enrolled admins: resetting one is fine.
    expect((await h.req('POST', `/api/v1/users/${otherId}/mfa/reset`, { token: rootKey, body: { currentCode: h.stepUp(secret) } })).statusCode).toBe(200);
    // Now root is the last enrolled one; other (a Server Admin, signed in again with enrollment) may not reset root.
    const t = (await h.req('POST', '/api/v1/auth/login', { body: { username: 'other', password: 'correct horse battery', issue: 'apiKey' } })).json();
    expect(t.result).toBe('mfa_enrollment_required');
    expect(otherSecret).toBeTruthy();
    const { secret: s2 } = (await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket: t.challenge.ticket } })).json();
    await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket: t.challenge.ticket } });
    // Restarted enrollment: the newest secret counts.
    const pending = (await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket: t.challenge.ticket } })).json().secret;
    expect(pending).not.toBe(s2);
    const other2 = (await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: t.challenge.ticket, code: h.code(pending) } })).json().apiKey.token;
    // Two enrolled again; reset other's again via root, then root is last.
    h.clock.nextStep();
    expect((await h.req('POST', `/api/v1/users/${otherId}/mfa/reset`, { token: rootKey, body: { currentCode: h.stepUp(secret) } })).statusCode).toBe(200);
    expect((await h.req('GET', '/api/v1/users', { token: rootKey })).json().summary.serverAdminsEnrolled).toBe(1);
    // other's key was MFA-verified at login, so it still works: but it may not remove root.
    const reset = await h.req('POST', `/api/v1/users/${rootId}/mfa/reset`, { token: other2 });
    expect(reset.json().code).toBe('last-enrolled-server-admin');
    const demote = await h.req('PATCH', `/api/v1/users/${rootId}`, { token: other2, body: { role: 'member' } });
    expect(demote.json().code).toBe('last-enrolled-server-admin');
    const del = await h.req('DELETE', `/api/v1/users/${rootId}`, { token: other2 });
    expect(del.json().code).toBe('last-enrolled-server-admin');
    expect((await h.req('GET', '/api/v1/users', { token: rootKey })).json().summary.serverAdminsEnrolled).toBe(1);
  });
});
