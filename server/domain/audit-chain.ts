import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box';

/**
 * The audit log's hash chain: every event stores SHA-256(previous event's hash ‖ canonical form
 * of the event), the first one chaining from 32 zero bytes. What it guarantees: an event that is
 * changed, deleted from the middle or inserted out of order breaks the chain at the next start
 * and in `twofold-server audit verify`, naming the first bad event id.
 *
 * The chain alone cannot see events cut off its end, nor a chain recomputed from scratch by
 * someone who can write the database. So the server also keeps the chain's *head* (id and hash of
 * the last event) sealed with the server key (AES-256-GCM, SecretBox), rewritten in the same
 * transaction as every event. Someone who can write the database but does not hold the server key
 * can then neither truncate nor rewrite the log without the next start (and `audit verify` given
 * the key) noticing. Someone who holds the key too can forge anything: keep the key out of the
 * data directory (TWOFOLD_SERVER_KEY) and copy the log elsewhere when that matters.
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

export type ChainCheck = { ok: true; events: number; headChecked: boolean } | { ok: false; badId: number; events: number; reason: string };

const HEAD = 'twofold:audit-head';
const HEAD_CONTEXT = 'twofold audit head v1';
/**
 * The schema version (migration 7) from which a database with events always has a sealed head.
 * A database opened from an older schema gets its head once, in the process that migrated it:
 * nothing stored in the database (which an attacker could forge) decides that.
 */
export const AUDIT_HEAD_SCHEMA = 7;

/** Seals the chain's head; the caller runs it in the transaction that appended event `id`. */
export function writeAuditHead(db: Database, box: SecretBox, id: number, hash: Buffer): void {
  const sealed = box.seal(Buffer.from(JSON.stringify({ id, hash: hash.toString('hex') }), 'utf8'), HEAD_CONTEXT);
  db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(HEAD, sealed);
}

type Failure = Extract<ChainCheck, { ok: false }>;

/** Compares the sealed head with the chain's last event; null when they agree. */
function checkHead(db: Database, box: SecretBox, last: { id: number; hash: Buffer } | null, events: number): Failure | null {
  const row = db.prepare('SELECT value FROM meta WHERE name = ?').get(HEAD) as { value: Buffer } | undefined;
  if (!row) {
    return last ? { ok: false, badId: last.id, events, reason: 'the sealed record of the last event is missing (removed outside the server)' } : null;
  }
  let head: { id: number; hash: string };
  try {
    head = JSON.parse(box.open(row.value, HEAD_CONTEXT).toString('utf8')) as { id: number; hash: string };
  } catch {
    return { ok: false, badId: last?.id ?? 0, events, reason: 'the sealed record of the last event does not open with this server key (forged outside the server)' };
  }
  const lastId = last?.id ?? 0;
  if (head.id > lastId) return { ok: false, badId: lastId + 1, events, reason: `events ${lastId + 1}-${head.id} were removed from the end of the log` };
  if (head.id < lastId) return { ok: false, badId: head.id + 1, events, reason: `events ${head.id + 1}-${lastId} were written outside the server (the server sealed the log at event ${head.id})` };
  if (last && last.hash.toString('hex') !== head.hash) return { ok: false, badId: last.id, events, reason: 'the chain was recomputed outside the server (it no longer ends where the server sealed it)' };
  return null;
}

/**
 * Walks the whole log in id order and recomputes every hash; with the server key it also checks
 * the sealed head (truncation, a recomputed chain). Without the key only the chain is checked.
 */
export function verifyAuditChain(db: Database, box: SecretBox | null = null): ChainCheck {
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
  if (!box) return { ok: true, events, headChecked: false };
  const headFailure = checkHead(db, box, lastId === 0 ? null : { id: lastId, hash: previous }, events);
  return headFailure ?? { ok: true, events, headChecked: true };
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
 * existed (once, recorded in meta), seals the head of a log that has none only when this process
 * just migrated the database from before heads existed (`schemaBefore`), verifies the chain and
 * its head, and re-creates the append-only triggers. Throws with the first bad event id when the
 * log is broken.
 */
export function prepareAuditLog(db: Database, box: SecretBox, schemaBefore: number): void {
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
    const hasHead = db.prepare('SELECT 1 FROM meta WHERE name = ?').get(HEAD) !== undefined;
    if (!hasHead && schemaBefore < AUDIT_HEAD_SCHEMA) {
      const last = db.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: Buffer | null } | undefined;
      if (last?.hash) writeAuditHead(db, box, last.id, last.hash);
    }
    db.exec(TRIGGERS);
  })();
  const check = verifyAuditChain(db, box);
  if (!check.ok) {
    throw new Error(
      `The audit log is broken at event id ${check.badId}: ${check.reason}. Nothing was served. Restore the database from a backup, or inspect it with "twofold-server audit verify".`,
    );
  }
}
