import type { AccountDraft } from '../otp/account';
import { formatOtpauthUri } from '../otp/otpauth-uri';
import { ExportError } from './export-errors';

/**
 * A plain list of otpauth:// URIs, one per line: the format nearly every authenticator imports
 * (Aegis "plain text", Ente, 2FAS, andOTP, KeePassXC...). Tags, favourites and notes have no
 * place in an otpauth URI and are not written.
 *
 * Key material: the result holds every secret unencrypted. The UI shows a warning before writing
 * it, and it goes only to the file the user chose in the save dialog.
 */
export function exportUriList(accounts: readonly Pick<AccountDraft, 'issuer' | 'name' | 'otp'>[]): string {
  if (accounts.length === 0) throw new ExportError('nothing-to-export', 'There are no accounts to export: add some first.');
  return `${accounts.map((account) => formatOtpauthUri(account)).join('\n')}\n`;
}
