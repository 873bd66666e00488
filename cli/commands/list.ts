import type { Account, CodeView } from '../../shared/otp';
import { CodesService } from '../../electron/main/services/codes';
import { printable } from '../cli-io';
import { defineCommand, vaultHelp, vaultOption } from '../command';
import { unlockVault } from '../vault-access';

/**
 * `twofold list [--vault <file>] [--json]`. Prints codes, never secrets. HOTP codes are shown
 * for the stored counter without advancing it. Tags: a TAGS column (comma-separated) and a
 * `tags` array in JSON (the single `group` field of older versions is gone with issue #14).
 */
export default defineCommand({
  name: 'list',
  usage: ['twofold list [--vault <file>] [--json]'],
  help: [vaultHelp, '  --json          print a JSON array instead of a table', 'HOTP codes are shown for the stored counter; listing never advances it.', 'Each account\'s tags are shown in the TAGS column (JSON: "tags": [...]).'],
  options: { ...vaultOption, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run({ values, io }) {
    const vault = await unlockVault(values, io);
    try {
      const accounts = vault.accounts();
      const codes = new CodesService(vault).currentCodes(Date.now());
      if (values.json) {
        io.out(`${JSON.stringify(accounts.map((a, i) => listEntry(a, codes[i]!)), null, 2)}\n`);
      } else if (accounts.length === 0) {
        io.out(`The vault is empty. Add an account with: twofold add '<otpauth-uri>' --vault ${vault.path}\n`);
      } else {
        io.out(table(accounts, codes));
      }
    } finally {
      await vault.close();
    }
  },
});

function listEntry(account: Account, view: CodeView) {
  const { otp } = account;
  return {
    id: account.id,
    issuer: account.issuer,
    account: account.name,
    type: otp.type,
    algorithm: otp.algorithm,
    digits: otp.digits,
    ...(otp.type === 'hotp' ? { counter: otp.counter } : { period: otp.period }),
    code: view.code,
    ...(view.type === 'hotp' ? {} : { secondsLeft: Math.ceil(view.secondsLeft) }),
    tags: [...account.tags],
    favourite: account.favourite,
  };
}

function table(accounts: readonly Account[], codes: CodeView[]): string {
  const header = ['ISSUER', 'ACCOUNT', 'TYPE', 'ALGORITHM', 'DIGITS', 'PERIOD/COUNTER', 'CODE', 'TAGS'];
  const rows = accounts.map((a, i) => [
    printable(a.issuer) || '-',
    printable(a.name) || '-',
    a.otp.type,
    a.otp.algorithm,
    String(a.otp.digits),
    a.otp.type === 'hotp' ? `counter ${a.otp.counter}` : `${a.otp.period}s`,
    codes[i]!.code,
    a.tags.map(printable).join(', ') || '-',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => [...r[c]!].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
