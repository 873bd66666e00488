import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, putPolicy, startHarness, type Harness } from './support';

/**
 * No path around the second factor (issue #11 item 3): enrollment revokes what the password alone
 * bought, Required deletes it, and every change that removes protection needs the caller's
 * current code (step-up) — checked in the transaction that makes the change.
 */
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const wrong = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

describe('enrollment and Required close the password-only credentials', () => {
  it('a key issued with the password only before enrollment gets 401 once enrollment is confirmed', async () => {
    await h.addUser('alice', 'member');
    const before = await h.apiKey('alice');
    const session = await h.req('POST', '/api/v1/auth/login', { body: { username: 'alice', password: PASSWORD, issue: 'session' } });
    const cookie = String(session.headers['set-cookie']).split(';')[0] as string;
    const enrolling = await h.apiKey('alice');
    expect((await h.req('GET', '/api/v1/me', { token: before })).statusCode).toBe(200);
    await h.enroll(enrolling);
    expect((await h.req('GET', '/api/v1/me', { token: before })).statusCode).toBe(401);
    expect((await h.req('GET', '/api/v1/me', { headers: { cookie } })).statusCode).toBe(401);
    // The credential that entered the code carries on, now marked as given with a code.
    const mine = (await h.req('GET', '/api/v1/me/credentials', { token: enrolling })).json().items;
    expect(mine).toEqual([expect.objectContaining({ kind: 'apiKey', withCode: true, current: true })]);
  });

  it('the same through the enrollment ticket under Required', async () => {
    await h.addUser('root', 'server_admin');
    const rootKey = await h.apiKey('root');
    const rootSecret = await h.enroll(rootKey);
    await h.addUser('bob', 'member');
    const bobBefore = await h.apiKey('bob');
    expect((await putPolicy(h, rootKey, { enforcementMode: 'Required', currentCode: h.stepUp(rootSecret) })).statusCode).toBe(200);
    // Switching to Required deleted the password-only key outright.
    expect((await h.req('GET', '/api/v1/me', { token: bobBefore })).statusCode).toBe(401);
    expect(h.server.db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE mfa_verified = 0').get()).toEqual({ n: 0 });
    const policyEvent = (await h.req('GET', '/api/v1/mfa/audit-events?type=policy-changed', { token: rootKey })).json().items[0];
    expect(policyEvent.detail).toMatchObject({ revokedApiKeys: 1 });
  });
});

describe('step-up: changes that remove protection need a current code', () => {
  async function enrolledAdmins() {
    const rootId = await h.addUser('root', 'server_admin');
    const rootKey = await h.apiKey('root');
    const rootSecret = await h.enroll(rootKey);
    const otherId = await h.addUser('other', 'server_admin');
    const otherSecret = await h.enroll(await h.apiKey('other'));
    return { rootId, rootKey, rootSecret, otherId, otherSecret };
  }

  it('leaving Required: 400 mfa-code-required without a code, 403 with a wrong one, 200 with a valid one', async () => {
    const { rootKey, rootSecret } = await enrolledAdmins();
    expect((await putPolicy(h, rootKey, { enforcementMode: 'Required', currentCode: h.stepUp(rootSecret) })).statusCode).toBe(200);
    const none = await putPolicy(h, rootKey, { enforcementMode: 'Optional' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'mfa-code-required', field: 'currentCode' });
    const bad = await putPolicy(h, rootKey, { enforcementMode: 'Disabled', currentCode: wrong(h.code(rootSecret)) });
    expect(bad.statusCode).toBe(403);
    expect(bad.json().code).toBe('mfa-code-invalid');
    expect((await h.req('GET', '/api/v1/mfa/policy', { token: rootKey })).json().enforcementMode).toBe('Required');
    const ok = await putPolicy(h, rootKey, { enforcementMode: 'Optional', currentCode: h.stepUp(rootSecret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().enforcementMode).toBe('Optional');
    const refused = (await h.req('GET', '/api/v1/mfa/audit-events?type=policy-change-refused', { token: rootKey })).json().items;
    expect(refused.map((e: { detail: { code: string } }) => e.detail.code)).toEqual(['mfa-code-invalid', 'mfa-code-required']);
  });

  it('switching MFA off (enabled: false) needs a code too, also from Optional', async () => {
    const { rootKey, rootSecret } = await enrolledAdmins();
    const none = await putPolicy(h, rootKey, { enabled: false, enforcementMode: 'Optional' });
    expect(none.json().code).toBe('mfa-code-required');
    expect((await putPolicy(h, rootKey, { enabled: false, enforcementMode: 'Optional', currentCode: h.stepUp(rootSecret) })).json().enabled).toBe(false);
    // Strengthening or keeping the level needs none.
    expect((await putPolicy(h, rootKey, { enabled: true, enforcementMode: 'Optional', issuer: 'Acme' })).statusCode).toBe(200);
  });

  it('a spent code cannot be used twice (replay), and a caller without an authenticator cannot weaken anything', async () => {
    const { rootKey, rootSecret, otherId } = await enrolledAdmins();
    const code = h.code(rootSecret);
    const aliceId = await h.addUser('alice', 'member');
    await h.enroll(await h.apiKey('alice'));
    expect((await h.req('POST', `/api/v1/users/${aliceId}/mfa/reset`, { token: rootKey, body: { currentCode: code } })).statusCode).toBe(200);
    const replay = await h.req('POST', `/api/v1/users/${otherId}/mfa/reset`, { token: rootKey, body: { currentCode: code } });
    expect(replay.json().code).toBe('mfa-code-replayed');
    await h.addUser('plain', 'server_admin');
    const plainKey = await h.apiKey('plain');
    const r = await h.req('DELETE', `/api/v1/users/${otherId}`, { token: plainKey, body: { currentCode: '123456' } });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'policy-caller-not-enrolled', detail: expect.stringContaining('Enroll your own authenticator') });
  });

  /** Every step-up rule: route × (no code, wrong code, good code). */
  const RULES: { name: string; send: (ids: Awaited<ReturnType<typeof enrolledAdmins>>, code: string | undefined) => Promise<{ statusCode: number; json(): { code?: string } }> }[] = [
    { name: 'reset an enrolled user', send: (ids, code) => h.req('POST', `/api/v1/users/${ids.otherId}/mfa/reset`, { token: ids.rootKey, ...(code ? { body: { currentCode: code } } : {}) }) },
    { name: 'demote a Server Admin', send: (ids, code) => h.req('PATCH', `/api/v1/users/${ids.otherId}`, { token: ids.rootKey, body: { role: 'member', ...(code ? { currentCode: code } : {}) } }) },
    { name: 'delete a Server Admin', send: (ids, code) => h.req('DELETE', `/api/v1/users/${ids.otherId}`, { token: ids.rootKey, ...(code ? { body: { currentCode: code } } : {}) }) },
    { name: 'switch MFA off', send: (ids, code) => putPolicy(h, ids.rootKey, { enabled: false, enforcementMode: 'Optional', ...(code ? { currentCode: code } : {}) }) },
  ];
  for (const rule of RULES) {
    it(`${rule.name}: 400 without a code, 403 with a wrong one, success with the current one; nothing changes before`, async () => {
      const ids = await enrolledAdmins();
      const before = (await h.req('GET', `/api/v1/users/${ids.otherId}`, { token: ids.rootKey })).json();
      const none = await rule.send(ids, undefined);
      expect(none.statusCode).toBe(400);
      expect(none.json().code).toBe('mfa-code-required');
      const bad = await rule.send(ids, wrong(h.code(ids.rootSecret)));
      expect(bad.statusCode).toBe(403);
      expect((await h.req('GET', `/api/v1/users/${ids.otherId}`, { token: ids.rootKey })).json()).toEqual(before);
      const good = await rule.send(ids, h.stepUp(ids.rootSecret));
      expect(good.statusCode).toBeLessThan(300);
    });
  }

  it('changes that remove nothing need no code: a member\'s role, a member\'s deletion, reset of someone not enrolled, unlock', async () => {
    const { rootKey } = await enrolledAdmins();
    const aliceId = await h.addUser('alice', 'member');
    expect((await h.req('PATCH', `/api/v1/users/${aliceId}`, { token: rootKey, body: { permissions: ['users:view'] } })).statusCode).toBe(200);
    expect((await h.req('POST', `/api/v1/users/${aliceId}/mfa/reset`, { token: rootKey })).statusCode).toBe(200);
    expect((await h.req('POST', `/api/v1/users/${aliceId}/mfa/unlock`, { token: rootKey })).statusCode).toBe(200);
    expect((await h.req('DELETE', `/api/v1/users/${aliceId}`, { token: rootKey })).statusCode).toBe(204);
  });
});
