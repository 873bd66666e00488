import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../server/storage/database';
import { SCHEMA_VERSION, migrate } from '../../server/storage/migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('schema migrations', () => {
  it('upgrades a schema-3 database: users, secrets and the audit log (ids, append-only) kept, old credentials signed out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twofold-migrate-'));
    dirs.push(dir);
    const old = new BetterSqlite3(join(dir, DATABASE_FILE));
    migrate(old, 3);
    const sealed = Buffer.from('sealed secret bytes');
    old.prepare(`INSERT INTO users (id, username, password_hash, role, created_at, totp_secret, totp_enrolled_at) VALUES ('u_1', 'alice', 'h', 'server_admin', 1, ?, 2)`).run(sealed);
    old.prepare(`INSERT INTO audit_events (at, type, subject_id, subject_username, via, detail) VALUES (3, 'mfa-enrolled', 'u_1', 'alice', 'api', '{}')`).run();
    old.prepare(`INSERT INTO audit_events (at, type, subject_id, subject_username, via, detail) VALUES (4, 'login-succeeded', 'u_1', 'alice', 'api', '{"step":"totp"}')`).run();
    old.prepare(`INSERT INTO api_keys (id, hash, user_id, name, created_at, expires_at, mfa_verified) VALUES ('ak_x', ?, 'u_1', 'desktop', 1, 9e12, 1)`).run(Buffer.alloc(32, 7));
    old.prepare(`INSERT INTO sessions (hash, user_id, created_at, expires_at, mfa_verified) VALUES (?, 'u_1', 1, 9e12, 1)`).run(Buffer.alloc(32, 8));
    old.close();

    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT username, totp_secret, credential_epoch FROM users').get()).toEqual({ username: 'alice', totp_secret: sealed, credential_epoch: 0 });
    expect(db.prepare('SELECT id, at, type, subject_id, detail FROM audit_events ORDER BY id').all()).toEqual([
      { id: 1, at: 3, type: 'mfa-enrolled', subject_id: 'u_1', detail: '{}' },
      { id: 2, at: 4, type: 'login-succeeded', subject_id: 'u_1', detail: '{"step":"totp"}' },
    ]);
    // Still append-only, and new events continue the ids.
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE audit_events SET type = 'x'`).run()).toThrow(/append-only/);
    db.prepare(`INSERT INTO audit_events (at, type, via, detail) VALUES (5, 'policy-changed', 'api', '{}')`).run();
    expect(db.prepare('SELECT MAX(id) AS id FROM audit_events').get()).toEqual({ id: 3 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM api_keys').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    // The new token tables are keyed by integer selector: no index on a hash or a user id.
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('tickets', 'sessions', 'api_keys', 'audit_events') ORDER BY name`).all();
    expect(indexes).toEqual([{ name: 'api_keys_expires' }, { name: 'sessions_expires' }, { name: 'tickets_expires' }]);
    db.close();
  });

  it('refuses a database from a newer server and leaves it alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twofold-migrate-'));
    dirs.push(dir);
    const db = new BetterSqlite3(join(dir, DATABASE_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(/newer than this server understands/);
  });
});
