import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../shared/admin-api';
import { ManualClock } from '../../electron/main/services/clock';
import { AdminClientError, AdminHttpClient, PROBLEM_MESSAGES, isLoopbackHost, normalizeServerUrl } from '../../electron/main/services/admin-client';

const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));

function answering(status: number, body: string, headers: Record<string, string> = {}): typeof fetch {
  return async () => new Response(body, { status, headers });
}

function failing(cause: { code?: string; message?: string }): typeof fetch {
  return async () => {
    throw Object.assign(new TypeError('fetch failed'), { cause });
  };
}

async function errorOf(promise: Promise<unknown>): Promise<AdminClientError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AdminClientError);
  return error as AdminClientError;
}

describe('server addresses', () => {
  it.each([
    ['https://mfa.example.com/', 'https://mfa.example.com'],
    ['mfa.example.com', 'https://mfa.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://127.9.9.9', 'http://127.9.9.9'],
    ['http://localhost:3000/base/', 'http://localhost:3000/base'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });

  it.each([
    ['http://mfa.example.com', 'insecure-server-url', /only allowed for this computer/],
    ['http://128.0.0.1', 'insecure-server-url', /use https/],
    ['http://localhost.example.com', 'insecure-server-url', /use https/],
    ['ftp://mfa.example.com', 'invalid-server-url', /must start with https/],
    ['', 'invalid-server-url', /Enter the address/],
    ['https://user:pw@mfa.example.com', 'invalid-server-url', /Leave the user name and password out/],
    ['http://', 'invalid-server-url', /not a web address/],
  ])('refuses %s (%s)', (input, code, message) => {
    let error: unknown;
    try {
      normalizeServerUrl(input);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code, field: 'url' });
    expect((error as Error).message).toMatch(message);
  });

  it('treats only 127.0.0.0/8, ::1 and localhost as loopback', () => {
    expect([isLoopbackHost('127.0.0.1'), isLoopbackHost('[::1]'), isLoopbackHost('LOCALHOST'), isLoopbackHost('a.localhost')]).toEqual([true, true, true, true]);
    expect([isLoopbackHost('10.0.0.1'), isLoopbackHost('127.0.0.256'), isLoopbackHost('localhost.evil.com'), isLoopbackHost('::2')]).toEqual([false, false, false, false]);
  });
});

describe('AdminHttpClient', () => {
  const base = 'https://mfa.example.com';

  it('parses a health answer against the contract', async () => {
    const client = new AdminHttpClient(base, answering(200, JSON.stringify({ status: 'ok', version: '1.2.3', time: '2026-01-01T12:00:00Z', issuer: 'Acme' })), clock);
    const { body } = await client.call('health', {});
    expect(body.version).toBe('1.2.3');
    expect(body.issuer).toBe('Acme');
  });

  it.each([
    ['an HTML page', 200, '<!doctype html><html><body>Welcome</body></html>', /not a Twofold MFA server \(it answered with a web page\)/],
    ['garbage', 200, 'garbage', /not a Twofold MFA server \(its answer does not have the expected shape\)/],
    ['JSON of another shape', 200, '{"ok":true}', /not a Twofold MFA server/],
    ['an HTML 404', 404, '<html>not found</html>', /not a Twofold MFA server \(it answered HTTP 404 with a web page\)/],
  ])('says a server answering %s is not a Twofold server', async (_what, status, body, message) => {
    const error = await errorOf(new AdminHttpClient(base, answering(status, body), clock).call('health', {}));
    expect(error.code).toBe('not-a-twofold-server');
    expect(error.message).toMatch(message);
  });

  it('turns a 429 problem into a message with the retry time', async () => {
    const problem = { type: 'urn:twofold:problem:too-many-attempts', title: 't', status: 429, detail: 'd', code: 'too-many-attempts', lockedUntil: '2026-01-01T12:15:00.000Z' };
    const client = new AdminHttpClient(base, answering(429, JSON.stringify(problem), { 'content-type': 'application/problem+json', 'retry-after': '900' }), clock);
    const error = await errorOf(client.call('loginTotp', { body: { ticket: `1.${'x'.repeat(43)}`, code: '123456' } }));
    expect(error.code).toBe('too-many-attempts');
    expect(error.message).toBe('Too many wrong authenticator codes: verification is locked for now. Try again after 12:15 UTC (in about 15 min).');
  });

  it("keeps the server's detail for 403", async () => {
    const problem = { type: 'x', title: 't', status: 403, detail: 'Needs users:edit.', code: 'forbidden' };
    const error = await errorOf(new AdminHttpClient(base, answering(403, JSON.stringify(problem)), clock, 'key').call('me', {}));
    expect(error).toMatchObject({ code: 'forbidden', message: 'You are not allowed to do this. The server says: Needs users:edit.' });
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, 'server-unreachable', /refused the connection/],
    [{ code: 'ENOTFOUND' }, 'server-unreachable', /No server named mfa.example.com was found/],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls-error', /certificate is not trusted by this computer \(DEPTH_ZERO_SELF_SIGNED_CERT\)/],
    [{ code: 'CERT_HAS_EXPIRED' }, 'tls-error', /secure connection to mfa.example.com failed/],
    [{ code: 'UND_ERR_CONNECT_TIMEOUT' }, 'server-timeout', /did not answer within 15 seconds/],
    [{ message: 'bad port' }, 'server-unreachable', /port .* refuse to use/],
  ])('says what a connection failure %j means', async (cause, code, message) => {
    const error = await errorOf(new AdminHttpClient(base, failing(cause), clock).call('health', {}));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('has a message for every problem code the server documents', () => {
    for (const code of PROBLEM_CODES) expect(PROBLEM_MESSAGES[code], code).toMatch(/\w.*\./);
  });

  it('sends the API key, If-Match and a JSON body', async () => {
    let seen: { url: string; init: RequestInit } | null = null;
    const fetchSpy: typeof fetch = async (url, init) => {
      seen = { url: String(url), init: init ?? {} };
      const policy = { enabled: true, enforcementMode: 'Optional', issuer: 'Acme', version: 2, updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'admin' };
      return new Response(JSON.stringify(policy), { status: 200, headers: { etag: '"2"' } });
    };
    const result = await new AdminHttpClient(base, fetchSpy, clock, 'secret-key').call('putPolicy', { body: { enabled: true, enforcementMode: 'Optional', issuer: 'Acme' }, ifMatch: '"1"' });
    expect(result.etag).toBe('"2"');
    expect(seen!.url).toBe('https://mfa.example.com/api/v1/mfa/policy');
    expect(seen!.init.method).toBe('PUT');
    expect(seen!.init.headers).toMatchObject({ authorization: 'Bearer secret-key', 'if-match': '"1"', 'content-type': 'application/json' });
  });
});
