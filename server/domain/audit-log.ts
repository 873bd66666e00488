import type { Database } from 'better-sqlite3';
import { statementCache, type Sql } from '../storage/statement-cache';
import type { AuditEvent, AuditEventType } from '../../shared/admin-api';

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
}

/**
 * The append-only audit log: triggers in the schema refuse UPDATE and DELETE on its table.
 * `detail` must never carry a secret, ticket, token, password or code: callers pass entry
 * points, problem codes and policy fields only.
 */
export class AuditLog {
  private readonly sql: Sql;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  append(
    at: number,
    type: AuditEventType,
    actor: AuditActor,
    subject: { id: string; username: string } | null,
    detail: Record<string, string | number | boolean | null> = {},
  ): void {
    this.sql(
        `INSERT INTO audit_events (at, type, actor_id, actor_username, subject_id, subject_username, via, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(at, type, actor.id, actor.username, subject?.id ?? null, subject?.username ?? null, actor.via, JSON.stringify(detail));
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
