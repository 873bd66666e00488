import type { Database } from 'better-sqlite3';
import { statementCache, type Sql } from '../storage/statement-cache';
import type { AuditEvent, AuditEventType } from '../../shared/admin-api';
import type { SecretBox } from '../crypto/secret-box';
import { GENESIS_HASH, chainHash, writeAuditHead, type ChainedRow } from './audit-chain';

export interface AuditActor {
  id: string | null;
  username: string | null;
  via: 'api' | 'host-command';
}

export const HOST_ACTOR: AuditActor = { id: null, username: null, via: 'host-command' };

interface AuditRow {
  id: number;
  at: number;
  type: AuditEventType;
  actor_id: string | null;
  actor_username: string | null;
  subject_id: string | null;
  subject_username: string | null;
  via: 'api' | 'host-command';
  detail: string;
  hash: Buffer | null;
}

/**
 * The append-only audit log: triggers in the schema refuse UPDATE and DELETE on its table, and
 * every row carries a hash chain verified at each start (audit-chain.ts).
 * `detail` must never carry a secret, ticket, token, password or code: callers pass entry
 * points, problem codes and policy fields only.
 */
export class AuditLog {
  private readonly sql: Sql;

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
  ) {
    this.sql = statementCache(db);
  }

  append(
    at: number,
    type: AuditEventType,
    actor: AuditActor,
    subject: { id: string; username: string } | null,
    detail: Record<string, string | number | boolean | null> = {},
  ): void {
    // The chain (audit-chain.ts): the new id is the last one + 1 (rowids of a table without
    // AUTOINCREMENT whose deletes are refused), read in the same transaction as the insert.
    const last = this.sql('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: Buffer | null } | undefined;
    const row: ChainedRow = {
      id: (last?.id ?? 0) + 1,
      at,
      type,
      actor_id: actor.id,
      actor_username: actor.username,
      subject_id: subject?.id ?? null,
      subject_username: subject?.username ?? null,
      via: actor.via,
      detail: JSON.stringify(detail),
    };
    const hash = chainHash(last?.hash ?? GENESIS_HASH, row);
    this.sql(
        `INSERT INTO audit_events (id, at, type, actor_id, actor_username, subject_id, subject_username, via, detail, hash)
         VALUES (@id, @at, @type, @actor_id, @actor_username, @subject_id, @subject_username, @via, @detail, @hash)`,
      )
      .run({ ...row, hash });
    // Same transaction as the insert (callers append inside theirs): the sealed head moves with it.
    writeAuditHead(this.db, this.box, row.id, hash);
  }

  /**
   * Newest first; `before` is the id cursor from the previous page. `from` (inclusive) and `to`
   * (exclusive) bound `at` in epoch milliseconds, in SQL, so every page holds only matching events.
   */
  list(filter: { type?: AuditEventType; userId?: string; from?: number; to?: number; before?: number; limit: number }): { items: AuditEvent[]; more: boolean } {
    const where: string[] = [];
    if (filter.type) where.push('type = @type');
    if (filter.userId) where.push('(subject_id = @userId OR actor_id = @userId)');
    if (filter.from !== undefined) where.push('at >= @from');
    if (filter.to !== undefined) where.push('at < @to');
    if (filter.before !== undefined) where.push('id < @before');
    const rows = this.sql(`SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @take`)
      .all({ type: filter.type, userId: filter.userId, from: filter.from, to: filter.to, before: filter.before, take: filter.limit + 1 }) as AuditRow[];
    return {
      more: rows.length > filter.limit,
      items: rows.slice(0, filter.limit).map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        type: r.type,
        actorId: r.actor_id,
        actorUsername: r.actor_username,
        subjectId: r.subject_id,
        subjectUsername: r.subject_username,
        via: r.via,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      })),
    };
  }
}
