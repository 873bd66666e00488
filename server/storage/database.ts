import BetterSqlite3, { type Database } from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations';

export const DATABASE_FILE = 'twofold.sqlite';

/** Opens (creating if needed) the server's SQLite database in WAL mode and migrates it. */
export function openDatabase(dataDir: string): Database {
  const path = join(dataDir, DATABASE_FILE);
  const db = new BetterSqlite3(path);
  // Sealed secrets and password hashes live here: owner-only, whatever the umask.
  chmodSync(path, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows (old tickets, pending secrets) are overwritten, not left readable in free pages.
  db.pragma('secure_delete = FAST');
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return db;
}
