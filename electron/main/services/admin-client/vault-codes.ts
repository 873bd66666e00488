import { TOTP_RULES } from '../../../../shared/admin-api';
import type { Account } from '../../../../shared/otp/account';

/**
 * Vault accounts that look like "this user on this server" (TOTP with the server's parameters,
 * this username and issuer). Used only to rename an older entry when "Enroll with Twofold" adds a
 * new one, never to choose which code to fill in: that is the profile's link (server-link.ts).
 */
export function matchingAccounts(accounts: readonly Account[], username: string, issuer: string | null): Account[] {
  const name = username.toLowerCase();
  return accounts.filter(
    (a) =>
      a.otp.type === 'totp' &&
      a.otp.digits === TOTP_RULES.digits &&
      a.otp.period === TOTP_RULES.periodSeconds &&
      a.otp.algorithm === TOTP_RULES.algorithm &&
      a.name.toLowerCase() === name &&
      (issuer === null || a.issuer === issuer),
  );
}

export function accountLabel(account: Pick<Account, 'issuer' | 'name'>): string {
  return account.issuer ? `${account.issuer} (${account.name})` : account.name;
}
