import type { Database, Statement } from 'better-sqlite3';

interface Batch {
  /** Settles when the batch is committed (resolves) or rolled back (rejects). */
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // A batch nobody waits on must not crash the process as an unhandled rejection; the commit
  // error is reported through `onCommitError` and to every request that does wait.
  done.catch(() => undefined);
  return { done, resolve, reject };
}

const SETTLED = Promise.resolve();

/**
 * Group commit: the write transactions of every request handled in one turn of the event loop
 * share one SQLite transaction, committed once at the end of that turn (`setImmediate`), and no
 * request is answered before the commit holding its writes has succeeded (`durable()`).
 *
 * Why: a sign-in writes a few rows at the end of a few tables (tickets, API keys, audit events).
 * Committed one request at a time, every request rewrote those same end pages into the WAL and
 * paid the commit's own work; committed together, concurrent requests share them. Durability
 * is unchanged: a client hears "done" only after its writes are committed, exactly as before.
 *
 * Isolation is unchanged too: everything runs on the one connection of this single-threaded
 * process, so each request's transaction runs as a SAVEPOINT inside the batch (better-sqlite3
 * nests `db.transaction()` that way). A request that throws rolls back only its own writes; its
 * checks (the replay compare-and-set, the lockout safeguard, If-Match) see every earlier write of
 * the batch, in the order the requests ran. If the batch's COMMIT fails, every request of the
 * batch is answered with an error and none of their writes exist.
 *
 * Writes whose effect reaches beyond SQLite (mfa.json) call `flush()` first and then commit on
 * their own, so a failed batch can never undo a database row that a file already depends on.
 */
export class GroupCommit {
  private batch: Batch | null = null;
  private readonly begin: Statement;
  private readonly commitStatement: Statement;
  private readonly rollback: Statement;
  /** Commits so far (for tests). */
  commits = 0;

  constructor(
    private readonly db: Database,
    private readonly onCommitError: (error: unknown) => void,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commitStatement = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /**
   * Runs `fn` inside the open batch, opening one (BEGIN IMMEDIATE) when none is. `fn` is expected
   * to be a better-sqlite3 transaction function, which then runs as a savepoint.
   */
  join<T>(fn: () => T): T {
    let batch = this.batch;
    // Inside a transaction someone else opened and commits (txAlone): nest there, no batch.
    if (!batch && this.db.inTransaction) return fn();
    if (!batch || !this.db.inTransaction) {
      if (batch) this.lost(batch);
      this.begin.run();
      batch = newBatch();
      this.batch = batch;
      const opened = batch;
      setImmediate(() => this.commit(opened));
    }
    try {
      return fn();
    } finally {
      // SQLite itself rolled the whole transaction back (disk full, I/O error): the earlier
      // requests of this batch lost their writes too, so they must not be told otherwise.
      if (!this.db.inTransaction && this.batch === batch) this.lost(batch);
    }
  }

  /** Settles once everything written so far is committed; rejects when that commit failed. */
  durable(): Promise<void> {
    return this.batch?.done ?? SETTLED;
  }

  /** True while a batch is open, i.e. while `durable()` would wait. */
  get pending(): boolean {
    return this.batch !== null;
  }

  /** Commits the open batch now. Throws (after failing the batch's requests) when the commit fails. */
  flush(): void {
    const batch = this.batch;
    if (batch && !this.commit(batch)) throw new Error('The pending database writes could not be committed.');
  }

  private commit(batch: Batch): boolean {
    if (this.batch !== batch) return true;
    this.batch = null;
    try {
      this.commitStatement.run();
      this.commits++;
      batch.resolve();
      return true;
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      batch.reject(error);
      this.onCommitError(error);
      return false;
    }
  }

  private lost(batch: Batch): void {
    this.batch = null;
    const error = new Error('SQLite rolled back the open transaction.');
    batch.reject(error);
    this.onCommitError(error);
  }
}
