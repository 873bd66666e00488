import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_IDS, adminRoutes, buildPath, type RouteId } from '../../shared/admin-api';
import { PASSWORD, startHarness, type Harness } from './support';

/**
 * Every route against anonymous, member, member with users:edit, and Server Admin. A caller
 * the route admits must never get `unauthenticated` or `forbidden`; anyone else must.
 */
type CallerKind = 'anonymous' | 'member' | 'editor' | 'admin';
const CALLERS: CallerKind[] = ['anonymous', 'member', 'editor', 'admin'];

const admitted: Record<(typeof adminRoutes)[RouteId]['access'], CallerKind[]> = {
  anonymous: ['anonymous', 'member', 'editor', 'admin'],
  user: ['member', 'editor', 'admin'],
  'users:view': ['editor', 'admin'],
  'users:edit': ['editor', 'admin'],
  'server-admin': ['admin'],
};

let h: Harness;
const keys: Partial<Record<CallerKind, string>> = {};
let counter = 0;

beforeAll(async () => {
  h = await startHarness();
  await h.addUser('admin', 'server_admin');
  await h.addUser('member', 'member');
  await h.addUser('editor', 'member', ['users:edit']);
  for (const k of ['admin', 'member', 'editor'] as const) keys[k] = await h.apiKey(k);
});
afterAll(async () => h.close());

async function sample(id: RouteId): Promise<{ url: string; body?: unknown; headers?: Record<string, string> }> {
  const target = await h.addUser(`target${++counter}`, 'member');
  const withId = { id: target };
  switch (id) {
    case 'login':
      return { url: buildPath(id), body: { username: 'member', password: PASSWORD, issue: 'apiKey' } };
    case 'loginTotp':
      return { url: buildPath(id), body: { ticket: 'A'.repeat(43), code: '123456' } };
    case 'loginEnrollment':
      return { url: buildPath(id), body: { ticket: 'A'.repeat(43) } };
    case 'changePassword':
      return { url: buildPath(id), body: { currentPassword: 'not the password', newPassword: 'irrelevant password' } };
    case 'enrollmentStart':
      return { url: buildPath(id), body: { password: PASSWORD } };
    case 'enrollmentConfirm':
      return { url: buildPath(id), body: { code: '123456' } };
    case 'disableMfa':
      return { url: buildPath(id), body: { password: PASSWORD, code: '123456' } };
    case 'putPolicy': {
      const etag = String((await h.req('GET', buildPath('getPolicy'), { token: keys.admin })).headers.etag);
      return { url: buildPath(id), body: { enabled: true, enforcementMode: 'Optional', issuer: 'Twofold' }, headers: { 'if-match': etag } };
    }
    case 'createUser':
      return { url: buildPath(id), body: { username: `new${counter}`, password: 'a long password', role: 'member' } };
    case 'updateUser':
      return { url: buildPath(id, withId), body: { permissions: ['users:view'] } };
    case 'getUser':
    case 'deleteUser':
    case 'resetUserMfa':
    case 'unlockUserMfa':
    case 'requireUserMfa':
    case 'liftUserMfaRequirement':
      return { url: buildPath(id, withId) };
    case 'regenerateRecoveryCodes':
      return { url: buildPath(id), body: { password: PASSWORD, code: '123456' } };
    case 'revokeCredential':
      // Someone else's or nobody's credential: an admitted caller gets 404, never 401/403.
      return { url: buildPath(id, { id: 'ses_100000000000001' }) };
    default:
      return { url: buildPath(id) };
  }
}

describe('authorization matrix', () => {
  for (const id of ROUTE_IDS.filter((r) => r !== 'logout')) {
    const def = adminRoutes[id];
    for (const caller of CALLERS) {
      const allowed = admitted[def.access].includes(caller);
      it(`${def.method} ${def.path} as ${caller}: ${allowed ? 'admitted' : 'refused'}`, async () => {
        const s = await sample(id);
        const r = await h.req(def.method, s.url, { token: keys[caller], body: s.body, headers: s.headers });
        if (allowed) {
          expect(r.statusCode, r.body).toBeLessThan(500);
          if (r.statusCode >= 400) expect(['unauthenticated', 'forbidden']).not.toContain(r.json().code);
        } else {
          expect(r.statusCode).toBe(caller === 'anonymous' ? 401 : 403);
          expect(r.json().code).toBe(caller === 'anonymous' ? 'unauthenticated' : 'forbidden');
        }
      });
    }
  }

  it('POST /auth/logout: anonymous is refused; every signed-in caller may sign out', async () => {
    expect((await h.req('POST', buildPath('logout'))).json().code).toBe('unauthenticated');
    for (const who of ['member', 'editor', 'admin'] as const) {
      const key = await h.apiKey(who);
      expect((await h.req('POST', buildPath('logout'), { token: key })).statusCode).toBe(204);
    }
  });
});
