import type { OtpParams } from './account';
import type { CodeView } from './code-view';
import { buildCodeWindow, codeForCounter, prepareSecret, type CodeWindow, type PreparedSecret } from './generate';

/**
 * Computes the codes of many accounts, again and again (the codes window asks every second).
 *
 * What makes it fast, measured on the 2-core dev machine: decoding the base32 secret and building
 * the otpauth `Secret` costs about as much as an HMAC, and an HMAC (node:crypto through otpauth)
 * costs ~3–5 µs. A codes refresh needs two codes per account (current and next), but both only
 * change when the period rolls over. So each account keeps its decoded secret and the last few
 * codes by counter: a refresh within a period computes no HMAC at all, and a refresh after a
 * rollover computes one per account (the old "next" code is the new current one).
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
    return views;
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

/** How many counters' codes an entry remembers: previous, current and next period. */
const REMEMBERED_CODES = 3;

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
