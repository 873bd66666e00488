import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE_PATH, ROUTE_IDS, adminRoutes } from '../../shared/admin-api';
import { startHarness, type Harness } from './support';

/**
 * Fuzzed requests (10,000 cases in all): whatever arrives, the answer is never a 500 and never
 * carries a stack trace or a credential; every error is problem+json.
 */
let h: Harness;
let token: string;
let userId: string;
beforeAll(async () => {
  h = await startHarness({ logLevel: 'silent' });
  await h.addUser('root', 'server_admin');
  userId = await h.addUser('alice', 'member');
  token = await h.apiKey('root');
  await h.enroll(token);
});
afterAll(async () => h.close());

const STACK = /\bat\s+\S+\s+\(|\bat\s+[^\s]+:\d+:\d+|node_modules|\.ts:\d+|Error:\s/;

async function check(method: string, url: string, payload: string | undefined, contentType: string | undefined, auth: boolean): Promise<void> {
  const r = await h.server.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...(auth ? { authorization: `Bearer ${token}` } : {}) },
    ...(payload === undefined ? {} : { payload }),
  });
  expect(r.statusCode, `${method} ${url} ${payload?.slice(0, 200)}`).toBeLessThan(500);
  if (r.statusCode >= 400 && method !== 'HEAD') {
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(typeof r.json().code).toBe('string');
  }
  expect(r.body).not.toMatch(STACK);
  expect(r.body).not.toContain(token);
}


const fieldNames = ['username', 'password', 'issue', 'apiKeyName', 'ticket', 'code', 'currentCode', 'enabled', 'enforcementMode', 'issuer', 'role', 'permissions', 'currentPassword', 'newPassword', '__proto__', 'constructor'];
const fieldValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('root', 'apiKey', 'session', 'Required', 'Optional', 'Disabled', 'member', 'server_admin', '123456', 'A'.repeat(43), 'users:edit'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
const bodyArb = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames), fieldValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const pathParam = fc.oneof(fc.constant('USER'), fc.string({ maxLength: 40 }).map(encodeURIComponent), fc.constantFrom('u_', '..', '%00', '%ZZ', 'u_' + 'x'.repeat(300)));
const queryArb = fc.dictionary(fc.constantFrom('status', 'q', 'cursor', 'limit', 'type', 'userId', 'x', 'limit[]'), fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String)), { maxKeys: 4 });

describe('fuzzing (fast-check)', () => {
  it('request bodies against every route: never a 500, never a stack trace (6,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTE_IDS),
        bodyArb,
        fc.constantFrom('application/json', 'application/json; charset=utf-8', undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
        fc.boolean(),
        async (id, body, contentType, auth) => {
          const route = adminRoutes[id];
          const url = API_BASE_PATH + route.path.replace('{id}', userId);
          await check(route.method, url, body, body === undefined ? undefined : contentType, auth);
        },
      ),
      { numRuns: 6000 },
    );
  }, 120_000);

  it('paths, parameters and query strings: never a 500, never a stack trace (4,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTE_IDS),
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
        pathParam,
        queryArb,
        fc.boolean(),
        async (id, method, param, query, auth) => {
          const route = adminRoutes[id];
          const path = route.path.replace('{id}', param === 'USER' ? userId : param);
          const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          await check(method, `${API_BASE_PATH}${path}${qs ? `?${qs}` : ''}`, undefined, undefined, auth);
        },
      ),
      { numRuns: 4000 },
    );
  }, 120_000);
});
