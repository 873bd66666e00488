import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support';

let h: Harness;
let key: string;
beforeAll(async () => {
  h = await startHarness();
  await h.addUser('root', 'server_admin');
  key = await h.apiKey('root');
});
afterAll(async () => h.close());

const isProblem = (r: { headers: Record<string, unknown>; body: string }) => {
  expect(r.headers['content-type']).toContain('application/problem+json');
  expect(r.body).not.toMatch(/\s+at\s+\S+\s+\(|node_modules|\.ts:\d+/);
};

describe('bad input', () => {
  it('a malformed body gets 400 naming the field', async () => {
    const r = await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: 42, issue: 'apiKey' } });
    expect(r.statusCode).toBe(400);
    isProblem(r);
    expect(r.json()).toMatchObject({ code: 'validation-failed', field: 'password', errors: [{ location: 'body', field: 'password' }] });
    const unknown = await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: 'x', issue: 'apiKey', admin: true } });
    expect(unknown.json()).toMatchObject({ code: 'validation-failed', field: 'admin' });
    const code = await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code: '12345a' } });
    expect(code.json()).toMatchObject({ code: 'validation-failed', field: 'code' });
    expect(code.json().detail).toContain('6 digits');
  });

  it('a body that is not JSON, or missing, is a 400 about the body', async () => {
    const bad = await h.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    isProblem(bad);
    expect(bad.json()).toMatchObject({ code: 'validation-failed', field: 'body' });
    const proto = await h.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1}}' });
    expect(proto.statusCode).toBe(400);
    const none = await h.req('POST', '/api/v1/auth/login');
    expect(none.statusCode).toBe(400);
    expect(none.json().field).toBe('body');
  });

  it('unknown routes are 404 problem+json', async () => {
    for (const [m, u] of [['GET', '/api/v1/nothing'], ['POST', '/api/v1/nothing'], ['DELETE', '/api/v1/mfa/policy'], ['GET', '/.env'], ['GET', '/../../etc/passwd']] as const) {
      const r = await h.req(m, u, { token: key });
      expect(r.statusCode).toBe(404);
      isProblem(r);
      expect(r.json().code).toBe('not-found');
    }
  });

  it('bodies over 64 KB get 413', async () => {
    const r = await h.req('POST', '/api/v1/auth/login', { body: { username: 'root', password: 'x'.repeat(70_000), issue: 'apiKey' } });
    expect(r.statusCode).toBe(413);
    isProblem(r);
    expect(r.json().code).toBe('payload-too-large');
  });

  it('a wrong content type gets 415', async () => {
    const r = await h.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=root' });
    expect(r.statusCode).toBe(415);
    isProblem(r);
    expect(r.json().code).toBe('unsupported-media-type');
    const text = await h.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: '{}' });
    expect(text.statusCode).toBe(415);
  });

  it('bad path and query parameters name the parameter', async () => {
    const r = await h.req('GET', '/api/v1/users/not-an-id', { token: key });
    expect(r.json()).toMatchObject({ code: 'validation-failed', field: 'id', errors: [{ location: 'params' }] });
    const q = await h.req('GET', '/api/v1/users?status=sleeping', { token: key });
    expect(q.json()).toMatchObject({ code: 'validation-failed', field: 'status' });
    const extra = await h.req('GET', '/api/v1/users?sort=name', { token: key });
    expect(extra.json()).toMatchObject({ code: 'validation-failed', field: 'sort' });
  });

  it('serves the OpenAPI document generated from the contract', async () => {
    const r = await h.req('GET', '/api/v1/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/mfa/policy'].put.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: true }));
    expect(doc.paths['/api/v1/mfa/policy'].put.responses['409'].description).toContain('policy-no-enrolled-server-admin');
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password', 'issue']);
    expect(Object.keys(doc.paths)).toHaveLength(21);
  });

  it('sets protective headers on every response', async () => {
    const r = await h.req('GET', '/api/v1/health');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
  });
});
