import type { OtpParams } from './account';
import type { CodeView } from './code-view';
import { buildCodeWindow, codeForCounter, prepareSecret, timeStep, type CodeWindow, type HmacFunction, type PreparedSecret } from './generate';
import { otpWithoutSecret, secretCellOf, type OtpParamsWithoutSecret, type SecretCell } from './secret-bytes';

/**
 * Computes the codes of many accounts, again and again (the codes window asks every second).
 *
 * What makes it fast: an HMAC through otpauth (node:crypto in the main process) costs a few
 * microseconds, and decoding a base32 secret about as much, so computing 1,000 accounts' codes
 * from scratch takes milliseconds; but codes only change when a period rolls over, and the next
 * period's code is only shown in the last `NEXT_CODE_LEAD_SECONDS` (see `buildCodeWindow`). So:
 * - each account keeps its decoded secret and its last few codes by counter: a refresh within a
 *   period computes no HMAC at all;
 * - a refresh computes the next period's code only for windows that show it (the last 5 s);
 * - each refresh that computed little (a "quiet" one) also prefetches the next period's code for
 *   a slice of the accounts (a tenth, at least 8, minus the HMACs the refresh already computed).
 *   Refreshing every second, every account has it within ~10 s of a period starting, so the
 *   refresh that enters the last 5 s finds every next code cached, and so does the one that
 *   crosses the period boundary (the next code becomes the current one); the work is spread over
 *   the quiet refreshes instead of landing on one. (After an unlock late in a period, fewer
 *   quiet refreshes remain: the last-5-s refresh then computes the rest, at most one HMAC per
 *   account and no secret decoding, still less than the first refresh.)
 * The first refresh after unlock decodes every secret and computes one HMAC per time-based
 * account (two in the last 5 s of its period), and nothing more: its budget is spent, so it does
 * not prefetch.
 *
 * Key material: this object holds decoded secrets and codes for as long as it lives. The owner
 * (the main process codes service) must call `clear()` when the vault locks, and `forget(id)`
 * when an account is deleted; an entry is also rebuilt whenever an account's OTP parameters
 * change, so a stale secret is never used.
 */
export class CodeCalculator {
  private readonly entries = new Map<string, CalculatorEntry>();
  /** HMACs computed so far (only differences are used: the HMACs a refresh has spent). */
  private hmacs = 0;

  /** `hmac`: the HMAC function (generate.ts `HmacFunction`); otpauth's default when absent. */
  constructor(private readonly hmac?: HmacFunction) {}

  /** The code window of account `id` at `atMs` (Unix milliseconds). */
  window(id: string, otp: OtpParams, atMs: number): CodeWindow {
    const entry = this.entryFor(id, otp);
    return buildCodeWindow(otp, atMs, (counter) => this.codeOf(entry, counter));
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
    const hmacsBefore = this.hmacs;
    const seen = new Set<string>();
    const views = accounts.map(({ id, otp }): CodeView => {
      seen.add(id);
      return { id, ...this.window(id, otp, atMs) };
    });
    // Accounts no longer listed have been deleted: drop their secrets.
    if (this.entries.size > seen.size) {
      for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
    }
    const budget = Math.max(PREFETCH_MIN, Math.ceil(accounts.length / PREFETCH_SPREAD));
    this.prefetch(accounts, atMs, budget - (this.hmacs - hmacsBefore));
    return views;
  }

  /**
   * Computes the next period's code for up to `budget` accounts that lack it, so that neither
   * the refresh entering the last 5 seconds nor the one crossing the rollover has to compute
   * them all at once (see the class comment).
   */
  private prefetch(accounts: readonly { id: string; otp: OtpParams }[], atMs: number, budget: number): void {
    for (const { id, otp } of accounts) {
      if (budget <= 0) return;
      if (otp.type === 'hotp') continue;
      const entry = this.entries.get(id);
      const next = timeStep(atMs, otp.period) + 1;
      if (!entry || entry.has(next)) continue;
      this.codeOf(entry, next);
      budget--;
    }
  }

  /** `entry`'s code for `counter`, counting the HMAC when it is not cached. */
  private codeOf(entry: CalculatorEntry, counter: number): string {
    if (!entry.has(counter)) this.hmacs++;
    return entry.code(counter);
  }

  /** Drops one account's decoded secret and codes. */
  forget(id: string): void {
    this.entries.get(id)?.wipe();
    this.entries.delete(id);
  }

  /** Zeroes and drops every decoded secret and code (call on vault lock). */
  clear(): void {
    for (const entry of this.entries.values()) entry.wipe();
    this.entries.clear();
  }

  /** How many accounts currently have a decoded secret held here. */
  get size(): number {
    return this.entries.size;
  }

  private entryFor(id: string, otp: OtpParams): CalculatorEntry {
    const existing = this.entries.get(id);
    if (existing?.matches(otp)) return existing;
    existing?.wipe();
    const entry = new CalculatorEntry(otp, this.hmac);
    this.entries.set(id, entry);
    return entry;
  }
}

/**
 * How many counters' codes an entry remembers: the current and next periods', and the one before
 * (so a clock set back a little across a rollover computes nothing).
 */
const REMEMBERED_CODES = 3;
/**
 * Each refresh's prefetch budget: 1/PREFETCH_SPREAD of the accounts, at least PREFETCH_MIN, less
 * the HMACs its own windows already computed.
 */
const PREFETCH_SPREAD = 10;
const PREFETCH_MIN = 8;

class CalculatorEntry {
  /** The parameters without the secret: copying `otp` whole would make a string of it. */
  private readonly otp: OtpParamsWithoutSecret;
  /**
   * Which secret this entry was built from, to notice a change: the vault's cell (compared by
   * identity, no string made), or for a plain `OtpParams` its base32 string.
   */
  private readonly source: SecretCell | string;
  private readonly secret: PreparedSecret;
  private readonly counters: number[] = [];
  private readonly codes: string[] = [];

  constructor(
    otp: OtpParams,
    private readonly hmac: HmacFunction | undefined,
  ) {
    this.otp = otpWithoutSecret(otp);
    this.source = secretCellOf(otp) ?? otp.secret;
    this.secret = prepareSecret(otp);
  }

  /**
   * Zeroes the decoded secret (the otpauth Secret is a view on our buffer, so this reaches the
   * bytes its HMAC reads). The vault's own copy is its to zero (on lock). DESIGN: an `OtpParams`
   * whose secret is a plain string (not from the vault) keeps that string; strings cannot be
   * zeroed (see secret-bytes.ts).
   */
  wipe(): void {
    this.secret.bytes.fill(0);
  }

  /** True when `otp` would produce the same codes (hotp's counter only selects which one). */
  matches(otp: OtpParams): boolean {
    const mine = this.otp;
    const cell = secretCellOf(otp);
    return (
      mine.type === otp.type &&
      (cell ? cell === this.source : typeof this.source === 'string' && this.source === otp.secret) &&
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
    const code = codeForCounter(this.otp, this.secret, counter, this.hmac);
    this.counters.push(counter);
    this.codes.push(code);
    if (this.counters.length > REMEMBERED_CODES) {
      this.counters.shift();
      this.codes.shift();
    }
    return code;
  }
}
