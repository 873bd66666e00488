import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type Harness } from './support';

let h: Harness;
let rootKey: string;
let rootId: string;
let rootSecret: string;
beforeEach(async () => {
  h = await startHarness();
  rootId = await h.addUser('root', 'server_admin');
  rootKey = await h.apiKey('root');
  // Step-up (issue #11): removing protection needs the caller's own current code.
  rootSecret = await h.enroll(rootKey);
});
afterEach(async () => h.close());

describe('GET /users', () => {
  it('lists users with MFA status, filters, paginates and summarises', async () => {
    await h.addUser('alice', 'member');
    await h.addUser('bob', 'member');
    await h.addUser('carol', 'member', ['users:view']);
    await h.enroll(await h.apiKey('alice'));
    await h.req('POST', '/api/v1/me/mfa/enrollment', { token: await h.apiKey('bob'), body: { password: PASSWORD } });
    const all = (await h.req('GET', '/api/v1/users', { token: rootKey })).json();
    expect(all.items.map((u: { username: string; mfa: { status: string } }) => [u.username, u.mfa.status])).toEqual([
      ['alice', 'enrolled'],
      ['bob', 'pending'],
      ['carol', 'not_enrolled'],
      ['root', 'enrolled'],
    ]);
    expect(all.summary).toEqual({ total: 4, enrolled: 2, serverAdminsEnrolled: 1, membersNotEnrolled: 2 });
    expect(all.nextCursor).toBeNull();
    const alice = all.items[0];
    expect(alice.mfa.enrolledAt).toMatch(/^2026-/);
    expect(alice.mfa.lastUsedAt).toMatch(/^2026-/);
    const carol = all.items[2];
    expect(carol).toMatchObject({ roles: ['member'], isServerAdmin: false, permissions: ['users:view'] });

    const p1 = (await h.req('GET', '/api/v1/users?limit=2', { token: rootKey })).json();
    expect(p1.items.map((u: { username: string }) => u.username)).toEqual(['alice', 'bob']);
    const p2 = (await h.req('GET', `/api/v1/users?limit=2&cursor=${p1.nextCursor}`, { token: rootKey })).json();
    expect(p2.items.map((u: { username: string }) => u.username)).toEqual(['carol', 'root']);
    expect(p2.nextCursor).toBeNull();
    expect(p2.summary.total).toBe(4);
    // matched counts every page of the filtered list ("page 1 of 2"), the summary every user.
    expect([p1.matched, p2.matched]).toEqual([4, 4]);
    expect((await h.req('GET', '/api/v1/users?limit=1&q=o', { token: rootKey })).json().matched).toBe(3);
    expect((await h.req('GET', '/api/v1/users?limit=1&status=enrolled&q=a', { token: rootKey })).json().matched).toBe(1);

    const pending = (await h.req('GET', '/api/v1/users?status=pending', { token: rootKey })).json();
    expect(pending.items.map((u: { username: string }) => u.username)).toEqual(['bob']);
    const q = (await h.req('GET', '/api/v1/users?q=RO', { token: rootKey })).json();
    expect(q.items.map((u: { username: string }) => u.username)).toEqual(['carol', 'root']);
    const badCursor = await h.req('GET', '/api/v1/users?cursor=%%%', { token: rootKey });
    expect(badCursor.json()).toMatchObject({ code: 'validation-failed', field: 'cursor' });
    const badLimit = await h.req('GET', '/api/v1/users?limit=1000', { token: rootKey });
    expect(badLimit.json()).toMatchObject({ code: 'validation-failed', field: 'limit' });
  });

  it('GET /users/{id} shows one user, 404 for an unknown id', async () => {
    const r = await h.req('GET', `/api/v1/users/${rootId}`, { token: rootKey });
    expect(r.json()).toMatchObject({ id: rootId, username: 'root', isServerAdmin: true });
    expect((await h.req('GET', '/api/v1/users/u_doesnotexist', { token: rootKey })).json().code).toBe('not-found');
  });
});

describe('POST /users/{id}/mfa/reset', () => {
  it('lets a member with users:edit reset a member, not a Server Admin, not themselves', async () => {
    const editorId = await h.addUser('editor', 'member', ['users:edit']);
    const editorKey = await h.apiKey('editor');
    const editorSecret = await h.enroll(editorKey);
    const aliceId = await h.addUser('alice', 'member');
    await h.enroll(await h.apiKey('alice'));
    // Step-up: removing Alice's authenticator needs the editor's own current code.
    const noCode = await h.req('POST', `/api/v1/users/${aliceId}/mfa/reset`, { token: editorKey });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json()).toMatchObject({ code: 'mfa-code-required', field: 'currentCode' });
    const r = await h.req('POST', `/api/v1/users/${aliceId}/mfa/reset`, { token: editorKey, body: { currentCode: h.stepUp(editorSecret) } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ userId: aliceId, mfa: { status: 'not_enrolled' } });
    expect((await h.req('POST', `/api/v1/users/${rootId}/mfa/reset`, { token: editorKey })).json().code).toBe('forbidden');
    const self = await h.req('POST', `/api/v1/users/${editorId}/mfa/reset`, { token: editorKey });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('cannot-reset-own-mfa');
    expect((await h.req('POST', '/api/v1/users/u_doesnotexist/mfa/reset', { token: editorKey })).json().code).toBe('not-found');
    const events = (await h.req('GET', `/api/v1/mfa/audit-events?type=mfa-reset`, { token: rootKey })).json();
    expect(events.items[0]).toMatchObject({ type: 'mfa-reset', actorUsername: 'editor', subjectUsername: 'alice', via: 'api' });
  });
});

describe('user administration (Server Admin)', () => {
  it('creates a user who can sign in; refuses a taken name', async () => {
    const r = await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'dave', password: 'a long password', role: 'member', permissions: ['users:view'] } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ username: 'dave', permissions: ['users:view'], mfa: { status: 'not_enrolled' } });
    expect((await h.req('POST', '/api/v1/auth/login', { body: { username: 'dave', password: 'a long password', issue: 'session' } })).statusCode).toBe(200);
    const taken = await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'DAVE', password: 'a long password', role: 'member' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'username-taken', field: 'username' });
    const short = await h.req('POST', '/api/v1/users', { token: rootKey, body: { username: 'eve', password: 'short', role: 'member' } });
    expect(short.json()).toMatchObject({ code: 'validation-failed', field: 'password' });
  });

  it('changes roles and permissions; refuses removing the last Server Admin', async () => {
    const aliceId = await h.addUser('alice', 'member');
    const up = await h.req('PATCH', `/api/v1/users/${aliceId}`, { token: rootKey, body: { permissions: ['users:edit'] } });
    expect(up.json()).toMatchObject({ roles: ['member'], permissions: ['users:edit'] });
    const aliceKey = await h.apiKey('alice');
    expect((await h.req('GET', '/api/v1/me', { token: aliceKey })).json().permissions).toEqual(['users:view', 'users:edit']);
    const last = await h.req('PATCH', `/api/v1/users/${rootId}`, { token: rootKey, body: { role: 'member', currentCode: h.stepUp(rootSecret) } });
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('last-server-admin');
    expect((await h.req('PATCH', `/api/v1/users/${aliceId}`, { token: rootKey, body: { role: 'server_admin' } })).json().isServerAdmin).toBe(true);
    // Demoting a Server Admin removes protection: without a code 400, with one 200.
    expect((await h.req('PATCH', `/api/v1/users/${rootId}`, { token: rootKey, body: { role: 'member' } })).json().code).toBe('mfa-code-required');
    expect((await h.req('PATCH', `/api/v1/users/${rootId}`, { token: rootKey, body: { role: 'member', currentCode: h.stepUp(rootSecret) } })).json().isServerAdmin).toBe(false);
    expect((await h.req('PATCH', `/api/v1/users/${aliceId}`, { token: rootKey, body: {} })).json().code).toBe('forbidden');
    expect((await h.req('PATCH', `/api/v1/users/${aliceId}`, { token: aliceKey, body: {} })).json()).toMatchObject({ code: 'validation-failed', field: 'role' });
    expect((await h.req('PATCH', '/api/v1/users/u_doesnotexist', { token: aliceKey, body: { role: 'member' } })).json().code).toBe('not-found');
  });

  it('deletes users, not yourself and not the last Server Admin', async () => {
    const aliceId = await h.addUser('alice', 'member');
    const aliceKey = await h.apiKey('alice');
    expect((await h.req('DELETE', `/api/v1/users/${rootId}`, { token: rootKey })).json().code).toBe('cannot-delete-self');
    // A member's deletion removes no Server Admin: no code needed.
    expect((await h.req('DELETE', `/api/v1/users/${aliceId}`, { token: rootKey })).statusCode).toBe(204);
    expect((await h.req('DELETE', `/api/v1/users/${aliceId}`, { token: rootKey })).json().code).toBe('not-found');
    // The deleted account's API key stops working, also once the name is taken again.
    expect((await h.req('GET', '/api/v1/me', { token: aliceKey })).json().code).toBe('unauthenticated');
    const aliceAgain = await h.addUser('alice', 'member');
    expect((await h.req('GET', '/api/v1/me', { token: aliceKey })).json().code).toBe('unauthenticated');
    expect((await h.req('DELETE', `/api/v1/users/${aliceAgain}`, { token: rootKey })).statusCode).toBe(204);
    const otherId = await h.addUser('other', 'server_admin');
    const otherKey = await h.apiKey('other');
    const otherSecret = await h.enroll(otherKey);
    // Deleting a Server Admin: a code from the caller, who must have an authenticator.
    expect((await h.req('DELETE', `/api/v1/users/${rootId}`, { token: otherKey })).json().code).toBe('mfa-code-required');
    expect((await h.req('DELETE', `/api/v1/users/${rootId}`, { token: otherKey, body: { currentCode: h.stepUp(otherSecret) } })).statusCode).toBe(204);
    const thirdId = await h.addUser('third', 'server_admin');
    const thirdKey = await h.apiKey('third');
    const notEnrolled = await h.req('DELETE', `/api/v1/users/${otherId}`, { token: thirdKey, body: { currentCode: '123456' } });
    expect(notEnrolled.statusCode).toBe(409);
    expect(notEnrolled.json().code).toBe('policy-caller-not-enrolled');
    const thirdSecret = await h.enroll(thirdKey);
    await h.req('PATCH', `/api/v1/users/${otherId}`, { token: thirdKey, body: { role: 'member', currentCode: h.stepUp(thirdSecret) } });
    const lastDel = await h.req('DELETE', `/api/v1/users/${thirdId}`, { token: otherKey, body: { currentCode: h.stepUp(otherSecret) } });
    expect(lastDel.json().code).toBe('forbidden'); // other is a member now
    expect((await h.req('GET', '/api/v1/users', { token: thirdKey })).json().summary.total).toBe(2);
  });

  it('refuses deleting the only Server Admin', async () => {
    const secondId = await h.addUser('second', 'server_admin');
    const secondKey = await h.apiKey('second');
    const secondSecret = await h.enroll(secondKey);
    expect((await h.req('DELETE', `/api/v1/users/${rootId}`, { token: secondKey, body: { currentCode: h.stepUp(secondSecret) } })).statusCode).toBe(204);
    await h.addUser('third', 'server_admin');
    const thirdKey = await h.apiKey('third');
    await h.req('PATCH', `/api/v1/users/${(await h.req('GET', '/api/v1/me', { token: thirdKey })).json().id}`, { token: secondKey, body: { role: 'member', currentCode: h.stepUp(secondSecret) } });
    const third = await h.apiKey('third');
    expect((await h.req('DELETE', `/api/v1/users/${secondId}`, { token: third })).json().code).toBe('forbidden');
    // Only 'second' is a Server Admin now; a role change that would remove them is refused.
    const demote = await h.req('PATCH', `/api/v1/users/${secondId}`, { token: secondKey, body: { role: 'member', currentCode: h.stepUp(secondSecret) } });
    expect(demote.json().code).toBe('last-server-admin');
  });
});

describe('GET /mfa/audit-events', () => {
  it('is newest first, paginated, filtered, and append-only in SQLite', async () => {
    await h.addUser('alice', 'member');
    await h.enroll(await h.apiKey('alice'));
    const all = (await h.req('GET', '/api/v1/mfa/audit-events', { token: rootKey })).json();
    const types = all.items.map((e: { type: string }) => e.type);
    // Alice's events, then root's own enrollment from beforeEach.
    expect(types).toEqual(['mfa-recovery-codes-issued', 'mfa-enrolled', 'mfa-verify-succeeded', 'mfa-enrollment-started', 'login-succeeded', 'mfa-recovery-codes-issued', 'mfa-enrolled', 'mfa-verify-succeeded', 'mfa-enrollment-started', 'login-succeeded']);
    const p1 = (await h.req('GET', '/api/v1/mfa/audit-events?limit=2', { token: rootKey })).json();
    const p2 = (await h.req('GET', `/api/v1/mfa/audit-events?limit=2&cursor=${p1.nextCursor}`, { token: rootKey })).json();
    expect([...p1.items, ...p2.items].map((e: { id: number }) => e.id)).toEqual(all.items.slice(0, 4).map((e: { id: number }) => e.id));
    const aliceId = all.items[0].subjectId;
    const forAlice = (await h.req('GET', `/api/v1/mfa/audit-events?userId=${aliceId}&type=mfa-enrolled`, { token: rootKey })).json();
    expect(forAlice.items).toHaveLength(1);
    expect(() => h.server.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(() => h.server.db.prepare("UPDATE audit_events SET type = 'x'").run()).toThrow(/append-only/);
    expect((await h.req('GET', '/api/v1/mfa/audit-events?cursor=abc', { token: rootKey })).json().field).toBe('cursor');
  });
});
