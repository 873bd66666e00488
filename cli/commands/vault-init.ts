import { VaultService } from '../../electron/main/services/vault';
import { passwordFdOf, readNewPassword } from '../cli-io';
import { defineCommand, vaultHelp, vaultOption } from '../command';
import { vaultPathFrom } from '../vault-access';
import { CliError } from '../cli-errors';

/** `twofold vault init [--vault <file>]`: a new, empty vault protected by a password. */
export default defineCommand({
  name: 'vault init',
  usage: ['twofold vault init [--vault <file>]'],
  help: [vaultHelp, 'The password comes from --password-fd, TWOFOLD_PASSWORD, or is asked twice on the terminal.'],
  options: { ...vaultOption },
  positionals: { min: 0, max: 0 },
  async run({ values, io }) {
    const path = vaultPathFrom(values, io);
    const vault = await VaultService.open({ path, autoLockMinutes: 0 });
    if (vault.status().state !== 'missing') {
      throw new CliError(`A vault already exists at ${path}. Nothing was changed; use --vault to create another one elsewhere.`);
    }
    await vault.create(await readNewPassword(io, passwordFdOf(values)));
    await vault.close();
    io.out(`Created an empty vault at ${path}\n`);
  },
});
