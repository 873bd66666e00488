import { randomInt } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_RULES, formatRecoveryCode } from '../../shared/admin-api';
import type { PasswordHasher } from '../crypto/password-hasher';
import { statementCache, type Sql } from '../storage/statement-cache';

/** A set being issued. Key material: `codes` are shown to the user once and never stored. */
export interface IssuedSet {
  codes: string[];
  hashes: string[];
}

/** Which stored code a typed one matched, if any (found outside a transaction, applied inside). */
export type RecoveryMatch = { id: number; used: boolean } | null;

/**
 * Recovery codes ("look-up secrets", NIST SP 800-63B §5.1.2; ASVS 6.5.1–6.5.3).
 *
 * - Each code is 12 characters drawn with `crypto.randomInt` (a CSPRNG, unbiased) from a 32-letter
 *   alphabet: 60 bits.
 * - Below 112 bits, §5.1.2.2 asks for a salted, costly one-way function: each code is stored as
 *   its own Argon2id hash (own random salt, the server's password-hashing cost), never in clear.
 * - Hashing is slow on purpose, so it runs before the caller's transaction (async, off the event
 *   loop); the transaction then spends the matched row with a compare-and-set on `used_at`, so a
 *   code is accepted at most once even when two requests race.
 */
export class RecoveryCodeStore {
  private readonly sql: Sql;

  constructor(
    db: Database,
    private readonly hasher: PasswordHasher,
  ) {
    this.sql = statementCache(db);
  }

  /** Draws and hashes a new set (not yet stored: `replace` does that inside a transaction). */
  async newSet(): Promise<IssuedSet> {
    const canonical = Array.from({ length: RECOVERY_CODE_RULES.count }, () => {
      let code = '';
      for (let i = 0; i < RECOVERY_CODE_RULES.length; i++) code += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
      return code;
    });
    // 60-bit draws: a repeat within a set is astronomically unlikely, but a set must hold 10 distinct codes.
    if (new Set(canonical).size !== canonical.length) return this.newSet();
    const hashes = await Promise.all(canonical.map((c) => this.hasher.hash(c)));
    return { codes: canonical.map(formatRecoveryCode), hashes };
  }

  /** Voids the user's old set and stores the new one. Inside the caller's transaction. */
  replace(userId: string, set: IssuedSet, now: number): void {
    this.sql('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    const insert = this.sql('INSERT INTO recovery_codes (user_id, hash, created_at) VALUES (?, ?, ?)');
    for (const hash of set.hashes) insert.run(userId, hash, now);
  }

  remaining(userId: string): number {
    return (this.sql('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL').get(userId) as { n: number }).n;
  }

  /**
   * Checks a canonical code against every stored hash of the user (used ones too, so a second use
   * is told apart from a wrong code). At most 10 Argon2 verifications, run in parallel.
   */
  async match(userId: string, canonical: string): Promise<RecoveryMatch> {
    const rows = this.sql('SELECT id, hash, used_at FROM recovery_codes WHERE user_id = ?').all(userId) as { id: number; hash: string; used_at: number | null }[];
    const results = await Promise.all(rows.map((r) => this.hasher.verify(r.hash, canonical)));
    const i = results.indexOf(true);
    const row = i < 0 ? undefined : rows[i];
    return row ? { id: row.id, used: row.used_at !== null } : null;
  }

  /** Compare-and-set: true only for the one request that spends the code (and only while its set is current). */
  spend(userId: string, id: number, now: number): boolean {
    return this.sql('UPDATE recovery_codes SET used_at = ? WHERE id = ? AND user_id = ? AND used_at IS NULL').run(now, id, userId).changes === 1;
  }
}
