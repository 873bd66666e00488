import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD_THROTTLE_RULES as RULES } from '../../shared/admin-api';
import { budgetAddress, delayAfterFailures } from '../../server/domain/password-throttle';
import { PASSWORD, startHarness, type Harness } from './support';

/**
 * Online password guessing (issue #11 item 1), from the attacker's side: one address hammering
 * one account, many accounts, parallel guesses racing the counter, guesses from a new address
 * against an account its owner uses from a known one, and forged X-Forwarded-For.
 */
let h: Harness;
afterEach(async () => h?.close());

const login = (username: string, password: string, remoteAddress?: string, headers?: Record<string, string>) =>
  h.req('POST', '/api/v1/auth/login', { body: { username, password, issue: 'apiKey' }, ...(remoteAddress ? { remoteAddress } : {}), ...(headers ? { headers } : {}) });

describe('password throttling per account', () => {
  it('1,000 wrong passwords from one address: 5 checks, then 429 for right and wrong alike; after the delay the right one works; others unaffected', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    await h.addUser('bob', 'member');
    const statuses: number[] = [];
    let lastRefusal: { body: string; retryAfter: unknown } | null = null;
    for (let i = 0; i < 1000; i++) {
      const r = await login('alice', `wrong guess ${i}`);
      statuses.push(r.statusCode);
      if (r.statusCode === 429) lastRefusal = { body: r.body, retryAfter: r.headers['retry-after'] };
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(RULES.delayAfter);
    expect(statuses.slice(0, RULES.delayAfter).every((s) => s === 401)).toBe(true);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - RULES.delayAfter);
    expect(JSON.parse(lastRefusal!.body)).toMatchObject({ code: 'too-many-password-attempts', status: 429 });
    expect(lastRefusal!.retryAfter).toBe(String(RULES.firstDelaySeconds));
    // The right password during the delay: the very same answer (nothing tells it apart).
    const right = await login('alice', PASSWORD);
    expect(right.statusCode).toBe(429);
    expect({ body: right.body, retryAfter: right.headers['retry-after'] }).toEqual(lastRefusal);
    // Another account from the same address is not delayed.
    expect((await login('bob', PASSWORD)).json().result).toBe('authenticated');
    // After the delay the right password works, and resets the count.
    h.clock.advance(RULES.firstDelaySeconds * 1000);
    expect((await login('alice', PASSWORD)).json().result).toBe('authenticated');
    for (let i = 0; i < RULES.delayAfter - 1; i++) expect((await login('alice', 'wrong again')).statusCode).toBe(401);
    // An unknown username is throttled exactly like a real one (no enumeration by 429).
    const ghost: number[] = [];
    for (let i = 0; i < 7; i++) ghost.push((await login('nobody', 'wrong')).statusCode);
    expect(ghost).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('delays double up to 15 minutes and stop at 100 consecutive failures; the state survives a restart', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    const delays: number[] = [];
    let failures = 0;
    let last = await login('alice', 'wrong');
    while (last.statusCode === 401 || (last.statusCode === 429 && last.json().lockedUntil !== null)) {
      if (last.statusCode === 401) failures++;
      else {
        const wait = Date.parse(last.json().lockedUntil) - h.clock.now();
        delays.push(wait);
        h.clock.advance(wait);
        if (failures === 50) await h.restart(); // counts are in SQLite, not in memory
      }
      last = await login('alice', 'wrong', `198.51.100.${(failures % 200) + 1}`);
      if (failures > 200) break;
    }
    expect(failures).toBe(RULES.lockAfter);
    expect(last.json()).toMatchObject({ code: 'too-many-password-attempts', lockedUntil: null });
    expect(delays.slice(0, 5)).toEqual([15_000, 30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...delays)).toBe(RULES.maxDelayMinutes * 60_000);
    // Locked even for the right password, until an admin unlocks.
    expect((await login('alice', PASSWORD)).statusCode).toBe(429);
    expect(delayAfterFailures(4)).toBe(0);
  });

  it('a guesser from a new address does not delay the owner at an address that signed in before (malicious lockout)', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    const home = '192.0.2.10';
    expect((await login('alice', PASSWORD, home)).json().result).toBe('authenticated');
    for (let i = 0; i < 20; i++) await login('alice', `guess ${i}`, '203.0.113.66');
    expect((await login('alice', PASSWORD, '203.0.113.66')).statusCode).toBe(429);
    // Another unknown address shares the unknown side's delay…
    expect((await login('alice', PASSWORD, '203.0.113.77')).statusCode).toBe(429);
    // …the owner at home does not.
    expect((await login('alice', PASSWORD, home)).json().result).toBe('authenticated');
  });

  it('50 parallel wrong passwords at the threshold run exactly the allowed number of checks', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    await h.addUser('bob', 'member');
    for (let i = 0; i < RULES.delayAfter - 1; i++) expect((await login('alice', 'wrong')).statusCode).toBe(401);
    const atThreshold = await Promise.all(Array.from({ length: 50 }, (_, i) => login('alice', `parallel ${i}`)));
    expect(atThreshold.filter((r) => r.statusCode === 401)).toHaveLength(1);
    expect(atThreshold.filter((r) => r.statusCode === 429)).toHaveLength(49);
    // From zero: exactly the free failures run.
    const fresh = await Promise.all(Array.from({ length: 50 }, (_, i) => login('bob', `parallel ${i}`)));
    expect(fresh.filter((r) => r.statusCode === 401)).toHaveLength(RULES.delayAfter);
    expect(h.server.db.prepare(`SELECT failures FROM password_throttle WHERE account = 'bob'`).get()).toEqual({ failures: RULES.delayAfter });
  });
});

describe('password throttling per address', () => {
  it('20 accounts × 5 guesses from one address trip the address budget; another address is unaffected', async () => {
    h = await startHarness();
    for (let u = 0; u < 20; u++) await h.addUser(`user${u}`, 'member');
    const statuses: number[] = [];
    let addressRefusal = '';
    for (let u = 0; u < 20; u++) {
      for (let g = 0; g < 5; g++) {
        const r = await login(`user${u}`, `guess ${g}`, '203.0.113.5');
        statuses.push(r.statusCode);
        if (r.statusCode === 429) addressRefusal = r.json().detail;
      }
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(RULES.addressCapacity);
    expect(addressRefusal).toMatch(/from your network address/);
    // The right password from the stuffing address is refused as well; from elsewhere it works.
    expect((await login('user19', PASSWORD, '203.0.113.5')).statusCode).toBe(429);
    expect((await login('user19', PASSWORD, '198.51.100.9')).json().result).toBe('authenticated');
  });

  it('X-Forwarded-For counts only from a configured proxy', async () => {
    // Untrusted peer: a forged header per request does not buy a fresh budget.
    h = await startHarness();
    for (let u = 0; u < 12; u++) await h.addUser(`user${u}`, 'member');
    let refused = 0;
    for (let i = 0; i < 60; i++) {
      const r = await login(`user${i % 12}`, 'wrong', '203.0.113.9', { 'x-forwarded-for': `198.51.100.${i}` });
      if (r.statusCode === 429) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    await h.close();

    // From the trusted proxy, X-Forwarded-For names the client: each client has its own budget.
    h = await startHarness({ trustProxy: ['10.0.0.1'] });
    for (let u = 0; u < 25; u++) await h.addUser(`user${u}`, 'member');
    for (let i = 0; i < RULES.addressCapacity; i++) await login(`user${(i % 24) + 1}`, 'wrong', '10.0.0.1', { 'x-forwarded-for': '198.51.100.1' });
    const stuffer = await login('user0', PASSWORD, '10.0.0.1', { 'x-forwarded-for': '198.51.100.1' });
    expect(stuffer.json().detail).toMatch(/from your network address/);
    // A forged hop in front of the real client does not move the budget either: the proxy's own
    // entry (the last one) is what counts.
    expect((await login('user0', PASSWORD, '10.0.0.1', { 'x-forwarded-for': '1.2.3.4, 198.51.100.1' })).statusCode).toBe(429);
    expect((await login('user0', PASSWORD, '10.0.0.1', { 'x-forwarded-for': '198.51.100.2' })).json().result).toBe('authenticated');
  });

  it('IPv6 clients share one budget per /64', () => {
    expect(budgetAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(budgetAddress('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(budgetAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(budgetAddress('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('re-authentication is throttled and audited like sign-in', () => {
  it('/me/password, /me/mfa/enrollment and /me/mfa/disable share the account count and write login-failed events', async () => {
    h = await startHarness();
    await h.addUser('alice', 'member');
    const key = await h.apiKey('alice');
    const wrong = [
      () => h.req('POST', '/api/v1/me/password', { token: key, body: { currentPassword: 'nope', newPassword: 'orbit lantern fizzy cobalt' } }),
      () => h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: 'nope' } }),
      () => h.req('POST', '/api/v1/me/mfa/disable', { token: key, body: { password: 'nope', code: '123456' } }),
    ];
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await wrong[i % 3]!()).json().code);
    expect(codes).toEqual(['invalid-credentials', 'invalid-credentials', 'invalid-credentials', 'invalid-credentials', 'invalid-credentials', 'too-many-password-attempts']);
    // The sign-in page is delayed too: one count per account.
    expect((await login('alice', PASSWORD)).statusCode).toBe(429);
    const events = h.server.db.prepare(`SELECT detail FROM audit_events WHERE type = 'login-failed' ORDER BY id`).all() as { detail: string }[];
    expect(events.map((e) => JSON.parse(e.detail).entryPoint)).toEqual(['password-change', 'enrollment-start', 'mfa-disable', 'password-change', 'enrollment-start']);
    expect(JSON.parse(events.at(-1)!.detail)).toMatchObject({ failures: 5, delayedUntil: expect.stringMatching(/^2026-/) });
  });

  it('the users list says until when a password delay runs; Unlock clears it without touching the authenticator', async () => {
    h = await startHarness();
    await h.addUser('root', 'server_admin');
    const rootKey = await h.apiKey('root');
    const aliceId = await h.addUser('alice', 'member');
    const aliceSecret = await h.enroll(await h.apiKey('alice'));
    for (let i = 0; i < RULES.delayAfter; i++) await login('alice', 'wrong', '203.0.113.1');
    const listed = (await h.req('GET', `/api/v1/users/${aliceId}`, { token: rootKey })).json();
    expect(listed.mfa).toMatchObject({ status: 'locked', lockedUntil: new Date(h.clock.now() + RULES.firstDelaySeconds * 1000).toISOString() });
    const unlocked = await h.req('POST', `/api/v1/users/${aliceId}/mfa/unlock`, { token: rootKey });
    expect(unlocked.json()).toEqual({ userId: aliceId, mfa: { status: 'enrolled' } });
    expect((await h.req('GET', `/api/v1/users/${aliceId}`, { token: rootKey })).json().mfa).toMatchObject({ status: 'enrolled', lockedUntil: null });
    expect((await h.apiKeyWithCode('alice', aliceSecret)).startsWith('tfk_')).toBe(true);
  });
});
