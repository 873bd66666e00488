import type { Database } from 'better-sqlite3';
import { statementCache, type Sql } from '../storage/statement-cache';
import { TICKET_TTL_SECONDS, type Issue } from '../../shared/admin-api';
import { formatSplitToken, newSecret, parseSplitToken, secretMatches } from '../crypto/tokens';
import type { UserRow } from './user-repo';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const API_KEY_TTL_MS = 30 * 24 * 60 * 60 * 1000;
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
}

/** A credential lookup: the caller and its user row, read together. */
export interface CallerWithUser {
  caller: Caller;
  user: UserRow;
}

type Table = 'tickets' | 'sessions' | 'api_keys';

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

  constructor(db: Database) {
    this.sql = statementCache(db);
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
    const { lastInsertRowid } = this.sql(
      'INSERT INTO tickets (verifier, user_id, user_epoch, kind, issue, api_key_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(verifier, user.id, user.credential_epoch, kind, issue, apiKeyName, now, expiresAt);
    return { ticket: formatSplitToken('', lastInsertRowid, secret), expiresAt };
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
    const { lastInsertRowid } = this.sql(
      'INSERT INTO sessions (verifier, user_id, user_epoch, created_at, expires_at, mfa_verified) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(verifier, user.id, user.credential_epoch, now, expiresAt, mfaVerified ? 1 : 0);
    return { token: formatSplitToken('', lastInsertRowid, secret), expiresAt };
  }

  /** The API key's public id is its selector: it names the key without being able to use it. */
  createApiKey(user: UserRow, name: string, mfaVerified: boolean, now: number): { id: string; token: string; expiresAt: number } {
    this.sweep('api_keys', now, now);
    const { secret, verifier } = newSecret();
    const expiresAt = now + API_KEY_TTL_MS;
    const { lastInsertRowid } = this.sql(
      'INSERT INTO api_keys (verifier, user_id, user_epoch, name, created_at, expires_at, mfa_verified) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(verifier, user.id, user.credential_epoch, name, now, expiresAt, mfaVerified ? 1 : 0);
    return { id: `ak_${lastInsertRowid}`, token: formatSplitToken(API_KEY_PREFIX, lastInsertRowid, secret), expiresAt };
  }

  bySessionToken(token: string, now: number): CallerWithUser | null {
    return this.lookUp('sessions', parseSplitToken(token, ''), now);
  }

  byApiKey(token: string, now: number): CallerWithUser | null {
    const found = this.lookUp('api_keys', parseSplitToken(token, API_KEY_PREFIX), now);
    // Recorded at most once a minute: a write per request would cost more than the request.
    if (found) this.sql('UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)').run(now, found.caller.credentialId, now - 60_000);
    return found;
  }

  private lookUp(table: 'sessions' | 'api_keys', token: { selector: number; secret: string } | null, now: number): CallerWithUser | null {
    if (!token) return null;
    const row = this.sql(
      `SELECT c.verifier AS c_verifier, c.user_epoch AS c_user_epoch, c.mfa_verified AS c_mfa_verified, u.*
       FROM ${table} c JOIN users u ON u.id = c.user_id WHERE c.id = ? AND c.expires_at > ?`,
    ).get(token.selector, now) as (UserRow & { c_verifier: Buffer; c_user_epoch: number; c_mfa_verified: number }) | undefined;
    if (!row || !secretMatches(row.c_verifier, token.secret) || row.c_user_epoch !== row.credential_epoch) return null;
    const { c_verifier: _v, c_user_epoch: _e, c_mfa_verified, ...user } = row;
    return {
      caller: { userId: user.id, kind: table === 'sessions' ? 'session' : 'apiKey', credentialId: token.selector, mfaVerified: c_mfa_verified === 1 },
      user,
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
