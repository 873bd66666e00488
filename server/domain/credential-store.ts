import type { Database } from 'better-sqlite3';
import { statementCache, type Sql } from '../storage/statement-cache';
import { DEFAULT_API_KEY_DAYS, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, TICKET_TTL_SECONDS, type Issue, type OwnCredential } from '../../shared/admin-api';
import { formatSplitToken, newSecret, parseSplitToken, randomSelector, secretMatches } from '../crypto/tokens';
import type { UserRow } from './user-repo';

export const SESSION_TTL_MS = SESSION_MAX_HOURS * 60 * 60 * 1000;
/** A session unused this long is refused (OWASP ASVS 7.3.1); its last use is recorded at most once a minute. */
export const SESSION_IDLE_MS = SESSION_IDLE_MINUTES * 60 * 1000;
export const API_KEY_TTL_MS = DEFAULT_API_KEY_DAYS * 24 * 60 * 60 * 1000;
/** Last use is written at most this often per credential: a write per request would cost more than the request. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** Used and expired tickets are kept this long so a late request hears "used" or "expired". */
const TICKET_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * Expired rows are swept at most this often. Sweeping is housekeeping only: every lookup checks
 * `expires_at` itself, so an expired ticket or session left in the table a minute longer is still
 * refused. Sweeping on every sign-in cost a statement per request for nothing.
 */
const SWEEP_INTERVAL_MS = 60_000;

/** API keys start with this, so secret scanners and people can tell them apart. */
export const API_KEY_PREFIX = 'tfk_';

export interface TicketRow {
  id: number;
  user_id: string;
  kind: 'mfa' | 'enrollment';
  issue: Issue;
  api_key_name: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export type TicketLookup =
  | { ok: true; ticket: TicketRow; user: UserRow }
  | { ok: false; code: 'challenge-invalid' | 'challenge-expired' | 'challenge-used' };

export interface Caller {
  userId: string;
  /** Which credential authenticated the request, for logout. */
  kind: 'session' | 'apiKey';
  credentialId: number;
  mfaVerified: boolean;
  /** When the credential stops working (its hard limit; sessions also end after 30 idle minutes). */
  expiresAt: number;
}

/** A credential lookup: the caller and its user row, read together. */
export interface CallerWithUser {
  caller: Caller;
  user: UserRow;
}

type Table = 'tickets' | 'sessions' | 'api_keys';

/** The public id of a credential: its selector (not secret; it cannot be used without the secret). */
export function credentialId(kind: 'session' | 'apiKey', selector: number): string {
  return `${kind === 'session' ? 'ses' : 'ak'}_${selector}`;
}

export function parseCredentialId(id: string): { kind: 'session' | 'apiKey'; selector: number } | null {
  const m = /^(ses|ak)_([1-9][0-9]{0,14})$/.exec(id);
  if (!m?.[2]) return null;
  return { kind: m[1] === 'ses' ? 'session' : 'apiKey', selector: Number(m[2]) };
}

interface TicketColumns {
  t_verifier: Buffer;
  t_user_epoch: number;
  t_kind: TicketRow['kind'];
  t_issue: Issue;
  t_api_key_name: string | null;
  t_created_at: number;
  t_expires_at: number;
  t_used_at: number | null;
}

/**
 * Tickets, browser sessions and API keys: split tokens (server/crypto/tokens.ts) handed out once,
 * of which only the secret's SHA-256 is stored. Each row carries the user's credential epoch at
 * issue; `revokeAllFor` bumps the epoch, so the lookups (which join the user) refuse every older
 * token at once, and a token of a deleted user finds no user.
 *
 * Key material: the tokens returned here are credentials.
 */
export class CredentialStore {
  private readonly sql: Sql;
  /** When each table was last swept (injected-clock milliseconds); -Infinity: not yet. */
  private readonly lastSweep: Record<Table, number> = { tickets: -Infinity, sessions: -Infinity, api_keys: -Infinity };

  constructor(
    db: Database,
    /** How long a new API key lives (configurable: `serve --api-key-days`). */
    private readonly apiKeyTtlMs: number = API_KEY_TTL_MS,
  ) {
    this.sql = statementCache(db);
  }

  /**
   * Inserts a row under a random selector (tokens.ts): a selector says nothing about how many
   * tokens were issued before it. A collision (one in ~10^14 per draw) draws again.
   */
  private insertWithSelector(sql: string, values: unknown[]): number {
    for (;;) {
      const selector = randomSelector();
      try {
        this.sql(sql).run(selector, ...values);
        return selector;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
      }
    }
  }

  /**
   * Deletes `table`'s rows that expired before `before`, at most once a minute. A clock that moved
   * backwards (tests, or an NTP step) sweeps again at once rather than waiting for it to catch up.
   */
  private sweep(table: Table, now: number, before: number): void {
    const last = this.lastSweep[table];
    if (now - last < SWEEP_INTERVAL_MS && now >= last) return;
    this.lastSweep[table] = now;
    this.sql(`DELETE FROM ${table} WHERE expires_at < ?`).run(before);
  }

  issueTicket(user: UserRow, kind: TicketRow['kind'], issue: Issue, apiKeyName: string | null, now: number): { ticket: string; expiresAt: number } {
    this.sweep('tickets', now, now - TICKET_RETENTION_MS);
    const { secret, verifier } = newSecret();
    const expiresAt = now + TICKET_TTL_SECONDS * 1000;
    const selector = this.insertWithSelector(
      'INSERT INTO tickets (id, verifier, user_id, user_epoch, kind, issue, api_key_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [verifier, user.id, user.credential_epoch, kind, issue, apiKeyName, now, expiresAt],
    );
    return { ticket: formatSplitToken('', selector, secret), expiresAt };
  }

  /** The ticket and its user. A ticket revoked by a password change, or of a deleted user, is invalid. */
  findTicket(ticket: string, now: number): TicketLookup {
    const token = parseSplitToken(ticket, '');
    if (!token) return { ok: false, code: 'challenge-invalid' };
    // The ticket's columns are aliased: the joined users row has its own id and created_at.
    const row = this.sql(
      `SELECT t.verifier AS t_verifier, t.user_epoch AS t_user_epoch, t.kind AS t_kind, t.issue AS t_issue, t.api_key_name AS t_api_key_name,
         t.created_at AS t_created_at, t.expires_at AS t_expires_at, t.used_at AS t_used_at, u.*
       FROM tickets t JOIN users u ON u.id = t.user_id WHERE t.id = ?`,
    ).get(token.selector) as (UserRow & TicketColumns) | undefined;
    if (!row || !secretMatches(row.t_verifier, token.secret) || row.t_user_epoch !== row.credential_epoch) return { ok: false, code: 'challenge-invalid' };
    if (row.t_used_at !== null) return { ok: false, code: 'challenge-used' };
    if (row.t_expires_at <= now) return { ok: false, code: 'challenge-expired' };
    const { t_verifier: _v, t_user_epoch: _e, t_kind, t_issue, t_api_key_name, t_created_at, t_expires_at, t_used_at, ...user } = row;
    return {
      ok: true,
      ticket: { id: token.selector, user_id: user.id, kind: t_kind, issue: t_issue, api_key_name: t_api_key_name, created_at: t_created_at, expires_at: t_expires_at, used_at: t_used_at },
      user,
    };
  }

  /** Compare-and-set: true only for the one request that marks the ticket used. */
  consumeTicket(id: number, now: number): boolean {
    return this.sql('UPDATE tickets SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, id).changes === 1;
  }

  createSession(user: UserRow, mfaVerified: boolean, now: number): { token: string; expiresAt: number } {
    this.sweep('sessions', now, now);
    const { secret, verifier } = newSecret();
    const expiresAt = now + SESSION_TTL_MS;
    const selector = this.insertWithSelector(
      'INSERT INTO sessions (id, verifier, user_id, user_epoch, created_at, expires_at, mfa_verified, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [verifier, user.id, user.credential_epoch, now, expiresAt, mfaVerified ? 1 : 0, now],
    );
    return { token: formatSplitToken('', selector, secret), expiresAt };
  }

  /** The API key's public id is its selector: it names the key without being able to use it. */
  createApiKey(user: UserRow, name: string, mfaVerified: boolean, now: number): { id: string; token: string; expiresAt: number } {
    this.sweep('api_keys', now, now);
    const { secret, verifier } = newSecret();
    const expiresAt = now + this.apiKeyTtlMs;
    const selector = this.insertWithSelector(
      'INSERT INTO api_keys (id, verifier, user_id, user_epoch, name, created_at, expires_at, mfa_verified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [verifier, user.id, user.credential_epoch, name, now, expiresAt, mfaVerified ? 1 : 0],
    );
    return { id: `ak_${selector}`, token: formatSplitToken(API_KEY_PREFIX, selector, secret), expiresAt };
  }

  bySessionToken(token: string, now: number): CallerWithUser | null {
    const found = this.lookUp('sessions', parseSplitToken(token, ''), now);
    if (found) this.touch('sessions', found, now);
    return found;
  }

  byApiKey(token: string, now: number): CallerWithUser | null {
    const found = this.lookUp('api_keys', parseSplitToken(token, API_KEY_PREFIX), now);
    if (found) this.touch('api_keys', found, now);
    return found;
  }

  /** Records the use, at most once a minute (the idle timeout is 30 minutes, so a minute of slack is harmless). */
  private touch(table: 'sessions' | 'api_keys', found: CallerWithUser & { lastUsedAt?: number | null }, now: number): void {
    const last = found.lastUsedAt ?? null;
    if (last !== null && last >= now - LAST_USED_RESOLUTION_MS && last <= now) return;
    this.sql(`UPDATE ${table} SET last_used_at = ? WHERE id = ?`).run(now, found.caller.credentialId);
  }

  private lookUp(table: 'sessions' | 'api_keys', token: { selector: number; secret: string } | null, now: number): (CallerWithUser & { lastUsedAt: number | null }) | null {
    if (!token) return null;
    const row = this.sql(
      `SELECT c.verifier AS c_verifier, c.user_epoch AS c_user_epoch, c.mfa_verified AS c_mfa_verified, c.expires_at AS c_expires_at,
         c.last_used_at AS c_last_used_at, u.*
       FROM ${table} c JOIN users u ON u.id = c.user_id WHERE c.id = ? AND c.expires_at > ?`,
    ).get(token.selector, now) as (UserRow & { c_verifier: Buffer; c_user_epoch: number; c_mfa_verified: number; c_expires_at: number; c_last_used_at: number | null }) | undefined;
    if (!row || !secretMatches(row.c_verifier, token.secret) || row.c_user_epoch !== row.credential_epoch) return null;
    // Idle timeout for browser sessions (API keys are for the desktop, which may sleep for days).
    if (table === 'sessions' && (row.c_last_used_at ?? 0) <= now - SESSION_IDLE_MS) return null;
    const { c_verifier: _v, c_user_epoch: _e, c_mfa_verified, c_expires_at, c_last_used_at, ...user } = row;
    return {
      caller: { userId: user.id, kind: table === 'sessions' ? 'session' : 'apiKey', credentialId: token.selector, mfaVerified: c_mfa_verified === 1, expiresAt: c_expires_at },
      user,
      lastUsedAt: c_last_used_at,
    };
  }

  /** The user's live sessions and API keys, newest first; never a token or verifier. */
  listFor(user: UserRow, now: number, current: Caller): OwnCredential[] {
    const rows = this.sql(
      `SELECT 'session' AS kind, id, NULL AS name, created_at, last_used_at, expires_at, mfa_verified FROM sessions
         WHERE user_id = @user AND user_epoch = @epoch AND expires_at > @now AND last_used_at > @idle
       UNION ALL
       SELECT 'apiKey' AS kind, id, name, created_at, last_used_at, expires_at, mfa_verified FROM api_keys
         WHERE user_id = @user AND user_epoch = @epoch AND expires_at > @now
       ORDER BY created_at DESC LIMIT 200`,
    ).all({ user: user.id, epoch: user.credential_epoch, now, idle: now - SESSION_IDLE_MS }) as {
      kind: 'session' | 'apiKey';
      id: number;
      name: string | null;
      created_at: number;
      last_used_at: number | null;
      expires_at: number;
      mfa_verified: number;
    }[];
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return rows.map((r) => ({
      id: credentialId(r.kind, r.id),
      kind: r.kind,
      name: r.name,
      createdAt: new Date(r.created_at).toISOString(),
      lastUsedAt: iso(r.last_used_at),
      expiresAt: new Date(r.kind === 'session' ? Math.min(r.expires_at, (r.last_used_at ?? r.created_at) + SESSION_IDLE_MS) : r.expires_at).toISOString(),
      withCode: r.mfa_verified === 1,
      current: r.kind === current.kind && r.id === current.credentialId,
    }));
  }

  /** Revokes one of the user's own credentials by its public id; false when it is not theirs (or gone). */
  revokeOwn(userId: string, id: string): boolean {
    const parsed = parseCredentialId(id);
    if (!parsed) return false;
    return this.sql(`DELETE FROM ${parsed.kind === 'session' ? 'sessions' : 'api_keys'} WHERE id = ? AND user_id = ?`).run(parsed.selector, userId).changes === 1;
  }

  /**
   * After enrollment: every other credential of the user stops working (they were issued without
   * a code, before there was one to give); the calling one carries on, now MFA-verified.
   */
  revokeAllBut(userId: string, keep: Caller): void {
    this.revokeAllFor(userId);
    const epoch = (this.sql('SELECT credential_epoch AS e FROM users WHERE id = ?').get(userId) as { e: number }).e;
    this.sql(`UPDATE ${keep.kind === 'session' ? 'sessions' : 'api_keys'} SET user_epoch = ?, mfa_verified = 1 WHERE id = ? AND user_id = ?`).run(epoch, keep.credentialId, userId);
  }

  /** Switching to Required: credentials issued without a code are deleted, not only refused. */
  deleteUnverified(): { sessions: number; apiKeys: number } {
    return {
      sessions: this.sql('DELETE FROM sessions WHERE mfa_verified = 0').run().changes,
      apiKeys: this.sql('DELETE FROM api_keys WHERE mfa_verified = 0').run().changes,
    };
  }

  revoke(caller: Caller): void {
    this.sql(`DELETE FROM ${caller.kind === 'session' ? 'sessions' : 'api_keys'} WHERE id = ?`).run(caller.credentialId);
  }

  /** The credential's holder just entered a correct code through it. */
  markMfaVerified(caller: Caller): void {
    this.sql(`UPDATE ${caller.kind === 'session' ? 'sessions' : 'api_keys'} SET mfa_verified = 1 WHERE id = ?`).run(caller.credentialId);
  }

  /** After a password change: every session, API key and open ticket of the user stops working. */
  revokeAllFor(userId: string): void {
    this.sql('UPDATE users SET credential_epoch = credential_epoch + 1 WHERE id = ?').run(userId);
  }
}
