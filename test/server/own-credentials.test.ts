import { afterEach, describe, expect, it } from 'vitest';
import { SPLIT_TOKEN_PATTERN } from '../../shared/admin-api';
import { PASSWORD, startHarness, type Harness } from './support';

/** Your own credentials (issue #11 item 4): list, revoke, idle timeout, API key expiry, random selectors. */
let h: Harness;
afterEach(async () => h?.close());

const signIn = (username: string, issue: 'session' | 'apiKey', apiKeyName?: string) =>
  h.req('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD, issue, ...(apiKeyName ? { apiKeyName } : {}) } });

describe('GET /me/credentials and DELETE /me/credentials/{id}', () => {
  it('lists your sessions and API keys without tokens; revokes one; another user\'s is not found', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    await h.addUser('bob', 'member');
    const laptop = (await signIn('alice', 'apiKey', 'Laptop')).json().apiKey;
    h.clock.advance(1000);
    const cookie = String((await signIn('alice', 'session')).headers['set-cookie']).split(';')[0] as string;
    const bobKey = (await signIn('bob', 'apiKey')).json().apiKey.token;
    const list = await h.req('GET', '/api/v1/me/credentials', { token: laptop.token });
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items).toEqual([
      { id: expect.stringMatching(/^ses_\d{15}$/), kind: 'session', name: null, createdAt: expect.any(String), lastUsedAt: expect.any(String), expiresAt: new Date(h.clock.now() + 30 * 60_000).toISOString(), withCode: false, current: false },
      { id: laptop.id, kind: 'apiKey', name: 'Laptop', createdAt: expect.any(String), lastUsedAt: expect.any(String), expiresAt: laptop.expiresAt, withCode: false, current: true },
    ]);
    expect(list.body).not.toContain(laptop.token.split('.')[1]);
    // Revoke the session: the cookie stops working at once.
    expect((await h.req('DELETE', `/api/v1/me/credentials/${items[0].id}`, { token: laptop.token })).statusCode).toBe(204);
    expect((await h.req('GET', '/api/v1/me', { headers: { cookie } })).statusCode).toBe(401);
    // Bob's key, by its id, from Alice: not found (and untouched).
    const bobId = (await h.req('GET', '/api/v1/me/credentials', { token: bobKey })).json().items[0].id;
    const foreign = await h.req('DELETE', `/api/v1/me/credentials/${bobId}`, { token: laptop.token });
    expect(foreign.statusCode).toBe(404);
    expect((await h.req('GET', '/api/v1/me', { token: bobKey })).statusCode).toBe(200);
    expect((await h.req('DELETE', '/api/v1/me/credentials/ak_0', { token: laptop.token })).json()).toMatchObject({ code: 'validation-failed', field: 'id' });
    const events = (await h.req('GET', '/api/v1/mfa/audit-events?type=credential-revoked', { token: laptop.token })).statusCode;
    expect(events).toBe(403); // a member cannot read the log; the event is there for admins
    expect(h.server.db.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE type = 'credential-revoked'`).get()).toEqual({ n: 1 });
  });

  it('sessions end after 30 idle minutes, not while used; GET /me says when a credential expires', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    const cookie = String((await signIn('alice', 'session')).headers['set-cookie']).split(';')[0] as string;
    for (let i = 0; i < 6; i++) {
      h.clock.advance(25 * 60_000);
      expect((await h.req('GET', '/api/v1/me', { headers: { cookie } })).statusCode).toBe(200);
    }
    const me = (await h.req('GET', '/api/v1/me', { headers: { cookie } })).json();
    expect(me.credential).toMatchObject({ kind: 'session', idleTimeoutMinutes: 30, id: expect.stringMatching(/^ses_/) });
    h.clock.advance(31 * 60_000);
    expect((await h.req('GET', '/api/v1/me', { headers: { cookie } })).statusCode).toBe(401);
  });

  it('API keys expire after the configured days (default 30)', async () => {
    h = await startHarness({ apiKeyDays: 7 });
    await h.addUser('alice', 'member');
    const key = (await signIn('alice', 'apiKey')).json().apiKey;
    expect(Date.parse(key.expiresAt) - h.clock.now()).toBe(7 * 24 * 60 * 60_000);
    const me = (await h.req('GET', '/api/v1/me', { token: key.token })).json();
    expect(me.credential).toEqual({ id: key.id, kind: 'apiKey', expiresAt: key.expiresAt, idleTimeoutMinutes: null });
    h.clock.advance(7 * 24 * 60 * 60_000);
    expect((await h.req('GET', '/api/v1/me', { token: key.token })).statusCode).toBe(401);
    await h.close();
    h = await startHarness();
    await h.addUser('alice', 'member');
    expect(Date.parse((await signIn('alice', 'apiKey')).json().apiKey.expiresAt) - h.clock.now()).toBe(30 * 24 * 60 * 60_000);
  });

  it('token selectors are random, not row numbers', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    const selectors: number[] = [];
    for (let i = 0; i < 5; i++) {
      const token: string = (await signIn('alice', 'apiKey')).json().apiKey.token;
      const m = SPLIT_TOKEN_PATTERN.exec(token.slice(4));
      selectors.push(Number(m?.[1]));
    }
    for (const s of selectors) expect(s).toBeGreaterThanOrEqual(1e14);
    const steps = selectors.slice(1).map((s, i) => s - selectors[i]!);
    expect(steps.some((d) => Math.abs(d) > 1000)).toBe(true);
  });
});
