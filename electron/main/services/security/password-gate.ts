import { systemClock, type Clock } from '../clock';
import { VaultError } from '../vault/vault-types';

/**
 * The vault-password gate: the one place in main that decides whether "the user re-entered the
 * vault password" is true. Everything that lets secret material leave the main process, or
 * re-encrypts it under a password the renderer chooses, calls `gate.check(password)` first:
 * exports (Aegis file, otpauth list, one account's QR), turning the keychain slot on or off,
 * changing the password, and later features (a separate backup password, revealing recovery
 * codes). Unlocking goes through `gate.attempt` so it shares the same counter.
 *
 * What it guarantees:
 * - The check runs in main against the vault file's password slot (scrypt); a renderer cannot
 *   answer it, only supply the password the user typed.
 * - Online guessing through IPC is slow: checks run one at a time, and after
 *   `freeAttempts` (5) consecutive failures every further attempt is refused without running
 *   the KDF until a delay has passed that doubles with each failure (1 s, 2 s, 4 s … 5 min).
 *   A success resets the count. @see NIST SP 800-63B §5.2.2 (rate limiting), ASVS V2.2.1.
 * What it does not: it does not stop an attacker who can read vault.json from guessing offline;
 * scrypt's cost is the defence there.
 */
export interface PasswordGateOptions {
  /** True when `password` opens the vault's password slot. Key material: never log it. */
  verify(password: string): Promise<boolean>;
  clock?: Clock;
  /** Consecutive failures allowed before the delay starts (default 5). */
  freeAttempts?: number;
  /** First delay (default 1 s); it doubles with every further failure. */
  baseDelayMs?: number;
  /** Longest delay (default 5 min). */
  maxDelayMs?: number;
}

export interface GateCheckOptions {
  /** The form field the error belongs to (default 'password'). */
  field?: string;
  /** What the user was doing, for the wrong-password message ("to export the backup"). */
  purpose?: string;
}

export class PasswordGate {
  private readonly clock: Clock;
  private readonly freeAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private failures = 0;
  private blockedUntil = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PasswordGateOptions) {
    this.clock = options.clock ?? systemClock;
    this.freeAttempts = options.freeAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  }

  /** Milliseconds until the next attempt is accepted (0: now). */
  retryAfterMs(): number {
    return Math.max(0, this.blockedUntil - this.clock.now());
  }

  /** Consecutive failures so far (reset by a success). */
  failureCount(): number {
    return this.failures;
  }

  /**
   * Resolves when `password` is the vault password; otherwise throws VaultError 'wrong-password'
   * or, while the delay runs, 'too-many-attempts' (the KDF is not even run).
   */
  check(password: string, options: GateCheckOptions = {}): Promise<void> {
    return this.attempt(async () => {
      if (!(await this.options.verify(password))) {
        const purpose = options.purpose ? ` ${options.purpose}` : '';
        throw new VaultError('wrong-password', `Wrong password: enter your Twofold vault password${purpose}.`, options.field ?? 'password');
      }
    }, options.field);
  }

  /**
   * Runs one password attempt under the gate: refused while the delay runs, counted as a failure
   * when it throws VaultError 'wrong-password', as a success when it resolves. Attempts are
   * serialised, so parallel calls cannot slip past the counter.
   */
  attempt<T>(run: () => Promise<T>, field = 'password'): Promise<T> {
    const next = this.chain.then(async () => {
      const wait = this.retryAfterMs();
      if (wait > 0) throw this.throttled(wait, field);
      try {
        const value = await run();
        this.failures = 0;
        this.blockedUntil = 0;
        return value;
      } catch (error) {
        if (error instanceof VaultError && error.code === 'wrong-password') this.recordFailure();
        throw error;
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private recordFailure(): void {
    this.failures++;
    const over = this.failures - this.freeAttempts;
    if (over >= 0) this.blockedUntil = this.clock.now() + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(over, 30));
  }

  private throttled(waitMs: number, field: string): VaultError {
    const seconds = Math.ceil(waitMs / 1000);
    return new VaultError(
      'too-many-attempts',
      `Too many wrong passwords. Wait ${seconds} second${seconds === 1 ? '' : 's'}, then try again.`,
      field,
    );
  }
}
