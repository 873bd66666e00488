import type { Database } from 'better-sqlite3';
import { PasswordHasher, PRODUCTION_HASH_OPTIONS, type PasswordHashOptions } from '../crypto/password-hasher';
import { SecretBox, loadServerKey } from '../crypto/secret-box';
import { prepareAuditLog } from '../domain/audit-chain';
import { ServiceContext, systemClock, type Clock } from '../services/context';
import { acquireDataDirLock } from './data-dir-lock';
import { openAndMigrate } from './database';
import { PolicyFile } from './policy-file';

const KEY_CHECK = 'twofold:key-check';

/**
 * A value sealed with the server key when the database is created: opening it proves the key is
 * the one the TOTP secrets were sealed with, so a wrong TWOFOLD_SERVER_KEY stops the start with a
 * clear message instead of failing every sign-in later.
 */
export function checkServerKey(db: Database, box: SecretBox): void {
  const row = db.prepare('SELECT value FROM meta WHERE name = ?').get(KEY_CHECK) as { value: Buffer } | undefined;
  if (!row) {
    db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run(KEY_CHECK, box.seal(Buffer.from(KEY_CHECK), KEY_CHECK));
    return;
  }
  try {
    box.open(row.value, KEY_CHECK);
  } catch {
    throw new Error(
      'The server key does not match the one this data directory was created with (check TWOFOLD_SERVER_KEY or server.key). Nothing was changed.',
    );
  }
}

export interface DataDirOptions {
  dataDir: string;
  clock?: Clock;
  passwordHashOptions?: PasswordHashOptions;
  /** Key material: the 32-byte key sealing TOTP secrets. Default: TWOFOLD_SERVER_KEY or the key file. */
  serverKey?: Buffer;
  /** TWOFOLD_SERVER_KEY as the caller's environment has it (default: process.env). */
  serverKeyText?: string;
  defaultIssuer?: string;
  /** Lifetime of new API keys in days (default 30). */
  apiKeyDays?: number;
}

export interface OpenDataDir {
  ctx: ServiceContext;
  db: Database;
  /** Closes the database and releases the lock. Idempotent. */
  close(): void;
}

/**
 * Locks the data directory, loads the server key, opens and migrates SQLite, loads (or creates)
 * mfa.json. Used by the HTTP server and by the host-side commands alike.
 */
export function openDataDir(opts: DataDirOptions): OpenDataDir {
  const clock = opts.clock ?? systemClock;
  const release = acquireDataDirLock(opts.dataDir);
  let db: Database | undefined;
  try {
    const box = new SecretBox(opts.serverKey ?? loadServerKey(opts.dataDir, opts.serverKeyText ?? process.env.TWOFOLD_SERVER_KEY));
    const opened = openAndMigrate(opts.dataDir);
    db = opened.db;
    checkServerKey(db, box);
    prepareAuditLog(db, box, opened.schemaBefore);
    const policy = new PolicyFile(opts.dataDir, clock.now(), opts.defaultIssuer);
    const ctx = new ServiceContext(
      db,
      box,
      new PasswordHasher(opts.passwordHashOptions ?? PRODUCTION_HASH_OPTIONS),
      policy,
      clock,
      opts.apiKeyDays === undefined ? undefined : opts.apiKeyDays * 24 * 60 * 60 * 1000,
    );
    const openDb = db;
    let closed = false;
    return {
      ctx,
      db: openDb,
      close: () => {
        if (closed) return;
        closed = true;
        try {
          openDb.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    db?.close();
    release();
    throw e;
  }
}
