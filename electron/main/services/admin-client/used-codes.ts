import { TOTP_RULES } from '../../../../shared/admin-api';

/**
 * Codes a server has already taken, per server profile, so the window never sends one again.
 * The server accepts each time step once per user and refuses every step up to the last one it
 * accepted (RFC 6238 §5.2), so a code it accepted, or refused as replayed, can only fail again
 * and would count towards the lockout. Kept for the ±1-step window plus the current step.
 *
 * Holds 6-digit codes already spent: not secrets any more, but still never logged.
 */
export class UsedCodes {
  private readonly byProfile = new Map<string, Map<string, number>>();
  private static readonly KEEP_MS = 3 * TOTP_RULES.periodSeconds * 1000;

  mark(profileId: string, code: string, now: number): void {
    const codes = this.byProfile.get(profileId) ?? new Map<string, number>();
    for (const [c, until] of codes) if (until <= now) codes.delete(c);
    codes.set(code, now + UsedCodes.KEEP_MS);
    this.byProfile.set(profileId, codes);
  }

  has(profileId: string, code: string, now: number): boolean {
    const until = this.byProfile.get(profileId)?.get(code);
    return until !== undefined && until > now;
  }

  forget(profileId: string): void {
    this.byProfile.delete(profileId);
  }
}
