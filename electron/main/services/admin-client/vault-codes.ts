import { TOTP_RULES } from '../../../../shared/admin-api';
import type { Account } from '../../../../shared/otp/account';
import { codeWindow } from '../../../../shared/otp/generate';
import type { CodeSuggestion } from '../../../../shared/ipc/admin-channels';

/**
 * Finds the vault account that is "this user on this server": a TOTP account with the server's
 * parameters (RFC 6238, 6 digits, 30 s, SHA-1) whose name is the username and, when the server's
 * issuer is known, whose issuer is that issuer. Exactly one match fills the code in; zero or
 * several fill nothing (guessing between two secrets could lock the user out after 5 tries).
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

/**
 * The current code of the one account of this user at this issuer, or null. The issuer is
 * required: by username alone, another service's account with the same username could be
 * filled in. Key material stays in this process.
 */
export function suggestCode(accounts: readonly Account[], username: string, issuer: string, now: number): CodeSuggestion | null {
  const found = matchingAccounts(accounts, username, issuer);
  const only = found.length === 1 ? found[0] : undefined;
  if (!only || only.otp.type !== 'totp') return null;
  const window = codeWindow(only.otp, now);
  return { code: window.code, accountLabel: accountLabel(only), secondsLeft: Math.ceil(window.secondsLeft) };
}
