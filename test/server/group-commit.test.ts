import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/storage/group-commit';

let dir: string;
let db: Database;
/** A second connection: it sees only what is committed. */
let reader: Database;
let errors: unknown[];
let writes: GroupCommit;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'twofold-group-commit-'));
  db = new BetterSqlite3(join(dir, 'db.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE rows (name TEXT NOT NULL);
    CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE children (parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);`);
  reader = new BetterSqlite3(join(dir, 'db.sqlite'), { readonly: true });
  errors = [];
  writes = new GroupCommit(db, (e) => errors.push(e));
});
afterEach(() => {
  reader.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (name: string) => db.transaction(() => db.prepare('INSERT INTO rows (name) VALUES (?)').run(name));
const committed = () => (reader.prepare('SELECT name FROM rows ORDER BY name').all() as { name: string }[]).map((r) => r.name);

describe('GroupCommit', () => {
  it('commits the transactions of one event-loop turn together, and reports them durable only after that commit', async () => {
    writes.join(insert('a'));
    writes.join(insert('b'));
    writes.join(insert('c'));
    expect(writes.pending).toBe(true);
    expect(committed()).toEqual([]);
    await writes.durable();
    expect(committed()).toEqual(['a', 'b', 'c']);
    expect(writes.commits).toBe(1);
    expect(writes.pending).toBe(false);
    // The next turn opens the next batch.
    writes.join(insert('d'));
    await writes.durable();
    expect(writes.commits).toBe(2);
    expect(committed()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls back only the transaction that threw; the others of the batch commit', async () => {
    writes.join(insert('kept'));
    expect(() =>
      writes.join(
        db.transaction(() => {
          db.prepare('INSERT INTO rows (name) VALUES (?)').run('dropped');
          throw new Error('refused');
        }),
      ),
    ).toThrow('refused');
    writes.join(insert('also kept'));
    await writes.durable();
    expect(committed()).toEqual(['also kept', 'kept']);
    expect(errors).toEqual([]);
  });

  it('fails every transaction of a batch whose COMMIT fails, keeps none of their writes, and starts afresh', async () => {
    writes.join(insert('first'));
    const batch = writes.durable();
    // A deferred foreign key is only checked at COMMIT: this batch cannot commit.
    writes.join(db.transaction(() => db.prepare('INSERT INTO children (parent) VALUES (42)').run()));
    expect(writes.durable()).toBe(batch);
    await expect(batch).rejects.toThrow(/FOREIGN KEY/);
    expect(committed()).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(db.inTransaction).toBe(false);
    writes.join(insert('after'));
    await writes.durable();
    expect(committed()).toEqual(['after']);
  });

  it('fails the batch when SQLite itself rolled the transaction back', async () => {
    writes.join(insert('lost'));
    const batch = writes.durable();
    writes.join(() => db.exec('ROLLBACK'));
    await expect(batch).rejects.toThrow(/rolled back/);
    expect(committed()).toEqual([]);
    writes.join(insert('next'));
    await writes.durable();
    expect(committed()).toEqual(['next']);
  });

  it('inside a transaction it did not open, runs there and leaves the commit to its owner', async () => {
    db.transaction(() => {
      writes.join(insert('nested'));
      expect(writes.pending).toBe(false);
    }).immediate();
    expect(committed()).toEqual(['nested']);
    await writes.durable();
    expect(writes.commits).toBe(0);
  });

  it('flush() commits the open batch at once; with nothing open it does nothing', async () => {
    writes.flush();
    expect(writes.commits).toBe(0);
    writes.join(insert('now'));
    writes.flush();
    expect(writes.pending).toBe(false);
    expect(committed()).toEqual(['now']);
    await writes.durable();
    expect(writes.commits).toBe(1);
  });

  it('flush() throws when the commit fails, after failing the waiting requests', async () => {
    writes.join(db.transaction(() => db.prepare('INSERT INTO children (parent) VALUES (7)').run()));
    const batch = writes.durable();
    expect(() => writes.flush()).toThrow(/could not be committed/);
    await expect(batch).rejects.toThrow(/FOREIGN KEY/);
    expect(db.inTransaction).toBe(false);
  });
});
