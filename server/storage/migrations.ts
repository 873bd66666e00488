import type { Database } from 'better-sqlite3';

/**
 * Schema migrations, applied in order inside one transaction each; `PRAGMA user_version` records
 * how many have run. Never edit a shipped migration: append a new one.
 *
 * Times are integers (milliseconds since the epoch, from the injected clock). Tokens (tickets,
 * sessions, API keys) are stored only as SHA-256 hashes; TOTP secrets only sealed with
 * AES-256-GCM under a key that is not in this database.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('server_admin', 'member')),
    permissions TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    totp_secret BLOB,
    totp_enrolled_at INTEGER,
    totp_last_step INTEGER,
    totp_last_used_at INTEGER,
    totp_failures INTEGER NOT NULL DEFAULT 0,
    totp_locked_until INTEGER,
    totp_locked_permanently INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE pending_enrollments (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE tickets (
    hash BLOB PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('mfa', 'enrollment')),
    issue TEXT NOT NULL CHECK (issue IN ('session', 'apiKey')),
    api_key_name TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE sessions (
    hash BLOB PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    mfa_verified INTEGER NOT NULL
  );
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    hash BLOB NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_used_at INTEGER,
    mfa_verified INTEGER NOT NULL
  );
  CREATE INDEX api_keys_user ON api_keys(user_id);
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT,
    actor_username TEXT,
    subject_id TEXT,
    subject_username TEXT,
    via TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX audit_events_subject ON audit_events(subject_id);
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  `,
  `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
  `,
  `
  CREATE INDEX tickets_expires ON tickets(expires_at);
  CREATE INDEX sessions_expires ON sessions(expires_at);
  CREATE INDEX tickets_user ON tickets(user_id);
  `,
  // Split tokens (see server/crypto/tokens.ts): tickets, sessions and API keys are found by their
  // integer key, so a sign-in appends to the end of each table instead of writing a random page
  // of a hash index, a user_id index and (for API keys) an id index. Revoking everything of a
  // user (password change) bumps users.credential_epoch instead of searching these tables by
  // user: a token whose row carries an older epoch is refused, and expired rows are swept.
  // Rows of deleted users are refused the same way (the lookup joins users) and swept later.
  // Tokens issued before this migration have no selector, so it signs everyone out once.
  //
  // The audit log loses two per-write costs that bought nothing: the subject_id index (the only
  // query by user, "subject OR actor", cannot use it and scans newest-first anyway), and
  // AUTOINCREMENT (its sqlite_sequence row is rewritten on every insert; rowids of an append-only
  // table whose deletes are refused are never reused without it). Its rows and ids are kept.
  `
  ALTER TABLE users ADD COLUMN credential_epoch INTEGER NOT NULL DEFAULT 0;
  DROP TABLE tickets;
  DROP TABLE sessions;
  DROP TABLE api_keys;
  CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    verifier BLOB NOT NULL,
    user_id TEXT NOT NULL,
    user_epoch INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('mfa', 'enrollment')),
    issue TEXT NOT NULL CHECK (issue IN ('session', 'apiKey')),
    api_key_name TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    verifier BLOB NOT NULL,
    user_id TEXT NOT NULL,
    user_epoch INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    mfa_verified INTEGER NOT NULL
  );
  CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    verifier BLOB NOT NULL,
    user_id TEXT NOT NULL,
    user_epoch INTEGER NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_used_at INTEGER,
    mfa_verified INTEGER NOT NULL
  );
  CREATE INDEX tickets_expires ON tickets(expires_at);
  CREATE INDEX sessions_expires ON sessions(expires_at);
  CREATE INDEX api_keys_expires ON api_keys(expires_at);
  CREATE TABLE audit_events_v4 (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT,
    actor_username TEXT,
    subject_id TEXT,
    subject_username TEXT,
    via TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  INSERT INTO audit_events_v4 (id, at, type, actor_id, actor_username, subject_id, subject_username, via, detail)
    SELECT id, at, type, actor_id, actor_username, subject_id, subject_username, via, detail FROM audit_events;
  DROP TABLE audit_events;
  ALTER TABLE audit_events_v4 RENAME TO audit_events;
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  `,
  // Online password guessing (server/domain/password-throttle.ts): per-account failure counters,
  // split by whether the address has signed in to the account before; the addresses that have;
  // and a per-address token bucket across accounts. Keyed by the lower-cased username, so an
  // unknown name is throttled exactly like a real one (no enumeration by 429).
  // Sessions get an idle timeout (last_used_at). Audit events get a hash chain (hash = SHA-256 of
  // the previous hash and the row's canonical form); rows written before it are chained once at
  // the next start (server/domain/audit-chain.ts).
  `
  CREATE TABLE password_throttle (
    account TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('known', 'unknown')),
    failures INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL,
    delayed_until INTEGER NOT NULL,
    PRIMARY KEY (account, scope)
  ) WITHOUT ROWID;
  CREATE TABLE password_known_addresses (
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    last_success_at INTEGER NOT NULL,
    PRIMARY KEY (account, address)
  ) WITHOUT ROWID;
  CREATE TABLE address_budget (
    address TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE sessions ADD COLUMN last_used_at INTEGER;
  UPDATE sessions SET last_used_at = created_at;
  ALTER TABLE audit_events ADD COLUMN hash BLOB;
  `,
  // Recovery codes (NIST SP 800-63B §5.1.2, ASVS 6.5): only Argon2id hashes, each with its own
  // salt; a used code keeps its row (used_at) so a second use is told apart from a wrong code,
  // and the set is deleted with the user, on reset, disable and regeneration.
  // Per-user requirement (mfa_required) and the grace-period deadline under Required (enroll_by,
  // milliseconds; NULL when none applies).
  `
  ALTER TABLE users ADD COLUMN mfa_required INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN enroll_by INTEGER;
  CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE INDEX recovery_codes_user ON recovery_codes(user_id);
  `,
  // 7: no table change. From this version on, a database with audit events always has the chain's
  // head sealed with the server key in meta (audit-chain.ts writes it at the first start after
  // this migration, in the migrating process, and with every event after).
  `SELECT 1;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Migrates to `target` (default: the latest; tests stop earlier to build an old database).
 * Returns the version the database had before.
 */
export function migrate(db: Database, target: number = MIGRATIONS.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database schema (version ${current}) is newer than this server understands (${MIGRATIONS.length}). Run a newer twofold-server.`,
    );
  }
  for (let v = current; v < Math.min(target, MIGRATIONS.length); v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return current;
}
