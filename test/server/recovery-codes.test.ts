import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECOVERY_CODE_ALPHABET, normalizeRecoveryCode } from '../../shared/admin-api';
import { PASSWORD, putPolicy, startHarness, type Harness } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const login = (username: string) => h.req('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD, issue: 'apiKey' } });
const ticketOf = async (username: string): Promise<string> => {
  const body = (await login(username)).json();
  expect(body.result).toBe('mfa_required');
  return body.challenge.ticket as string;
};
const withRecovery = (ticket: string, recoveryCode: string) => h.req('POST', '/api/v1/auth/login/totp', { body: { ticket, recoveryCode } });

/** Enrolls through /me/mfa and returns the secret and the codes the confirmation answered. */
async function enroll(username: string): Promise<{ secret: string; codes: string[]; key: string }> {
  const key = await h.apiKey(username);
  const start = await h.req('POST', '/api/v1/me/mfa/enrollment', { token: key, body: { password: PASSWORD } });
  const secret = start.json().secret as string;
  const confirm = await h.req('POST', '/api/v1/me/mfa/enrollment/confirm', { token: key, body: { code: h.code(secret) } });
  expect(confirm.statusCode, confirm.body).toBe(200);
  h.clock.nextStep();
  return { secret, codes: confirm.json().recoveryCodes as string[], key };
}

const rows = (userId: string) => h.server.db.prepare('SELECT hash, used_at FROM recovery_codes WHERE user_id = ?').all(userId) as { hash: string; used_at: number | null }[];

describe('recovery codes: issue', () => {
  it('enrollment answers 10 distinct readable codes of 60 bits, stored only as salted Argon2id hashes', async () => {
    const id = await h.addUser('alice', 'member');
    const { codes } = await enroll('alice');
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
      for (const ch of c.replace(/-/g, '')) expect(RECOVERY_CODE_ALPHABET).toContain(ch);
    }
    // 12 characters of a 32-letter alphabet: 60 bits (the issue asks for at least 50).
    expect(12 * Math.log2(RECOVERY_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50);
    const stored = rows(id);
    expect(stored).toHaveLength(10);
    const salts = new Set(stored.map((r) => r.hash.split('$')[4]));
    expect(salts.size).toBe(10);
    for (const r of stored) {
      expect(r.hash).toMatch(/^\$argon2id\$/);
      for (const c of codes) expect(r.hash).not.toContain(normalizeRecoveryCode(c));
    }
    // The whole database file never holds a code in clear.
    h.server.db.pragma('wal_checkpoint(TRUNCATE)');
    const { readFileSync } = await import('node:fs');
    const file = readFileSync(`${h.dataDir}/twofold.sqlite`).toString('latin1');
    for (const c of codes) expect(file).not.toContain(normalizeRecoveryCode(c));
    // Shown once: the status only counts them.
    const me = await h.req('GET', '/api/v1/me/mfa', { token: (await enroll2Key('alice', codes)) });
    expect(me.json().recoveryCodesRemaining).toBe(9);
    expect(me.body).not.toContain(codes[1]);
  });

  it('the enrollment-ticket path (Required) answers the codes once, with the sign-in', async () => {
    await h.addUser('root', 'server_admin');
    const root = await enroll('root');
    const rootKey = await h.apiKeyWithCode('root', root.secret);
    expect((await putPolicy(h, rootKey, { enforcementMode: 'Required', currentCode: h.code(root.secret) })).statusCode).toBe(200);
    h.clock.nextStep();
    await h.addUser('bob', 'member');
    const first = (await login('bob')).json();
    expect(first.result).toBe('mfa_enrollment_required');
    const start = (await h.req('POST', '/api/v1/auth/login/enrollment', { body: { ticket: first.challenge.ticket } })).json();
    // A recovery code cannot complete an enrollment.
    const refused = await withRecovery(first.challenge.ticket, '0000-0000-0000');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation-failed', field: 'recoveryCode' });
    const done = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: first.challenge.ticket, code: h.code(start.secret) } });
    expect(done.statusCode, done.body).toBe(200);
    const codes = done.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    h.clock.nextStep();
    // The next sign-in with a code does not hand them out again.
    const again = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: await ticketOf('bob'), code: h.code(start.secret) } });
    expect(again.statusCode).toBe(200);
    expect(again.json().recoveryCodes).toBeUndefined();
    const used = await withRecovery(await ticketOf('bob'), codes[0] as string);
    expect(used.json().recoveryCodesRemaining).toBe(9);
  });
});

/** Signs in with codes[0] and returns the API key (a helper for the first test). */
async function enroll2Key(username: string, codes: string[]): Promise<string> {
  const r = await withRecovery(await ticketOf(username), codes[0] as string);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().apiKey.token as string;
}

describe('recovery codes: sign-in', () => {
  it('each of the 10 codes signs in exactly once; a used code is refused and counts toward the throttle', async () => {
    await h.addUser('alice', 'member');
    const { codes } = await enroll('alice');
    for (let i = 0; i < codes.length; i++) {
      const r = await withRecovery(await ticketOf('alice'), codes[i] as string);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().recoveryCodesRemaining).toBe(9 - i);
      expect(r.json().apiKey.token).toMatch(/^tfk_/);
    }
    const ticket = await ticketOf('alice');
    const eleventh = await withRecovery(ticket, codes[3] as string);
    expect(eleventh.statusCode).toBe(403);
    expect(eleventh.json().code).toBe('recovery-code-used');
    expect(h.server.ctx.users.byUsername('alice')?.totp_failures).toBe(1);
    const audit = (await h.req('GET', '/api/v1/mfa/audit-events?type=mfa-recovery-code-used', { token: await rootKey() })).json();
    expect(audit.items).toHaveLength(10);
    expect(audit.items[0].detail).toMatchObject({ entryPoint: 'login', remaining: 0 });
  });

  it('accepts spaces, dashes, any case and look-alikes (o→0, i/l→1); refuses a wrong length with a clear 400 that counts nothing', async () => {
    await h.addUser('alice', 'member');
    const { codes } = await enroll('alice');
    const bare = (codes[0] as string).replace(/-/g, '');
    const spaced = ` ${bare.slice(0, 4).toUpperCase()} ${bare.slice(4, 8)}  ${bare.slice(8).toUpperCase()} `;
    expect((await withRecovery(await ticketOf('alice'), spaced)).statusCode).toBe(200);
    const withLookAlikes = (codes[1] as string).replace(/0/g, 'O').replace(/1/g, 'l');
    expect((await withRecovery(await ticketOf('alice'), withLookAlikes)).statusCode).toBe(200);
    for (const bad of ['abcd-efgh-jkm', 'abcd-efgh-jkmn-p', '', 'uuuu-uuuu-uuuu', 'x'.repeat(65)]) {
      const r = await withRecovery(await ticketOf('alice'), bad);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation-failed', field: 'recoveryCode' });
      expect(r.json().detail).toMatch(/12 letters and digits/);
    }
    const both = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: await ticketOf('alice'), code: '123456', recoveryCode: codes[2] } });
    expect(both.statusCode).toBe(400);
    expect(both.json().detail).toMatch(/either code .* or recoveryCode/);
    expect(h.server.ctx.users.byUsername('alice')?.totp_failures).toBe(0);
  });

  it('5 wrong recovery codes lock for 15 minutes like 5 wrong TOTP codes; a code of another user is a wrong code', async () => {
    await h.addUser('alice', 'member');
    await h.addUser('bob', 'member');
    const alice = await enroll('alice');
    const bob = await enroll('bob');
    const ticket = await ticketOf('alice');
    const wrong = [bob.codes[0], bob.codes[1], '2222-2222-2222', '3333-3333-3333'];
    for (const c of wrong) expect((await withRecovery(ticket, c as string)).json().code).toBe('recovery-code-invalid');
    const fifth = await withRecovery(ticket, '4444-4444-4444');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ code: 'too-many-attempts', lockedUntil: new Date(h.clock.now() + 15 * 60_000).toISOString() });
    // Locked: even a right recovery code or TOTP code is refused until the lock ends.
    expect((await withRecovery(ticket, alice.codes[0] as string)).json().code).toBe('too-many-attempts');
    expect((await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket, code: h.code(alice.secret) } })).json().code).toBe('too-many-attempts');
    // Bob's codes still work for Bob.
    expect((await withRecovery(await ticketOf('bob'), bob.codes[0] as string)).statusCode).toBe(200);
    h.clock.advance(15 * 60_000);
    const open = await withRecovery(await ticketOf('alice'), alice.codes[0] as string);
    expect(open.statusCode, open.body).toBe(200);
    expect(h.server.ctx.users.byUsername('alice')?.totp_failures).toBe(0);
  });

  it('mixed wrong TOTP and recovery codes share one counter; 100 in a row lock until an admin reset, which voids the codes', async () => {
    const aliceId = await h.addUser('alice', 'member');
    const alice = await enroll('alice');
    const ticket = await ticketOf('alice');
    for (let i = 0; i < 2; i++) await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket, code: '000000' } });
    for (let i = 0; i < 2; i++) await withRecovery(ticket, '2222-2222-2222');
    expect((await withRecovery(ticket, '2222-2222-2223')).json().code).toBe('too-many-attempts');
    h.server.db.prepare('UPDATE users SET totp_failures = 99, totp_locked_until = NULL WHERE id = ?').run(aliceId);
    const last = await withRecovery(ticket, '2222-2222-2224');
    expect(last.json()).toMatchObject({ code: 'too-many-attempts', lockedUntil: null });
    h.clock.advance(24 * 60 * 60_000);
    expect((await withRecovery(await ticketOf('alice'), alice.codes[0] as string)).json().code).toBe('too-many-attempts');
    const root = await enrolledRoot();
    const reset = await h.req('POST', `/api/v1/users/${aliceId}/mfa/reset`, { token: root.key, body: { currentCode: h.code(root.secret) } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(rows(aliceId)).toHaveLength(0);
  });
});

describe('recovery codes: status, regeneration, disable', () => {
  it('GET /me/mfa counts them; regeneration needs password + a current TOTP code and voids the old set at once', async () => {
    await h.addUser('alice', 'member');
    const { secret, codes, key } = await enroll('alice');
    expect((await h.req('GET', '/api/v1/me/mfa', { token: key })).json()).toMatchObject({ recoveryCodesRemaining: 10, required: false, enrollBy: null });
    const regen = (body: unknown) => h.req('POST', '/api/v1/me/mfa/recovery-codes', { token: key, body });
    expect((await regen({ password: 'wrong password', code: h.code(secret) })).json().code).toBe('invalid-credentials');
    expect((await regen({ password: PASSWORD })).json()).toMatchObject({ code: 'validation-failed', field: 'code' });
    // A recovery code is not enough to renew the list.
    const withRecoveryOnly = (await regen({ password: PASSWORD, recoveryCode: codes[0] })).json();
    expect(withRecoveryOnly.code).toBe('validation-failed');
    expect(withRecoveryOnly.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['code', 'recoveryCode']));
    // A stale code (two steps old) is refused and nothing changes.
    const stale = h.code(secret, h.clock.now() - 90_000);
    const staleAnswer = await regen({ password: PASSWORD, code: stale });
    expect(staleAnswer.json().code).toBe('mfa-code-invalid');
    expect((await withRecovery(await ticketOf('alice'), codes[0] as string)).statusCode).toBe(200);
    const fresh = await regen({ password: PASSWORD, code: h.code(secret) });
    expect(fresh.statusCode, fresh.body).toBe(200);
    const next = fresh.json().recoveryCodes as string[];
    expect(next).toHaveLength(10);
    expect(next.some((c) => codes.includes(c))).toBe(false);
    expect((await withRecovery(await ticketOf('alice'), codes[1] as string)).json().code).toBe('recovery-code-invalid');
    expect((await withRecovery(await ticketOf('alice'), next[0] as string)).json().recoveryCodesRemaining).toBe(9);
    const issued = (await h.req('GET', '/api/v1/mfa/audit-events?type=mfa-recovery-codes-issued', { token: await rootKey() })).json().items;
    expect(issued.map((e: { detail: { reason: string } }) => e.detail.reason)).toEqual(['regenerated', 'enrollment']);
  });

  it('disable accepts a recovery code in place of the TOTP code (not under Required, not when required for the user)', async () => {
    const aliceId = await h.addUser('alice', 'member');
    const { codes, key } = await enroll('alice');
    const disable = (body: unknown) => h.req('POST', '/api/v1/me/mfa/disable', { token: key, body });
    expect((await disable({ password: PASSWORD, recoveryCode: '2222-2222-2222' })).json().code).toBe('recovery-code-invalid');
    const root = await enrolledRoot();
    await h.req('POST', `/api/v1/users/${aliceId}/mfa/require`, { token: root.key });
    expect((await disable({ password: PASSWORD, recoveryCode: codes[0] })).json().code).toBe('mfa-required-by-policy');
    const lifted = await h.req('DELETE', `/api/v1/users/${aliceId}/mfa/require`, { token: root.key, body: { currentCode: h.code(root.secret) } });
    expect(lifted.statusCode, lifted.body).toBe(200);
    const ok = await disable({ password: PASSWORD, recoveryCode: codes[0] });
    expect(ok.statusCode, ok.body).toBe(204);
    expect(rows(aliceId)).toHaveLength(0);
    expect((await h.req('GET', '/api/v1/me/mfa', { token: key })).json()).toMatchObject({ enrolled: false, recoveryCodesRemaining: null });
  });

  it('the users list shows each user\'s remaining codes (null while not enrolled)', async () => {
    await h.addUser('alice', 'member');
    await h.addUser('bob', 'member');
    const { codes } = await enroll('alice');
    for (const c of codes.slice(0, 8)) await withRecovery(await ticketOf('alice'), c);
    const list = (await h.req('GET', '/api/v1/users', { token: await rootKey() })).json();
    const by = Object.fromEntries(list.items.map((u: { username: string; mfa: unknown }) => [u.username, u.mfa]));
    expect(by.alice).toMatchObject({ status: 'enrolled', recoveryCodesRemaining: 2, required: false, enrollBy: null });
    expect(by.bob).toMatchObject({ status: 'not_enrolled', recoveryCodesRemaining: null });
  });
});

/** A Server Admin with an authenticator (step-up: resets and lifting a requirement need their code). */
async function enrolledRoot(): Promise<{ key: string; secret: string }> {
  const name = `root${++rootCounter}`;
  await h.addUser(name, 'server_admin');
  const secret = await h.enroll(await h.apiKey(name));
  return { key: await h.apiKeyWithCode(name, secret), secret };
}

let rootCounter = 0;
/** A Server Admin's key under Optional (not enrolled). */
async function rootKey(): Promise<string> {
  const name = `root${++rootCounter}`;
  await h.addUser(name, 'server_admin');
  return h.apiKey(name);
}
