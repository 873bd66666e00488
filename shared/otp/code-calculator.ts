import type { OtpParams } from './account';
import type { CodeView } from './code-view';
import { buildCodeWindow, codeForCounter, prepareSecret, timeStep, type CodeWindow, type PreparedSecret } from './generate';

/**
 * Computes the codes of many accounts, again and again (the codes window asks every second).
 *
 * What makes it fast: an HMAC through otpauth (node:crypto in the main process) costs a few
 * microseconds, and decoding a base32 secret about as much, so 1,000 accounts × (current + next
 * code) is several milliseconds; but codes only change when a period rolls over. So:
 * - each account keeps its decoded secret and its last few codes by counter: a refresh within a
 *   period computes no HMAC at all;
 * - each `views()` refresh also computes, for a slice of the accounts (a tenth, at least 8), the
 *   code of the period after next. Refreshing every second, every account has it well before
 *   the rollover, so the refresh that crosses a period boundary computes nothing either; the
 *   work is spread over the quiet refreshes instead of landing on one.
 * Only the first refresh after unlock pays for every account (two HMACs each).
 *
 * Key material: this object holds decoded secrets and codes for as long as it lives. The owner
 * (the main process codes service) must call `clear()` when the vault locks, and `forget(id)`
 * when an account is deleted; an entry is also rebuilt whenever an account's OTP parameters
 * change, so a stale secret is never used.
 */
export class CodeCalculator {
  private readonly entries = new Map<string, CalculatorEntry>();

  /** The code window of account `id` at `atMs` (Unix milliseconds). */
  window(id: string, otp: OtpParams, atMs: number): CodeWindow {
    const entry = this.entryFor(id, otp);
    return buildCodeWindow(otp, atMs, (counter) => entry.code(counter));
  }

  /** The current code of account `id` at `atMs`. */
  code(id: string, otp: OtpParams, atMs: number): string {
    const window = this.window(id, otp, atMs);
    return window.code;
  }

  /**
   * Code views for a list of accounts, in order: what the `codes:current` IPC call returns.
   * Pass the whole vault: entries of ids missing from the list are dropped (deleted accounts'
   * secrets do not linger), so calling this with a filtered subset only costs recomputation.
   */
  views(accounts: readonly { id: string; otp: OtpParams }[], atMs: number): CodeView[] {
    const seen = new Set<string>();
    const views = accounts.map(({ id, otp }): CodeView => {
      seen.add(id);
      return { id, ...this.window(id, otp, atMs) };
    });
    // Accounts no longer listed have been deleted: drop their secrets.
    if (this.entries.size > seen.size) {
      for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
    }
    this.prefetch(accounts, atMs);
    return views;
  }

  /**
   * Computes the period-after-next code for up to a tenth of the accounts that lack it, so that
   * the refresh at the next rollover finds both its codes cached (see the class comment).
   */
  private prefetch(accounts: readonly { id: string; otp: OtpParams }[], atMs: number): void {
    let budget = Math.max(PREFETCH_MIN, Math.ceil(accounts.length / PREFETCH_SPREAD));
    for (const { id, otp } of accounts) {
      if (budget === 0) return;
      if (otp.type === 'hotp') continue;
      const entry = this.entries.get(id);
      const step = timeStep(atMs, otp.period) + 2;
      if (!entry || entry.has(step)) continue;
      entry.code(step);
      budget--;
    }
  }

  /** Drops one account's decoded secret and codes. */
  forget(id: string): void {
    this.entries.delete(id);
  }

  /** Drops every decoded secret and code (call on vault lock). */
  clear(): void {
    this.entries.clear();
  }

  /** How many accounts currently have a decoded secret held here. */
  get size(): number {
    return this.entries.size;
  }

  private entryFor(id: string, otp: OtpParams): CalculatorEntry {
    const existing = this.entries.get(id);
    if (existing?.matches(otp)) return existing;
    const entry = new CalculatorEntry(otp);
    this.entries.set(id, entry);
    return entry;
  }
}

/** How many counters' codes an entry remembers: current, next and prefetched period. */
const REMEMBERED_CODES = 3;
/** Each refresh prefetches for 1/PREFETCH_SPREAD of the accounts, and at least PREFETCH_MIN. */
const PREFETCH_SPREAD = 10;
const PREFETCH_MIN = 8;

class CalculatorEntry {
  private readonly otp: OtpParams;
  private readonly secret: PreparedSecret;
  private readonly counters: number[] = [];
  private readonly codes: string[] = [];

  constructor(otp: OtpParams) {
    this.otp = { ...otp };
    this.secret = prepareSecret(otp);
  }

  /** True when `otp` would produce the same codes (hotp's counter only selects which one). */
  matches(otp: OtpParams): boolean {
    const mine = this.otp;
    return (
      mine.type === otp.type &&
      mine.secret === otp.secret &&
      mine.algorithm === otp.algorithm &&
      mine.digits === otp.digits &&
      (mine.type === 'hotp' || otp.type === 'hotp' || mine.period === otp.period)
    );
  }

  has(counter: number): boolean {
    return this.counters.includes(counter);
  }

  code(counter: number): string {
    const index = this.counters.indexOf(counter);
    if (index >= 0) return this.codes[index] as string;
    const code = codeForCounter(this.otp, this.secret, counter);
    this.counters.push(counter);
    this.codes.push(code);
    if (this.counters.length > REMEMBERED_CODES) {
      this.counters.shift();
      this.codes.shift();
    }
    return code;
  }
}
