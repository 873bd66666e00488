import BetterSqlite3, { type Database } from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations';

export const DATABASE_FILE = 'twofold.sqlite';

/** Opens (creating if needed) the server's SQLite database in WAL mode and migrates it. */
export function openDatabase(dataDir: string): Database {
  return openAndMigrate(dataDir).db;
}

/** openDatabase, also telling the schema version the file had before this process migrated it. */
export function openAndMigrate(dataDir: string): { db: Database; schemaBefore: number } {
  const path = join(dataDir, DATABASE_FILE);
  const db = new BetterSqlite3(path);
  // Sealed secrets and password hashes live here: owner-only, whatever the umask.
  chmodSync(path, 0o600);
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: commits are durable after a crash of the process and never corrupt the file;
  // only a power loss can drop the last commits (https://www.sqlite.org/pragma.html#pragma_synchronous).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are zeroed where that costs no extra I/O. What they held is sealed (TOTP secrets)
  // or hashed (tokens) anyway, so full secure_delete's extra writes buy little.
  db.pragma('secure_delete = FAST');
  // Checkpoints fsync the database; every 10,000 pages (~40 MB of WAL) instead of 1,000 keeps
  // their cost off most requests.
  db.pragma('wal_autocheckpoint = 10000');
  try {
    return { db, schemaBefore: migrate(db) };
  } catch (e) {
    db.close();
    throw e;
  }
}
