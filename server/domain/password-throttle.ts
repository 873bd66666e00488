import type { Database } from 'better-sqlite3';
import { PASSWORD_THROTTLE_RULES as RULES } from '../../shared/admin-api';
import { statementCache, type Sql } from '../storage/statement-cache';

/**
 * Throttling of online password guessing, on every path that checks a password (sign-in and the
 * re-authentications of /me). What it guarantees:
 *
 * - Per account: `delayAfter` consecutive failures are free; from then on every failure starts a
 *   delay (doubling from `firstDelaySeconds` up to `maxDelayMinutes`) during which every attempt
 *   is refused before the password is looked at, so the answer is the same for a right and a
 *   wrong password. A success resets the count. After `lockAfter` consecutive failures the
 *   account refuses password checks from that side until a success elsewhere or an admin unlock
 *   (NIST SP 800-63B §5.2.2: at most 100 consecutive failures).
 * - Malicious lockout is limited (OWASP ASVS 6.1.1): the counters are kept apart for addresses
 *   that have signed in to the account before ("known") and all others ("unknown"). Guessing
 *   from a new address delays only new addresses; the owner's usual address keeps its own count.
 * - Per address: a token bucket across accounts (credential stuffing). Only checks that ran and
 *   failed spend a token; a refusal spends nothing.
 * - Parallel requests: a check is admitted synchronously (the event loop runs one at a time) and
 *   counted in flight until its outcome is written, so N parallel guesses at the threshold run
 *   exactly as many checks as the count allows, not N.
 *
 * The state lives in SQLite (it survives a restart); only the in-flight counts are in memory,
 * and they die with the checks they count.
 */

export type Scope = 'known' | 'unknown';

export interface Permit {
  account: string;
  address: string;
  scope: Scope;
  /** Failures recorded before this check. */
  failures: number;
  /** Whether a throttle row exists for the account (a success then deletes it). */
  hasRows: boolean;
}

export type Admission = { ok: true; permit: Permit } | { ok: false; retryAt: number | null; limit: 'account' | 'address' };

interface ThrottleRow {
  failures: number;
  delayed_until: number;
}

/** The account key: usernames are case-insensitive (COLLATE NOCASE), so is this. */
export const accountKey = (username: string): string => username.toLowerCase();

/**
 * The address a budget is kept for. IPv6 clients usually hold a whole /64, so they share one
 * budget per /64; IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function budgetAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Delay after the n-th consecutive failure, in milliseconds (0 while failures are free). */
export function delayAfterFailures(n: number): number {
  if (n < RULES.delayAfter) return 0;
  const ms = RULES.firstDelaySeconds * 1000 * 2 ** Math.min(30, n - RULES.delayAfter);
  return Math.min(ms, RULES.maxDelayMinutes * 60_000);
}

export class PasswordThrottle {
  private readonly sql: Sql;
  private readonly inFlight = new Map<string, number>();
  private readonly addressInFlight = new Map<string, number>();
  private lastSweep = -Infinity;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  /**
   * Admits a password check or says until when it is refused. Must be followed by exactly one
   * `release` (in a finally), and by `failed` or `succeeded` inside the transaction that records
   * the outcome.
   */
  admit(username: string, ip: string, now: number): Admission {
    const account = accountKey(username);
    const address = budgetAddress(ip);
    const known = this.sql('SELECT 1 FROM password_known_addresses WHERE account = ? AND address = ?').get(account, address) !== undefined;
    const scope: Scope = known ? 'known' : 'unknown';
    const rows = this.sql('SELECT scope, failures, delayed_until FROM password_throttle WHERE account = ?').all(account) as (ThrottleRow & { scope: Scope })[];
    const row = rows.find((r) => r.scope === scope);
    const failures = row?.failures ?? 0;
    if (failures >= RULES.lockAfter) return { ok: false, retryAt: null, limit: 'account' };
    if (row && now < row.delayed_until) return { ok: false, retryAt: row.delayed_until, limit: 'account' };
    const key = `${account}\n${scope}`;
    const running = this.inFlight.get(key) ?? 0;
    // Free failures left, or one check per elapsed delay.
    const allowed = failures < RULES.delayAfter ? RULES.delayAfter - failures : 1;
    if (running >= allowed) return { ok: false, retryAt: now + Math.max(1000, delayAfterFailures(failures + running)), limit: 'account' };
    const tokens = this.tokens(address, now);
    const addressRunning = this.addressInFlight.get(address) ?? 0;
    if (tokens - addressRunning < 1) {
      const missing = 1 + addressRunning - tokens;
      return { ok: false, retryAt: now + Math.max(1000, Math.ceil((missing / RULES.addressRefillPerMinute) * 60_000)), limit: 'address' };
    }
    this.inFlight.set(key, running + 1);
    this.addressInFlight.set(address, addressRunning + 1);
    return { ok: true, permit: { account, address, scope, failures, hasRows: rows.length > 0 } };
  }

  /** Ends the in-flight count of an admitted check (whatever its outcome). */
  release(permit: Permit): void {
    const key = `${permit.account}\n${permit.scope}`;
    const n = (this.inFlight.get(key) ?? 1) - 1;
    if (n > 0) this.inFlight.set(key, n);
    else this.inFlight.delete(key);
    const a = (this.addressInFlight.get(permit.address) ?? 1) - 1;
    if (a > 0) this.addressInFlight.set(permit.address, a);
    else this.addressInFlight.delete(permit.address);
  }

  /**
   * Records a wrong password (inside the caller's transaction): the count grows from what is
   * stored now, not from what the permit saw, so parallel failures all count.
   * Returns the failures so far and the end of the delay they started.
   */
  failed(permit: Permit, now: number): { failures: number; delayedUntil: number | null; locked: boolean } {
    const stored = this.sql('SELECT failures FROM password_throttle WHERE account = ? AND scope = ?').get(permit.account, permit.scope) as { failures: number } | undefined;
    const failures = Math.min(RULES.lockAfter, (stored?.failures ?? 0) + 1);
    const delay = delayAfterFailures(failures);
    this.sql(
      `INSERT INTO password_throttle (account, scope, failures, last_failure_at, delayed_until) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account, scope) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, delayed_until = excluded.delayed_until`,
    ).run(permit.account, permit.scope, failures, now, now + delay);
    const tokens = this.tokens(permit.address, now) - 1;
    this.sql(
      `INSERT INTO address_budget (address, tokens, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (address) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`,
    ).run(permit.address, Math.max(0, tokens), now);
    this.sweep(now);
    return { failures, delayedUntil: delay > 0 ? now + delay : null, locked: failures >= RULES.lockAfter };
  }

  /** Records a right password (inside the caller's transaction): counts reset, the address becomes known. */
  succeeded(permit: Permit, now: number): void {
    if (permit.hasRows) this.sql('DELETE FROM password_throttle WHERE account = ?').run(permit.account);
    if (permit.scope === 'unknown') {
      this.sql('INSERT OR REPLACE INTO password_known_addresses (account, address, last_success_at) VALUES (?, ?, ?)').run(permit.account, permit.address, now);
      // Bounded: the 20 most recent addresses of an account are remembered.
      this.sql(
        `DELETE FROM password_known_addresses WHERE account = ? AND address NOT IN
           (SELECT address FROM password_known_addresses WHERE account = ? ORDER BY last_success_at DESC LIMIT 20)`,
      ).run(permit.account, permit.account);
    }
  }

  /** Clears the delays and counts of an account (admin unlock); known addresses stay. */
  unlock(username: string): void {
    this.sql('DELETE FROM password_throttle WHERE account = ?').run(accountKey(username));
  }

  /** Forgets an account entirely (user deleted), so a new user of the same name starts clean. */
  forget(username: string): void {
    const account = accountKey(username);
    this.sql('DELETE FROM password_throttle WHERE account = ?').run(account);
    this.sql('DELETE FROM password_known_addresses WHERE account = ?').run(account);
  }

  /**
   * Housekeeping, at most once a minute: buckets that have refilled are the same as no row, and a
   * count untouched for 30 days (names nobody signs in with) is dropped.
   */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000 && now >= this.lastSweep) return;
    this.lastSweep = now;
    this.sql('DELETE FROM address_budget WHERE updated_at < ?').run(now - (RULES.addressCapacity / RULES.addressRefillPerMinute) * 60_000);
    this.sql('DELETE FROM password_throttle WHERE last_failure_at < ?').run(now - 30 * 24 * 60 * 60_000);
  }

  /** Tokens in the address's bucket now (refilled continuously up to the capacity). */
  private tokens(address: string, now: number): number {
    const row = this.sql('SELECT tokens, updated_at FROM address_budget WHERE address = ?').get(address) as { tokens: number; updated_at: number } | undefined;
    if (!row) return RULES.addressCapacity;
    const refill = (Math.max(0, now - row.updated_at) / 60_000) * RULES.addressRefillPerMinute;
    return Math.min(RULES.addressCapacity, row.tokens + refill);
  }
}

/**
 * SQL for the end of an account's password delay, for the users list: the later of both scopes;
 * a locked scope counts as 8.64e15 (the largest JS date), mapped to null ("until unlocked") by the caller.
 */
export const PASSWORD_LOCK_SQL = `(SELECT MAX(CASE WHEN pt.failures >= ${RULES.lockAfter} THEN 8640000000000000 ELSE pt.delayed_until END)
  FROM password_throttle pt WHERE pt.account = lower(u.username))`;
