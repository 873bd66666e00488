import { isSameAccount, parseOtpauthUri } from '../../shared/otp';
import { CliError } from '../cli-errors';
import { printable } from '../cli-io';
import { defineCommand, vaultHelp, vaultOption } from '../command';
import { unlockVault } from '../vault-access';

/** `twofold add <otpauth-uri> [--vault <file>]`: parses first, so a bad URI never asks for a password. */
export default defineCommand({
  name: 'add',
  usage: ['twofold add <otpauth-uri> [--vault <file>]'],
  help: [vaultHelp, 'Quote the URI: it contains & and ? that the shell would otherwise interpret.'],
  options: { ...vaultOption },
  positionals: { min: 1, max: 1, names: '<otpauth-uri>' },
  async run({ positionals, values, io }) {
    const draft = parseOtpauthUri(positionals[0]!);
    const vault = await unlockVault(values, io);
    try {
      const label = printable([draft.issuer, draft.name].filter(Boolean).join(': ') || '(unnamed)');
      if (vault.accounts().some((a) => isSameAccount(a, draft))) {
        throw new CliError(`${label} is already in the vault (same secret). Nothing was added.`);
      }
      await vault.addAccounts([draft]);
      io.out(`Added ${label} to ${vault.path}\n`);
    } finally {
      await vault.close();
    }
  },
});
