import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/storage/database';
import { PASSWORD, startHarness, type Harness } from './support';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

/** What another process would see in the data directory: committed rows only. */
function committedCount(table: string): number {
  const reader = new BetterSqlite3(join(h.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (reader.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

const login = (username: string) => h.req('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD, issue: 'apiKey' } });

describe('answers wait for the commit that holds their writes (group commit)', () => {
  it('a sign-in step is answered only once its rows are committed', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    const before = committedCount('tickets');
    const first = await login('alice');
    expect(first.json().result).toBe('mfa_required');
    expect(committedCount('tickets')).toBe(before + 1);
    const keys = committedCount('api_keys');
    const ok = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: first.json().challenge.ticket, code: h.code(secret) } });
    expect(ok.statusCode).toBe(200);
    expect(committedCount('api_keys')).toBe(keys + 1);
  });

  it('parallel sign-ins all land, each once', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `user${i}`);
    for (const n of names) await h.addUser(n, 'member');
    const keys = committedCount('api_keys');
    const answers = await Promise.all(names.map((n) => login(n)));
    expect(answers.map((a) => a.statusCode)).toEqual(names.map(() => 200));
    expect(committedCount('api_keys')).toBe(keys + names.length);
    for (const [i, a] of answers.entries()) expect((await h.req('GET', '/api/v1/me', { token: a.json().apiKey.token })).json().username).toBe(names[i]);
  });

  it('when the commit fails, the request is answered 500 with nothing kept, and the next one works', async () => {
    await h.addUser('alice', 'member');
    const secret = await h.enroll(await h.apiKey('alice'));
    const tickets = committedCount('tickets');
    // Fault injection: every new ticket now leaves a deferred foreign-key violation, which
    // SQLite checks only at COMMIT, so the batch holding the sign-in cannot commit.
    const { db } = h.server;
    db.exec(`CREATE TEMP TABLE fault_parent (id INTEGER PRIMARY KEY);
      CREATE TEMP TABLE fault_child (parent INTEGER REFERENCES fault_parent(id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TEMP TRIGGER fault AFTER INSERT ON main.tickets BEGIN INSERT INTO fault_child (parent) VALUES (42); END;`);
    const failed = await login('alice');
    expect(failed.statusCode).toBe(500);
    expect(failed.headers['content-type']).toContain('application/problem+json');
    expect(failed.json()).toMatchObject({ code: 'internal-error', detail: expect.stringMatching(/could not save this request.*nothing of it was kept/) });
    expect(failed.body).not.toMatch(/FOREIGN KEY|at .*\.ts/);
    expect(committedCount('tickets')).toBe(tickets);
    expect(h.logs.join('')).toMatch(/database commit failed/);

    db.exec('DROP TRIGGER temp.fault');
    const retry = await login('alice');
    expect(retry.json().result).toBe('mfa_required');
    const ok = await h.req('POST', '/api/v1/auth/login/totp', { body: { ticket: retry.json().challenge.ticket, code: h.code(secret) } });
    expect(ok.statusCode).toBe(200);
  });
});
