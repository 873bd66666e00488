import { TOTP_RULES } from '../../../../shared/admin-api';
import type { VaultCode } from '../../../../shared/ipc/admin-channels';
import type { Account } from '../../../../shared/otp/account';
import { codeWindow } from '../../../../shared/otp/generate';
import { nodeHmac } from '../codes/node-hmac';
import type { AdminServerProfile } from '../../../../shared/settings';
import { accountLabel } from './vault-codes';

/** The origin (scheme, host, port) a profile's codes are for: what the user sees and what a link is bound to. */
export const originOf = (profile: Pick<AdminServerProfile, 'url'>): string => new URL(profile.url).origin;

/** A vault account a server could verify: TOTP with the server's fixed parameters (RFC 6238, 6 digits, 30 s, SHA-1). */
export function fitsServer(account: Account): boolean {
  return account.otp.type === 'totp' && account.otp.digits === TOTP_RULES.digits && account.otp.period === TOTP_RULES.periodSeconds && account.otp.algorithm === TOTP_RULES.algorithm;
}

/**
 * Decides which code, if any, may be filled in for a profile (issue #12.3). Only the account the
 * profile is LINKED to counts; the issuer name a server reports never selects an account. What
 * this guarantees: a server gets a code filled in only from the account the user linked to its
 * origin (or that "Enroll with Twofold" created for it), only while it still reports the issuer
 * and origin it had at linking, and only for the username the link was made for.
 */
export function vaultCodeFor(input: {
  profile: AdminServerProfile;
  accounts: readonly Account[] | null;
  username: string | null;
  now: number;
  isUsed: (code: string) => boolean;
}): VaultCode {
  const { profile, accounts, username, now } = input;
  const origin = originOf(profile);
  const none = (state: 'unlinked' | 'changed', message: string, label: string | null = null): VaultCode => ({
    state,
    origin,
    accountLabel: label,
    code: null,
    secondsLeft: 0,
    used: false,
    message,
  });
  if (!accounts) return none('unlinked', 'Unlock Twofold to fill in codes from your vault.');
  const link = profile.link;
  if (!link) return none('unlinked', `No vault account is linked to ${origin} yet. Link one to fill in its codes here, or type the code.`);
  const account = accounts.find((a) => a.id === link.accountId);
  if (!account || !fitsServer(account)) return none('unlinked', `The vault account linked to ${origin} is no longer in your vault. Link another one, or type the code.`);
  const label = accountLabel(account);
  if (link.origin !== origin) {
    return none('changed', `${label} was linked to ${link.origin}, not ${origin}. Nothing is filled in until you link it again.`, label);
  }
  if (link.changedTo !== undefined && link.changedTo !== link.issuer) {
    return none(
      'changed',
      `${origin} now names its issuer "${link.changedTo}"; it was "${link.issuer}" when you linked ${label}. Nothing is filled in until you check the server and link again.`,
      label,
    );
  }
  if (username !== null && username.toLowerCase() !== link.username.toLowerCase()) {
    return none('unlinked', `${label} is linked for ${link.username}, not ${username}. Type the code, or link another account.`, label);
  }
  if (account.otp.type !== 'totp') return none('unlinked', 'The linked account is not a time-based account.', label);
  const window = codeWindow(account.otp, now, nodeHmac);
  const used = input.isUsed(window.code);
  return { state: 'linked', origin, accountLabel: label, code: used ? null : window.code, secondsLeft: Math.max(1, Math.ceil(window.secondsLeft)), used, message: null };
}
