import type { Database } from 'better-sqlite3';
import { statementCache, type Sql } from '../storage/statement-cache';
import { TICKET_TTL_SECONDS, type Issue } from '../../shared/admin-api';
import { hashToken, newId, newToken } from '../crypto/tokens';

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

export interface TicketRow {
  hash: Buffer;
  user_id: string;
  kind: 'mfa' | 'enrollment';
  issue: Issue;
  api_key_name: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export type TicketLookup = { ok: true; ticket: TicketRow } | { ok: false; code: 'challenge-invalid' | 'challenge-expired' | 'challenge-used' };

export interface Caller {
  userId: string;
  /** Which credential authenticated the request, for logout. */
  kind: 'session' | 'apiKey';
  credentialHash: Buffer;
  mfaVerified: boolean;
}

/**
 * Tickets, browser sessions and API keys. Each is a 256-bit random token handed out once and
 * stored as its SHA-256 hash. Key material: the tokens returned here are credentials.
 */
export class CredentialStore {
  private readonly sql: Sql;
  /** When each table was last swept (injected-clock milliseconds); -Infinity: not yet. */
  private readonly lastSweep = { tickets: -Infinity, sessions: -Infinity };

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  /**
   * True when `table` is due for a sweep (and records it as swept). A clock that moved backwards
   * (tests, or an NTP step) sweeps again at once rather than waiting for it to catch up.
   */
  private sweepDue(table: 'tickets' | 'sessions', now: number): boolean {
    const last = this.lastSweep[table];
    if (now - last < SWEEP_INTERVAL_MS && now >= last) return false;
    this.lastSweep[table] = now;
    return true;
  }

  issueTicket(userId: string, kind: TicketRow['kind'], issue: Issue, apiKeyName: string | null, now: number): { ticket: string; expiresAt: number } {
    if (this.sweepDue('tickets', now)) this.sql('DELETE FROM tickets WHERE expires_at < ?').run(now - TICKET_RETENTION_MS);
    const ticket = newToken();
    const expiresAt = now + TICKET_TTL_SECONDS * 1000;
    this.sql('INSERT INTO tickets (hash, user_id, kind, issue, api_key_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(hashToken(ticket), userId, kind, issue, apiKeyName, now, expiresAt);
    return { ticket, expiresAt };
  }

  findTicket(ticket: string, now: number): TicketLookup {
    const row = this.sql('SELECT * FROM tickets WHERE hash = ?').get(hashToken(ticket)) as TicketRow | undefined;
    if (!row) return { ok: false, code: 'challenge-invalid' };
    if (row.used_at !== null) return { ok: false, code: 'challenge-used' };
    if (row.expires_at <= now) return { ok: false, code: 'challenge-expired' };
    return { ok: true, ticket: row };
  }

  /** Compare-and-set: true only for the one request that marks the ticket used. */
  consumeTicket(hash: Buffer, now: number): boolean {
    return this.sql('UPDATE tickets SET used_at = ? WHERE hash = ? AND used_at IS NULL').run(now, hash).changes === 1;
  }

  createSession(userId: string, mfaVerified: boolean, now: number): { token: string; expiresAt: number } {
    if (this.sweepDue('sessions', now)) this.sql('DELETE FROM sessions WHERE expires_at < ?').run(now);
    const token = newToken();
    const expiresAt = now + SESSION_TTL_MS;
    this.sql('INSERT INTO sessions (hash, user_id, created_at, expires_at, mfa_verified) VALUES (?, ?, ?, ?, ?)').run(hashToken(token), userId, now, expiresAt, mfaVerified ? 1 : 0);
    return { token, expiresAt };
  }

  createApiKey(userId: string, name: string, mfaVerified: boolean, now: number): { id: string; token: string; expiresAt: number } {
    const id = newId('ak');
    const token = `tfk_${newToken()}`;
    const expiresAt = now + API_KEY_TTL_MS;
    this.sql('INSERT INTO api_keys (id, hash, user_id, name, created_at, expires_at, mfa_verified) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, hashToken(token), userId, name, now, expiresAt, mfaVerified ? 1 : 0);
    return { id, token, expiresAt };
  }

  bySessionToken(token: string, now: number): Caller | null {
    const hash = hashToken(token);
    const row = this.sql('SELECT user_id, mfa_verified FROM sessions WHERE hash = ? AND expires_at > ?').get(hash, now) as
      | { user_id: string; mfa_verified: number }
      | undefined;
    return row ? { userId: row.user_id, kind: 'session', credentialHash: hash, mfaVerified: row.mfa_verified === 1 } : null;
  }

  byApiKey(token: string, now: number): Caller | null {
    const hash = hashToken(token);
    const row = this.sql('SELECT user_id, mfa_verified FROM api_keys WHERE hash = ? AND expires_at > ?').get(hash, now) as
      | { user_id: string; mfa_verified: number }
      | undefined;
    if (!row) return null;
    // Recorded at most once a minute: a write per request would cost more than the request.
    this.sql('UPDATE api_keys SET last_used_at = ? WHERE hash = ? AND (last_used_at IS NULL OR last_used_at < ?)').run(now, hash, now - 60_000);
    return { userId: row.user_id, kind: 'apiKey', credentialHash: hash, mfaVerified: row.mfa_verified === 1 };
  }

  revoke(caller: Caller): void {
    if (caller.kind === 'session') this.sql('DELETE FROM sessions WHERE hash = ?').run(caller.credentialHash);
    else this.sql('DELETE FROM api_keys WHERE hash = ?').run(caller.credentialHash);
  }

  /** The credential's holder just entered a correct code through it. */
  markMfaVerified(caller: Caller): void {
    const table = caller.kind === 'session' ? 'sessions' : 'api_keys';
    this.sql(`UPDATE ${table} SET mfa_verified = 1 WHERE hash = ?`).run(caller.credentialHash);
  }

  /** After a password change: every session and API key of the user stops working. */
  revokeAllFor(userId: string): void {
    this.sql('DELETE FROM sessions WHERE user_id = ?').run(userId);
    this.sql('DELETE FROM api_keys WHERE user_id = ?').run(userId);
    this.sql('UPDATE tickets SET used_at = COALESCE(used_at, created_at) WHERE user_id = ?').run(userId);
  }
}
