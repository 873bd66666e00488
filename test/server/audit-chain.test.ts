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
    expect(io.lines).toEqual(['Audit log intact: 4 events, hash chain verified.']);
    await (await start(dataDir)).close();
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
