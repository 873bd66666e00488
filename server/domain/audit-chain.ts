import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain: every event stores SHA-256(previous event's hash ‖ canonical form
 * of the event), the first one chaining from 32 zero bytes. What it guarantees: an event that is
 * changed, deleted from the middle or inserted out of order breaks the chain at the next start
 * and in `twofold-server audit verify`, naming the first bad event id. What it does not: someone
 * who can write the database file can recompute the whole chain, or cut events off its end;
 * copy the log elsewhere (or the last hash) when that matters.
 *
 * The append-only triggers are re-created at every start, so dropping them lasts only until then.
 */

export const GENESIS_HASH = Buffer.alloc(32);

export interface ChainedRow {
  id: number;
  at: number;
  type: string;
  actor_id: string | null;
  actor_username: string | null;
  subject_id: string | null;
  subject_username: string | null;
  via: string;
  detail: string;
}

/** The canonical form: a JSON array of the columns in a fixed order (no key-order ambiguity). */
export function canonicalAuditRow(r: ChainedRow): string {
  return JSON.stringify([r.id, r.at, r.type, r.actor_id, r.actor_username, r.subject_id, r.subject_username, r.via, r.detail]);
}

export function chainHash(previous: Buffer, row: ChainedRow): Buffer {
  return createHash('sha256').update(previous).update(canonicalAuditRow(row), 'utf8').digest();
}

export type ChainCheck = { ok: true; events: number } | { ok: false; badId: number; events: number; reason: string };

/** Walks the whole log in id order and recomputes every hash. */
export function verifyAuditChain(db: Database): ChainCheck {
  let previous: Buffer = GENESIS_HASH;
  let events = 0;
  let lastId = 0;
  for (const row of db.prepare('SELECT * FROM audit_events ORDER BY id').iterate() as Iterable<ChainedRow & { hash: Buffer | null }>) {
    events++;
    if (row.hash === null) return { ok: false, badId: row.id, events, reason: 'it has no hash (written around the server, or the chain was never sealed)' };
    if (!chainHash(previous, row).equals(row.hash)) {
      const gap = row.id !== lastId + 1 ? ` (ids ${lastId + 1}-${row.id - 1} are missing: deleted)` : '';
      return { ok: false, badId: row.id, events, reason: `its hash does not match the chain${gap || ': it or an event before it was changed or removed'}` };
    }
    previous = row.hash;
    lastId = row.id;
  }
  return { ok: true, events };
}

const TRIGGERS = `
  DROP TRIGGER IF EXISTS audit_events_no_update;
  DROP TRIGGER IF EXISTS audit_events_no_delete;
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
`;

const SEALED = 'twofold:audit-chain-sealed';

/**
 * Run at every start, before anything is served: chains the events written before the chain
 * existed (once, recorded in meta), verifies the chain, and re-creates the append-only triggers.
 * Throws with the first bad event id when the chain is broken.
 */
export function prepareAuditLog(db: Database): void {
  db.transaction(() => {
    const sealed = db.prepare('SELECT 1 FROM meta WHERE name = ?').get(SEALED) !== undefined;
    if (!sealed) {
      // Events from before migration 5 have no hash yet. The triggers forbid UPDATE; they are
      // dropped for this one pass and re-created below, inside the same transaction.
      db.exec('DROP TRIGGER IF EXISTS audit_events_no_update;');
      let previous: Buffer = GENESIS_HASH;
      const set = db.prepare('UPDATE audit_events SET hash = ? WHERE id = ?');
      for (const row of db.prepare('SELECT * FROM audit_events ORDER BY id').all() as (ChainedRow & { hash: Buffer | null })[]) {
        const hash = row.hash ?? chainHash(previous, row);
        if (row.hash === null) set.run(hash, row.id);
        previous = hash;
      }
      db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run(SEALED, Buffer.from('1'));
    }
    db.exec(TRIGGERS);
  })();
  const check = verifyAuditChain(db);
  if (!check.ok) {
    throw new Error(
      `The audit log is broken at event id ${check.badId}: ${check.reason}. Nothing was served. Restore the database from a backup, or inspect it with "twofold-server audit verify".`,
    );
  }
}
