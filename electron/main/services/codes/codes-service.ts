import { CodeCalculator, type CodeView } from '../../../../shared/otp';
import { systemClock, type Clock } from '../clock';
import { VaultError, type VaultApi } from '../vault/vault-types';
import { CodesError } from './codes-error';
import { nodeHmac } from './node-hmac';

/** What the codes service needs from the vault. */
export type CodesVault = Pick<VaultApi, 'accounts' | 'advanceHotp' | 'onChange' | 'status'>;

/**
 * Turns the vault's accounts into codes for the renderer and the CLI. Runs where the vault
 * runs (main process): it reads secrets and returns only `CodeView`s, which carry codes and
 * never a secret.
 *
 * Decoded secrets and recent codes are cached per account by the shared `CodeCalculator`
 * (a refresh inside one period computes no HMAC). Key material: that cache is dropped the moment
 * the vault locks.
 */
export class CodesService {
  private readonly calculator = new CodeCalculator(nodeHmac);
  private readonly unsubscribe: () => void;

  constructor(
    private readonly vault: CodesVault,
    private readonly clock: Clock = systemClock,
  ) {
    this.unsubscribe = vault.onChange(() => {
      if (vault.status().state !== 'unlocked') this.calculator.clear();
    });
  }

  /** Codes of every account, in display order. Throws VaultError('vault-locked') when locked. */
  currentCodes(atMs: number = this.clock.now()): CodeView[] {
    return this.calculator.views(this.vault.accounts(), atMs);
  }

  /** The code of one account. Throws VaultError('account-not-found') for an unknown id. */
  codeFor(id: string, atMs: number = this.clock.now()): CodeView {
    const account = this.vault.accounts().find((a) => a.id === id);
    if (!account) throw new VaultError('account-not-found', 'That account is no longer in the vault. Refresh the list.', 'id');
    return { id, ...this.calculator.window(id, account.otp, atMs) };
  }

  /**
   * The following period's code of a time-based account (the one the window previews in the
   * last 5 s). Throws CodesError('next-code-unavailable') for an HOTP account, whose next code
   * exists only once the counter is advanced.
   */
  nextCodeFor(id: string, atMs: number = this.clock.now()): string {
    const current = this.codeFor(id, atMs);
    if (current.type === 'hotp') throw new CodesError('next-code-unavailable', 'A counter-based (HOTP) account has no next code until you ask for a new one.');
    const next = this.codeFor(id, current.periodStart + current.period * 1000);
    return next.code;
  }

  /**
   * Advances an HOTP account's counter (RFC 4226 §7.2: the counter moves on each new code the
   * user asks for), saves, and returns the new code.
   */
  async advanceHotp(id: string): Promise<CodeView> {
    const account = await this.vault.advanceHotp(id);
    return { id, ...this.calculator.window(id, account.otp, this.clock.now()) };
  }

  /** Stops listening to the vault and drops every cached secret. */
  dispose(): void {
    this.unsubscribe();
    this.calculator.clear();
  }
}
