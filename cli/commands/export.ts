import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { ExportError, assertExportPassword, exportAegisEncrypted, exportUriList } from '../../shared/export';
import { CliError, UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { defineCommand, vaultHelp, vaultOption } from '../command';
import { unlockVault } from '../vault-access';

/**
 * `twofold export [--vault <file>] --format aegis|uris [--out <file>]`: writes every account as
 * an encrypted Aegis backup (Aegis opens it) or as a plain otpauth URI list, to --out or stdout.
 * --out never replaces an existing file and creates it readable by the user only (0600).
 * Key material: the Aegis password comes from TWOFOLD_EXPORT_PASSWORD or a no-echo prompt (asked
 * twice); a URI list holds every secret in clear, which the command says on stderr.
 */
export default defineCommand({
  name: 'export',
  usage: ['twofold export --format aegis|uris [--vault <file>] [--out <file>]'],
  help: [
    vaultHelp,
    '  --format aegis  an encrypted Aegis backup (password from TWOFOLD_EXPORT_PASSWORD, else asked for)',
    '  --format uris   a plain list of otpauth:// links: UNENCRYPTED, every secret readable',
    '  --out <file>    write to this new file (default: standard output)',
  ],
  options: { ...vaultOption, format: { type: 'string' }, out: { type: 'string' } },
  async run({ values, io }) {
    const format = values.format;
    if (format !== 'aegis' && format !== 'uris') throw new UsageError(format === undefined ? 'Missing --format (aegis or uris).' : `Unknown format "${String(format)}": use aegis or uris.`);
    const out = typeof values.out === 'string' ? resolve(io.cwd, values.out) : undefined;
    const exportPassword = format === 'aegis' ? await readExportPassword(io) : undefined;
    const vault = await unlockVault(values, io);
    let text: string;
    let count: number;
    try {
      const accounts = vault.accounts();
      count = accounts.length;
      text = exportPassword === undefined ? exportUriList(accounts) : await exportAegisEncrypted(accounts, exportPassword, nodeImportCrypto);
    } catch (error) {
      if (error instanceof ExportError) throw new CliError(error.message);
      throw error;
    } finally {
      await vault.close();
    }
    if (format === 'uris') io.err('Warning: this export is NOT encrypted. Anyone who reads it can generate your codes: keep it safe and delete it once imported.\n');
    if (out === undefined) {
      io.out(text);
      return;
    }
    try {
      await writeFile(out, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(code === 'EEXIST' ? `${out} already exists: choose a new file name (an export never replaces a file).` : `Cannot write ${out} (${code ?? 'error'}).`);
    }
    io.err(`Exported ${count} account${count === 1 ? '' : 's'} to ${out}\n`);
  },
});

async function readExportPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env.TWOFOLD_EXPORT_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return checkStrength(fromEnv);
  const first = await io.promptHidden('Password for the Aegis export (at least 8 characters): ');
  if (first === null) throw new CliError('No export password: set TWOFOLD_EXPORT_PASSWORD or run twofold in a terminal to be asked for it.');
  checkStrength(first);
  const second = await io.promptHidden('Repeat the export password: ');
  if (first !== second) throw new CliError('The two passwords do not match. Nothing was exported.');
  return first;
}

/** Refuses a weak export password before the vault is unlocked. */
function checkStrength(password: string): string {
  try {
    assertExportPassword(password);
  } catch (error) {
    if (error instanceof ExportError) throw new CliError(error.message);
    throw error;
  }
  return password;
}
