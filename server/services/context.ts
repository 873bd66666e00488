import type { Database } from 'better-sqlite3';
import type { PasswordHasher } from '../crypto/password-hasher';
import type { SecretBox } from '../crypto/secret-box';
import { AuditLog } from '../domain/audit-log';
import { CredentialStore } from '../domain/credential-store';
import { PasswordThrottle } from '../domain/password-throttle';
import { RecoveryCodeStore } from '../domain/recovery-codes';
import { TotpVerifier, type VerifyOutcome } from '../domain/totp-verifier';
import { UserRepo, type UserRow } from '../domain/user-repo';
import { txFail, type TxResult } from '../domain/problem-error';
import type { PolicyFile } from '../storage/policy-file';
import { effectiveMode } from '../../shared/admin-api';
import { GroupCommit } from '../storage/group-commit';
import { statementCache, type Sql } from '../storage/statement-cache';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A refused transaction result (the `ok: false` half of TxResult). */
export type TxRefusal = Extract<TxResult<never>, { ok: false }>;
const refusal = (...args: Parameters<typeof txFail>): TxRefusal => txFail(...args) as TxRefusal;

export const systemClock: Clock = { now: () => Date.now() };

/** Everything a service needs, built once per server (composition root: plain `new`). */
export class ServiceContext {
  readonly users: UserRepo;
  readonly audit: AuditLog;
  readonly credentials: CredentialStore;
  readonly totp: TotpVerifier;
  readonly throttle: PasswordThrottle;
  readonly recovery: RecoveryCodeStore;
  /** Cached prepared statements for services' own fixed SQL. */
  readonly sql: Sql;
  /** Set by the HTTP server: transactions then share commits (GroupCommit). */
  writes: GroupCommit | null = null;
  /** Built once: `db.transaction()` prepares its BEGIN/COMMIT statements on every call. */
  private readonly runInTx: ReturnType<Database['transaction']>;

  constructor(
    readonly db: Database,
    readonly box: SecretBox,
    readonly hasher: PasswordHasher,
    readonly policy: PolicyFile,
    readonly clock: Clock,
    /** Lifetime of new API keys (default DEFAULT_API_KEY_DAYS). */
    apiKeyTtlMs?: number,
  ) {
    this.sql = statementCache(db);
    this.runInTx = db.transaction((fn: () => unknown) => fn());
    this.users = new UserRepo(db);
    this.audit = new AuditLog(db, box);
    this.credentials = new CredentialStore(db, apiKeyTtlMs);
    this.throttle = new PasswordThrottle(db);
    this.totp = new TotpVerifier(db, box, this.audit);
    this.recovery = new RecoveryCodeStore(db, hasher);
  }

  mode() {
    return effectiveMode(this.policy.get());
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction (a savepoint of the open batch under group commit,
   * which the caller's response then waits on). `fn` returns a TxResult so refusals commit what they
   * recorded (failure counters, audit events) instead of rolling them back; thrown errors roll back.
   */
  tx<T>(fn: () => TxResult<T>): TxResult<T> {
    const { writes } = this;
    if (writes) return writes.join(() => this.runInTx(fn) as TxResult<T>);
    return this.runInTx.immediate(fn) as TxResult<T>;
  }

  /**
   * Like `tx`, but committed on its own before it returns: for changes that also write outside
   * SQLite (mfa.json), which must not share a batch whose commit could still fail.
   */
  txAlone<T>(fn: () => TxResult<T>): TxResult<T> {
    this.writes?.flush();
    return this.runInTx.immediate(fn) as TxResult<T>;
  }

  /**
   * The HTTP server batches the transactions of one event-loop turn into one commit (see
   * GroupCommit); it then waits on `writes.durable()` before answering. Host commands do not.
   */
  enableGroupCommit(onCommitError: (error: unknown) => void): GroupCommit {
    this.writes ??= new GroupCommit(this.db, onCommitError);
    return this.writes;
  }


  /**
   * Step-up (issue #11): a change that weakens protection needs a current code from the caller's
   * own authenticator, verified here, inside the transaction that makes the change (the code is
   * spent: replay and lockout rules apply as at sign-in). Null when the code is good; the caller
   * audits a refusal.
   */
  stepUp(caller: UserRow, code: string | undefined, now: number, action: string): TxRefusal | null {
    const actor = { id: caller.id, username: caller.username, via: 'api' as const };
    const me = this.users.byId(caller.id);
    if (!me?.totp_secret) {
      return refusal('policy-caller-not-enrolled', `Enroll your own authenticator first: ${action} removes protection, so it needs a current code from you.`);
    }
    if (code === undefined) {
      return refusal('mfa-code-required', `Enter the current code from your authenticator: ${action} removes protection, so it needs one (send it as currentCode).`, { field: 'currentCode' });
    }
    const outcome = this.totp.verify(me, me.totp_secret, code, now, 'step-up', actor);
    return outcome.ok ? null : (verifyFailure(outcome, now) as TxRefusal);
  }

  /**
   * The invariant of the lockout safeguard, re-checked at the end of every transaction that
   * could break it: under Required at least one Server Admin is enrolled.
   */
  invariantHolds(): boolean {
    return this.mode() !== 'Required' || this.users.countEnrolledServerAdmins() > 0;
  }
}

/** Turns a failed verification into its problem; `now` (the injected clock) sets Retry-After (RFC 9110 §10.2.3). */
export function verifyFailure(outcome: Exclude<VerifyOutcome, { ok: true }>, now: number): TxResult<never> {
  if (outcome.code === 'too-many-attempts') {
    const until = outcome.lockedUntil === null ? null : new Date(outcome.lockedUntil).toISOString();
    const headers = outcome.lockedUntil === null ? {} : { 'retry-after': String(Math.max(1, Math.ceil((outcome.lockedUntil - now) / 1000))) };
    return txFail(
      'too-many-attempts',
      until === null
        ? 'Code verification is locked after 100 wrong codes. Ask an administrator to reset your MFA.'
        : `Code verification is locked after repeated wrong codes. Try again after ${until}.`,
      { lockedUntil: until },
      headers,
    );
  }
  if (outcome.code === 'recovery-code-used') {
    return txFail('recovery-code-used', 'This recovery code was already used: each works once. Use another one from your list.');
  }
  if (outcome.code === 'recovery-code-invalid') {
    return txFail('recovery-code-invalid', 'The recovery code is wrong. Check it against the list you saved for this account.');
  }
  if (outcome.code === 'mfa-code-replayed') {
    return txFail('mfa-code-replayed', 'This code was already used. Wait for the next code in your authenticator and enter it.');
  }
  return txFail('mfa-code-invalid', 'The code is wrong. Check the time on your device and enter the current code.');
}
