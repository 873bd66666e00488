import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, putPolicy, startHarness, type Harness } from './support';

const DAY = 24 * 60 * 60_000;

let h: Harness;
let rootKey: string;
let rootSecret: string;
beforeEach(async () => {
  h = await startHarness();
  await h.addUser('root', 'server_admin');
  rootSecret = await h.enroll(await h.apiKey('root'));
  rootKey = await h.apiKeyWithCode('root', rootSecret);
});
afterEach(async () => h.close());

const login = (username: string) => h.req('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD, issue: 'apiKey' } });
const users = async (query = '') => (await h.req('GET', `/api/v1/users${query}`, { token: rootKey })).json();
const names = (list: { items: { username: string }[] }) => list.items.map((u) => u.username);

async function requireWithGrace(days: number) {
  const r = await putPolicy(h, rootKey, { enforcementMode: 'Required', gracePeriodDays: days, currentCode: h.code(rootSecret) });
  expect(r.statusCode, r.body).toBe(200);
  h.clock.nextStep();
  return r;
}

describe('grace period for Required', () => {
  it('a member not enrolled signs in with the password until the deadline, told when; afterwards enrollment is required', async () => {
    await h.addUser('alice', 'member');
    const start = h.clock.now();
    const policy = (await requireWithGrace(10)).json();
    expect(policy).toMatchObject({ enforcementMode: 'Required', gracePeriodDays: 10 });
    const enrollBy = new Date(start + 10 * DAY).toISOString();
    // Entering Required deleted password-only keys (issue #11); a new password sign-in works and says when.
    const first = (await login('alice')).json();
    expect(first).toMatchObject({ result: 'authenticated', enrollmentDue: { enrollBy } });
    expect((await h.req('GET', '/api/v1/me/mfa', { token: first.apiKey.token })).json()).toMatchObject({ enrolled: false, enrollBy });
    h.clock.advance(9 * DAY);
    const during = (await login('alice')).json();
    expect(during).toMatchObject({ result: 'authenticated', enrollmentDue: { enrollBy } });
    expect((await h.req('GET', '/api/v1/me', { token: during.apiKey.token })).statusCode).toBe(200);
    h.clock.advance(DAY);
    expect((await login('alice')).json().result).toBe('mfa_enrollment_required');
    const stale = await h.req('GET', '/api/v1/me', { token: during.apiKey.token });
    expect(stale.json()).toMatchObject({ code: 'unauthenticated', restartLogin: true });
  });

  it('Server Admins get no grace period; users created under Required get it from their creation', async () => {
    await h.addUser('admin2', 'server_admin');
    await requireWithGrace(7);
    expect((await login('admin2')).json().result).toBe('mfa_enrollment_required');
    h.clock.advance(3 * DAY);
    const created = await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'newbie', password: 'a long password', role: 'member' } });
    expect(created.json().mfa.enrollBy).toBe(new Date(h.clock.now() + 7 * DAY).toISOString());
    const adminCreated = await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'boss', password: 'a long password', role: 'server_admin' } });
    expect(adminCreated.json().mfa.enrollBy).toBeNull();
    h.clock.advance(6 * DAY);
    const r = await h.req('POST', '/api/v1/auth/login', { body: { username: 'newbie', password: 'a long password', issue: 'apiKey' } });
    expect(r.json().result).toBe('authenticated');
  });

  it('the users list carries enrollBy and filters "overdue" and "due within 7 days"', async () => {
    for (const u of ['alice', 'bob', 'carol']) await h.addUser(u, 'member');
    await h.enroll(await h.apiKey('carol'));
    await requireWithGrace(10);
    h.clock.advance(2 * DAY);
    await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'dave', password: 'a long password', role: 'member' } });
    const all = await users();
    const by = Object.fromEntries(all.items.map((u: { username: string; mfa: { enrollBy: string | null } }) => [u.username, u.mfa.enrollBy]));
    expect(by.carol).toBeNull();
    expect(by.root).toBeNull();
    expect(by.alice).not.toBeNull();
    expect(names(await users('?enrollment=due-within-7-days'))).toEqual([]);
    h.clock.advance(4 * DAY);
    expect(names(await users('?enrollment=due-within-7-days'))).toEqual(['alice', 'bob', 'dave']);
    expect(names(await users('?enrollment=overdue'))).toEqual([]);
    h.clock.advance(5 * DAY);
    expect(names(await users('?enrollment=overdue'))).toEqual(['alice', 'bob']);
    expect(names(await users('?enrollment=due-within-7-days'))).toEqual(['dave']);
    expect(names(await users('?enrollment=overdue&q=bo'))).toEqual(['bob']);
    const bad = await h.req('GET', '/api/v1/users?enrollment=soon', { token: rootKey });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation-failed', field: 'enrollment' });
    expect(bad.json().detail).toMatch(/overdue, due-within-7-days/);
  });

  it('leaving Required ends the deadlines; starting it again without a grace period gives none', async () => {
    await h.addUser('alice', 'member');
    await requireWithGrace(5);
    expect((await users()).summary.membersNotEnrolled).toBe(1);
    expect((await putPolicy(h, rootKey, { enforcementMode: 'Optional', currentCode: h.code(rootSecret) })).json().gracePeriodDays).toBe(5);
    h.clock.nextStep();
    expect(names(await users('?enrollment=due-within-7-days'))).toEqual([]);
    await requireWithGrace(0);
    expect((await login('alice')).json().result).toBe('mfa_enrollment_required');
  });

  it('refuses a grace period of 31, -1 or 1.5 days with a clear problem and changes nothing', async () => {
    for (const days of [31, -1, 1.5, '7']) {
      const r = await putPolicy(h, rootKey, { enforcementMode: 'Required', gracePeriodDays: days, currentCode: h.code(rootSecret) });
      expect(r.statusCode, String(days)).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation-failed', field: 'gracePeriodDays', detail: 'gracePeriodDays: a whole number of days from 0 to 30' });
    }
    const policy = (await h.req('GET', '/api/v1/mfa/policy', { token: rootKey })).json();
    expect(policy).toMatchObject({ enforcementMode: 'Optional', gracePeriodDays: 0, version: 1 });
  });

  it('an mfa.json written before grace periods existed reads as 0 days', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const path = `${h.dataDir}/mfa.json`;
    const json = JSON.parse(readFileSync(path, 'utf8'));
    delete json.gracePeriodDays;
    writeFileSync(path, JSON.stringify(json));
    await h.restart();
    expect((await h.req('GET', '/api/v1/mfa/policy', { token: rootKey })).json().gracePeriodDays).toBe(0);
  });
});

describe('per-user requirement', () => {
  it('under Optional sends that user to enrollment at the next sign-in, and no one else; DELETE lifts it', async () => {
    const aliceId = await h.addUser('alice', 'member');
    await h.addUser('bob', 'member');
    const aliceOld = await h.apiKey('alice');
    const set = await h.req('POST', `/api/v1/users/${aliceId}/mfa/require`, { token: rootKey });
    expect(set.statusCode).toBe(200);
    expect(set.json().mfa).toMatchObject({ required: true, status: 'not_enrolled' });
    expect((await login('alice')).json().result).toBe('mfa_enrollment_required');
    expect((await login('bob')).json().result).toBe('authenticated');
    // The password-only key Alice had stops working.
    expect((await h.req('GET', '/api/v1/me', { token: aliceOld })).json()).toMatchObject({ code: 'unauthenticated', restartLogin: true });
    const listed = (await users()).items.find((u: { username: string }) => u.username === 'alice');
    expect(listed.mfa.required).toBe(true);
    // Idempotent, audited once.
    await h.req('POST', `/api/v1/users/${aliceId}/mfa/require`, { token: rootKey });
    const events = (await h.req('GET', `/api/v1/mfa/audit-events?userId=${aliceId}&type=mfa-requirement-set`, { token: rootKey })).json().items;
    expect(events).toHaveLength(1);
    // Lifting weakens protection: it needs the caller's current code (step-up).
    const noCode = await h.req('DELETE', `/api/v1/users/${aliceId}/mfa/require`, { token: rootKey });
    expect(noCode.json()).toMatchObject({ code: 'mfa-code-required', field: 'currentCode' });
    const lifted = await h.req('DELETE', `/api/v1/users/${aliceId}/mfa/require`, { token: rootKey, body: { currentCode: h.code(rootSecret) } });
    expect(lifted.json().mfa.required).toBe(false);
    expect((await login('alice')).json().result).toBe('authenticated');
  });

  it('applies with no grace period under Required, and an enrolled required user still gives a code', async () => {
    const aliceId = await h.addUser('alice', 'member');
    await h.req('POST', `/api/v1/users/${aliceId}/mfa/require`, { token: rootKey });
    await requireWithGrace(10);
    expect((await login('alice')).json().result).toBe('mfa_enrollment_required');
    expect((await h.req('GET', `/api/v1/users/${aliceId}`, { token: rootKey })).json().mfa).toMatchObject({ required: true });
    const missing = await h.req('POST', '/api/v1/users/u_nobody01/mfa/require', { token: rootKey });
    expect(missing.statusCode).toBe(404);
  });
});
