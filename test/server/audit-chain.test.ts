import BetterSqlite3 from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../server/cli/run';
import { createServer } from '../../server/app';
import { INSECURE_FAST_HASH_OPTIONS } from '../../server/crypto/password-hasher';
import { DATABASE_FILE } from '../../server/storage/database';
import { migrate } from '../../server/storage/migrations';
import { chainHash, type ChainedRow } from '../../server/domain/audit-chain';
import { TEST_KEY, startHarness } from './support';

/**
 * Audit log integrity (issue #11 item 6): a hash chain checked at every start and by
 * `twofold-server audit verify`; the append-only triggers come back at every start. The attacker
 * here has the database file and the sqlite3 shell.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function cliIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env: { NODE_ENV: 'test', TWOFOLD_INSECURE_FAST_HASH: '1', TWOFOLD_SERVER_KEY: TEST_KEY.toString('hex') } };
}

/** A data directory with a few audited events, server stopped. */
async function populated(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'twofold-chain-'));
  dirs.push(dataDir);
  const h = await startHarness({ dataDir });
  await h.addUser('alice', 'member');
  for (let i = 0; i < 3; i++) await h.apiKey('alice');
  await h.req('POST', '/api/v1/auth/login', { body: { username: 'alice', password: 'wrong', issue: 'apiKey' } });
  await h.server.close();
  return dataDir;
}

const sqlite3 = (dataDir: string, sql: string) => execFileSync('sqlite3', [join(dataDir, DATABASE_FILE), sql], { encoding: 'utf8' });
const start = (dataDir: string) => createServer({ dataDir, logger: false, passwordHashOptions: INSECURE_FAST_HASH_OPTIONS, serverKey: TEST_KEY });

describe('audit hash chain', () => {
  it('an intact log verifies, at start and on demand', async () => {
    const dataDir = await populated();
    const io = cliIo();
    expect(await runCli(['audit', 'verify', '--data', dataDir], io)).toBe(0);
    expect(io.lines).toEqual(['Audit log intact: 4 events, hash chain verified, its end sealed by the server key.']);
    await (await start(dataDir)).close();
    // Without the key only the chain is checked, and the line says what that misses.
    const keyless = { ...cliIo(), env: { NODE_ENV: 'test' } };
    expect(await runCli(['audit', 'verify', '--data', dataDir], keyless)).toBe(0);
    expect(keyless.lines[0]).toMatch(/^Audit log intact: 4 events, hash chain verified\. Its end was not checked \(no server key/);
  });

  it('the newest events cut off with sqlite3 stop the next start and fail audit verify (the sealed head)', async () => {
    const dataDir = await populated();
    // The chain of events 1-3 is still perfect: only the head sealed with the server key knows.
    sqlite3(dataDir, 'DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = 4;');
    await expect(start(dataDir)).rejects.toThrow(/The audit log is broken at event id 4: events 4-4 were removed from the end of the log/);
    const io = cliIo();
    expect(await runCli(['audit', 'verify', '--data', dataDir], io)).toBe(1);
    expect(io.errors.join()).toMatch(/^Audit log BROKEN at event id 4: events 4-4 were removed/);
  });

  it('removing the sealed head too, or writing one without the key, is caught', async () => {
    const dataDir = await populated();
    sqlite3(dataDir, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = 4; DELETE FROM meta WHERE name = 'twofold:audit-head';");
    await expect(start(dataDir)).rejects.toThrow(/broken at event id 3: the sealed record of the last event is missing/);
    sqlite3(dataDir, "INSERT INTO meta (name, value) VALUES ('twofold:audit-head', x'01deadbeef');");
    await expect(start(dataDir)).rejects.toThrow(/broken at event id 3: the sealed record of the last event does not open with this server key/);
  });

  it('an event appended with sqlite3 with a correctly recomputed hash is caught by the head', async () => {
    const dataDir = await populated();
    const io = cliIo();
    expect(await runCli(['audit', 'verify', '--data', dataDir], io)).toBe(0);
    // Recompute the chain the way the server does, outside it: the chain verifies, the head does not.
    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    const last = db.prepare('SELECT * FROM audit_events ORDER BY id DESC LIMIT 1').get() as ChainedRow & { hash: Buffer };
    const forged: ChainedRow = { id: last.id + 1, at: last.at + 1, type: 'policy-changed', actor_id: null, actor_username: null, subject_id: null, subject_username: null, via: 'host-command', detail: '{}' };
    db.prepare('INSERT INTO audit_events (id, at, type, actor_id, actor_username, subject_id, subject_username, via, detail, hash) VALUES (@id, @at, @type, @actor_id, @actor_username, @subject_id, @subject_username, @via, @detail, @hash)').run({
      ...forged,
      hash: chainHash(last.hash, forged),
    });
    db.close();
    await expect(start(dataDir)).rejects.toThrow(/broken at event id 5: events 5-5 were written outside the server/);
  });

  it('a row deleted with sqlite3 after dropping the trigger stops the next start and fails audit verify, naming the event', async () => {
    const dataDir = await populated();
    sqlite3(dataDir, 'DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = 2;');
    await expect(start(dataDir)).rejects.toThrow(/The audit log is broken at event id 3: .*ids 2-2 are missing/);
    const io = cliIo();
    expect(await runCli(['audit', 'verify', '--data', dataDir], io)).toBe(1);
    expect(io.errors.join()).toMatch(/^Audit log BROKEN at event id 3/);
  });

  it('a row changed with sqlite3 is caught at that row; dropped triggers come back at the next start', async () => {
    const dataDir = await populated();
    sqlite3(dataDir, `DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;`);
    await (await start(dataDir)).close();
    expect(sqlite3(dataDir, `SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name;`).trim().split('\n')).toEqual(['audit_events_no_delete', 'audit_events_no_update']);
    sqlite3(dataDir, `DROP TRIGGER audit_events_no_update; UPDATE audit_events SET detail = '{"reason":"nothing"}' WHERE id = 4;`);
    await expect(start(dataDir)).rejects.toThrow(/broken at event id 4/);
  });

  it('events written before the chain existed are chained once at the first start after the upgrade', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'twofold-chain-'));
    dirs.push(dataDir);
    const old = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    migrate(old, 4);
    old.prepare(`INSERT INTO audit_events (at, type, via, detail) VALUES (1, 'policy-changed', 'host-command', '{}')`).run();
    old.prepare(`INSERT INTO audit_events (at, type, via, detail) VALUES (2, 'user-created', 'host-command', '{}')`).run();
    old.close();
    const server = await start(dataDir);
    await server.close();
    const io = cliIo();
    expect(await runCli(['audit', 'verify', '--data', dataDir], io)).toBe(0);
    expect(io.lines[0]).toMatch(/2 events/);
    // Only once: an unhashed row appearing later is an error, not something to seal.
    sqlite3(dataDir, `INSERT INTO audit_events (at, type, via, detail) VALUES (3, 'user-created', 'host-command', '{}');`);
    await expect(start(dataDir)).rejects.toThrow(/broken at event id 3: it has no hash/);
  });
});
