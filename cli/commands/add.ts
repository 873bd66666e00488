import { isSameAccount, parseOtpauthUri } from '../../shared/otp';
import { checkTags } from '../../shared/otp/tags';
import { CliError } from '../cli-errors';
import { printable, uriArgument } from '../cli-io';
import { defineCommand, vaultHelp, vaultOption } from '../command';
import { unlockVault } from '../vault-access';

/**
 * `twofold add <otpauth-uri> [--tag <name>]... [--vault <file>]`: parses the URI and checks the
 * tags (the shared rules of shared/otp/tags.ts) first, so bad input never asks for a password.
 */
export default defineCommand({
  name: 'add',
  usage: ['twofold add <otpauth-uri | -> [--tag <name>]... [--vault <file>] [--password-fd <n>]'],
  help: [
    vaultHelp,
    '  --tag <name>    tag the account (repeat for several tags)',
    'Give - to read the URI from standard input: then its secret is not in the process list or shell history.',
  ],
  options: { ...vaultOption, tag: { type: 'string', multiple: true } },
  positionals: { min: 1, max: 1, names: '<otpauth-uri>' },
  async run({ positionals, values, io }) {
    const tags = checkTags(Array.isArray(values.tag) ? values.tag : []);
    if (!tags.ok) throw new CliError(`--tag: ${tags.message} Nothing was added.`);
    const draft = { ...parseOtpauthUri(await uriArgument(positionals[0]!, io)), tags: tags.tags };
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
