import type { Database } from 'better-sqlite3';
import { statementCache, type Sql } from '../storage/statement-cache';
import { PASSWORD_LOCK_SQL } from './password-throttle';
import {
  DUE_SOON_DAYS,
  PermissionSchema,
  effectivePermissions,
  type EnrollmentFilter,
  type MfaStatus,
  type Permission,
  type Role,
  type SessionUser,
  type User,
} from '../../shared/admin-api';

/** A users row. `totp_secret` is sealed key material: it never leaves the server's domain layer. */
export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  permissions: string;
  created_at: number;
  totp_secret: Buffer | null;
  totp_enrolled_at: number | null;
  totp_last_step: number | null;
  totp_last_used_at: number | null;
  totp_failures: number;
  totp_locked_until: number | null;
  totp_locked_permanently: number;
  /** Bumped to revoke every ticket, session and API key of the user at once (they carry the epoch they were issued in). */
  credential_epoch: number;
  /** 1: enrollment required for this user by an administrator, whatever the policy (unless Disabled). */
  mfa_required: number;
  /** Grace-period deadline under Required (ms); only meaningful while not enrolled. */
  enroll_by: number | null;
}

type ListedRow = UserRow & { mfa_status: MfaStatus; password_locked_until: number | null; rc_remaining: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Unused recovery codes of the listed user (an index lookup per row). */
const REMAINING_SQL = '(SELECT COUNT(*) FROM recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL)';

const ENROLLMENT_FILTER_SQL: Record<EnrollmentFilter, string> = {
  overdue: 'u.totp_secret IS NULL AND u.enroll_by IS NOT NULL AND u.enroll_by <= @now',
  'due-within-7-days': 'u.totp_secret IS NULL AND u.enroll_by > @now AND u.enroll_by <= @soon',
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const STATUS_SQL = `CASE
  WHEN u.totp_locked_permanently = 1 OR u.totp_locked_until > @now OR ${PASSWORD_LOCK_SQL} > @now THEN 'locked'
  WHEN u.totp_secret IS NOT NULL THEN 'enrolled'
  WHEN p.user_id IS NOT NULL AND p.expires_at > @now THEN 'pending'
  ELSE 'not_enrolled' END`;

/** Built once: `.array()` builds a new zod schema on every call (~6 µs, on every signed-in request). */
const PermissionsSchema = PermissionSchema.array();

export function parsePermissions(text: string): Permission[] {
  const parsed = PermissionsSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    roles: [row.role],
    isServerAdmin: row.role === 'server_admin',
    permissions: effectivePermissions(row.role, parsePermissions(row.permissions)),
  };
}

export function isLocked(row: UserRow, now: number): boolean {
  return row.totp_locked_permanently === 1 || (row.totp_locked_until !== null && row.totp_locked_until > now);
}

export function lockedUntilIso(row: UserRow, now: number): string | null {
  if (row.totp_locked_permanently === 1) return null;
  return row.totp_locked_until !== null && row.totp_locked_until > now ? iso(row.totp_locked_until) : null;
}

/** Passwords locked after 100 failures: stored as the largest date, shown as null ("until unlocked"). */
const PASSWORD_LOCKED = 8_640_000_000_000_000;

/** The later of the TOTP lock and the password delay; null when neither is active or one lasts until an unlock. */
function listedLockedUntil(row: ListedRow, now: number): string | null {
  if (row.totp_locked_permanently === 1 || row.password_locked_until === PASSWORD_LOCKED) return null;
  const ends = [row.totp_locked_until, row.password_locked_until].filter((t): t is number => t !== null && t > now);
  return ends.length ? iso(Math.max(...ends)) : null;
}

function toUser(row: ListedRow, now: number): User {
  return {
    id: row.id,
    username: row.username,
    roles: [row.role],
    isServerAdmin: row.role === 'server_admin',
    permissions: parsePermissions(row.permissions),
    createdAt: new Date(row.created_at).toISOString(),
    mfa: {
      status: row.mfa_status,
      enrolledAt: iso(row.totp_enrolled_at),
      lastUsedAt: iso(row.totp_last_used_at),
      lockedUntil: listedLockedUntil(row, now),
      enrollBy: enrollByIso(row),
      required: row.mfa_required === 1,
      recoveryCodesRemaining: row.totp_secret === null ? null : row.rc_remaining,
    },
  };
}

/** The enrollment deadline as shown: only for a user who has not enrolled. */
export function enrollByIso(row: UserRow): string | null {
  return row.totp_secret === null ? iso(row.enroll_by) : null;
}

/** Users table access. Every method is synchronous so callers can compose them in one transaction. */
export class UserRepo {
  private readonly sql: Sql;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  byId(id: string): UserRow | undefined {
    return this.sql('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  byUsername(username: string): UserRow | undefined {
    return this.sql('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }

  insert(row: Pick<UserRow, 'id' | 'username' | 'password_hash' | 'role' | 'permissions' | 'created_at'>): void {
    this.sql('INSERT INTO users (id, username, password_hash, role, permissions, created_at) VALUES (@id, @username, @password_hash, @role, @permissions, @created_at)')
      .run(row);
  }

  view(id: string, now: number): User | undefined {
    const row = this.sql(`SELECT u.*, ${STATUS_SQL} AS mfa_status, ${PASSWORD_LOCK_SQL} AS password_locked_until, ${REMAINING_SQL} AS rc_remaining FROM users u LEFT JOIN pending_enrollments p ON p.user_id = u.id WHERE u.id = @id`)
      .get({ id, now }) as ListedRow | undefined;
    return row && toUser(row, now);
  }

  /** One page ordered by username; the cursor is the last username of the previous page. */
  list(
    filter: { status?: MfaStatus; q?: string; enrollment?: EnrollmentFilter; after?: string; limit: number },
    now: number,
  ): { items: User[]; last: string | null; more: boolean } {
    const where: string[] = [];
    if (filter.status) where.push(`${STATUS_SQL} = @status`);
    if (filter.enrollment) where.push(ENROLLMENT_FILTER_SQL[filter.enrollment]);
    if (filter.q) where.push(`instr(lower(u.username), lower(@q)) > 0`);
    if (filter.after !== undefined) where.push('u.username > @after');
    const sql = `SELECT u.*, ${STATUS_SQL} AS mfa_status, ${PASSWORD_LOCK_SQL} AS password_locked_until, ${REMAINING_SQL} AS rc_remaining FROM users u LEFT JOIN pending_enrollments p ON p.user_id = u.id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.username LIMIT @take`;
    const params = { now, status: filter.status, q: filter.q, after: filter.after, take: filter.limit + 1, ...(filter.enrollment ? { soon: now + DUE_SOON_DAYS * DAY_MS } : {}) };
    const rows = this.sql(sql).all(params) as ListedRow[];
    const more = rows.length > filter.limit;
    const page = rows.slice(0, filter.limit);
    return { items: page.map((r) => toUser(r, now)), last: page.at(-1)?.username ?? null, more };
  }

  /** How many users match the list filters, over all pages. */
  count(filter: { status?: MfaStatus; q?: string; enrollment?: EnrollmentFilter }, now: number): number {
    const where: string[] = [];
    if (filter.status) where.push(`${STATUS_SQL} = @status`);
    if (filter.q) where.push(`instr(lower(u.username), lower(@q)) > 0`);
    if (filter.enrollment) where.push(ENROLLMENT_FILTER_SQL[filter.enrollment]);
    if (!where.length) return (this.sql('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
    const sql = `SELECT COUNT(*) AS n FROM users u LEFT JOIN pending_enrollments p ON p.user_id = u.id WHERE ${where.join(' AND ')}`;
    return (this.sql(sql).get({ now, status: filter.status, q: filter.q, soon: now + DUE_SOON_DAYS * DAY_MS }) as { n: number }).n;
  }

  summary(): { total: number; enrolled: number; serverAdminsEnrolled: number; membersNotEnrolled: number } {
    return this.sql(
        `SELECT COUNT(*) AS total,
          COALESCE(SUM(totp_secret IS NOT NULL), 0) AS enrolled,
          COALESCE(SUM(totp_secret IS NOT NULL AND role = 'server_admin'), 0) AS serverAdminsEnrolled,
          COALESCE(SUM(totp_secret IS NULL AND role != 'server_admin'), 0) AS membersNotEnrolled FROM users`,
      )
      .get() as { total: number; enrolled: number; serverAdminsEnrolled: number; membersNotEnrolled: number };
  }

  countServerAdmins(): number {
    return (this.sql(`SELECT COUNT(*) AS n FROM users WHERE role = 'server_admin'`).get() as { n: number }).n;
  }

  countEnrolledServerAdmins(): number {
    return (this.sql(`SELECT COUNT(*) AS n FROM users WHERE role = 'server_admin' AND totp_secret IS NOT NULL`).get() as { n: number }).n;
  }

  setRoleAndPermissions(id: string, role: Role, permissions: readonly Permission[]): void {
    this.sql('UPDATE users SET role = ?, permissions = ? WHERE id = ?').run(role, JSON.stringify([...new Set(permissions)].sort()), id);
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.sql('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  delete(id: string): void {
    this.sql('DELETE FROM users WHERE id = ?').run(id);
  }

  /** Clears the TOTP failure count and lock, keeping the secret. */
  clearLockout(id: string): void {
    this.sql('UPDATE users SET totp_failures = 0, totp_locked_until = NULL, totp_locked_permanently = 0 WHERE id = ?').run(id);
  }

  /** Removes the TOTP secret, any pending enrollment, the recovery codes, the replay marker and every lockout. */
  clearMfa(id: string): void {
    this.sql(
        `UPDATE users SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL, totp_failures = 0,
          totp_locked_until = NULL, totp_locked_permanently = 0 WHERE id = ?`,
      )
      .run(id);
    this.sql('DELETE FROM pending_enrollments WHERE user_id = ?').run(id);
    this.sql('DELETE FROM recovery_codes WHERE user_id = ?').run(id);
  }

  setMfaRequired(id: string, required: boolean): void {
    this.sql('UPDATE users SET mfa_required = ? WHERE id = ?').run(required ? 1 : 0, id);
  }

  setEnrollBy(id: string, enrollBy: number | null): void {
    this.sql('UPDATE users SET enroll_by = ? WHERE id = ?').run(enrollBy, id);
  }

  /** Required starts with a grace period: a deadline for every member not enrolled. Returns how many. */
  startGracePeriod(enrollBy: number): number {
    return this.sql(`UPDATE users SET enroll_by = ? WHERE totp_secret IS NULL AND role != 'server_admin'`).run(enrollBy).changes;
  }

  /** Leaving Required ends every deadline (a later switch to Required starts new ones). */
  clearGracePeriods(): void {
    this.sql('UPDATE users SET enroll_by = NULL WHERE enroll_by IS NOT NULL').run();
  }
}
