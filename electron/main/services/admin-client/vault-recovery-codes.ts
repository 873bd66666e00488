import { isRecoveryCode, normalizeRecoveryCode } from '../../../../shared/admin-api';
import type { Account } from '../../../../shared/otp/account';
import type { RecoveryCode } from '../../../../shared/otp/recovery-codes';
import type { AdminServerProfile } from '../../../../shared/settings';
import type { VaultApi } from '../vault';
import { vaultCodeFor } from './server-link';
import { accountLabel } from './vault-codes';

/**
 * The server's recovery codes kept in the vault account LINKED to its profile (issue #13.6).
 * The same rule as OTP codes (server-link.ts): codes are stored into, and taken from, only the
 * account linked to this server's origin, for the user the link was made for, while the server
 * still names the issuer it had at linking. The admin window never receives a stored code:
 * main picks it, sends it to that server, and strikes it once the server accepted it.
 */
export function linkedAccount(input: { profile: AdminServerProfile; accounts: readonly Account[]; username: string | null; now: number }): Account | null {
  const code = vaultCodeFor({ ...input, isUsed: () => false });
  if (code.state !== 'linked') return null;
  return input.accounts.find((a) => a.id === input.profile.link?.accountId) ?? null;
}

/** The stored codes this server could take: unused, and in the server's code format. */
export function usableCodes(account: Account | null): RecoveryCode[] {
  return (account?.recoveryCodes ?? []).filter((c) => !c.used && isRecoveryCode(c.code));
}

/** A new set from the server replaces the stored one: the server voided the old set. Key material. */
export async function storeServerCodes(vault: Pick<VaultApi, 'updateRecoveryCodes'>, account: Account, codes: readonly string[]): Promise<string> {
  await vault.updateRecoveryCodes(account.id, () => codes.map((code) => ({ code, used: false })));
  return accountLabel(account);
}

/** Strikes the stored code the server accepted (compared in the server's canonical form); false when none matched. */
export async function strikeStoredCode(vault: Pick<VaultApi, 'updateRecoveryCodes'>, account: Account, code: string): Promise<boolean> {
  const key = normalizeRecoveryCode(code);
  if (!(account.recoveryCodes ?? []).some((c) => !c.used && normalizeRecoveryCode(c.code) === key)) return false;
  await vault.updateRecoveryCodes(account.id, (current) => current.map((c) => (normalizeRecoveryCode(c.code) === key ? { ...c, used: true } : { ...c })));
  return true;
}
