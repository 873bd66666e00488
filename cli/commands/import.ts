import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { ImportError, IMPORT_FORMATS, IMPORT_FORMAT_LABELS, MAX_IMPORT_BYTES, describePreviewAccount, inspectImportFile, planImport, readImportFile, toPreviewAccount, type ImportFormat } from '../../shared/import';
import { CliError, UsageError } from '../cli-errors';
import { printable, type CliIo } from '../cli-io';
import { defineCommand, vaultHelp, vaultOption } from '../command';
import { unlockVault } from '../vault-access';

/**
 * `twofold import <file> [--vault <file>] [--format <name>]`: reads another authenticator's
 * export, then adds its accounts to the vault in one all-or-nothing save and prints what was
 * added, what was already there and what was skipped, and why. The file is read and decrypted
 * before the vault password is asked for, so a bad file never costs a vault unlock.
 * Key material: the file's password comes from TWOFOLD_IMPORT_PASSWORD or a no-echo prompt.
 */
export default defineCommand({
  name: 'import',
  usage: [`twofold import <file> [--vault <file>] [--format ${IMPORT_FORMATS.join('|')}]`],
  help: [
    vaultHelp,
    '  --format <name>  the file\'s format, when detection is not wanted (detected from the content otherwise)',
    'An encrypted export\'s password is read from TWOFOLD_IMPORT_PASSWORD, else asked for without echo.',
  ],
  options: { ...vaultOption, format: { type: 'string' } },
  positionals: { min: 1, max: 1, names: '<file>' },
  async run({ positionals, values, io }) {
    const format = readFormat(values.format);
    const path = resolve(io.cwd, positionals[0]!);
    const file = basename(path);
    const bytes = await readImportBytes(path, file);
    try {
      const inspected = inspectImportFile({ file, bytes, ...(format ? { format } : {}) });
      const password = inspected.encrypted ? await readImportPassword(io, file) : undefined;
      const result = await readImportFile({ file, bytes, ...(format ? { format } : {}), ...(password === undefined ? {} : { password }) }, nodeImportCrypto);
      const vault = await unlockVault(values, io);
      try {
        const plan = planImport(result.format, result.accounts, result.skipped, vault.accounts());
        if (plan.toAdd.length > 0) await vault.addAccounts(plan.toAdd);
        io.out(`${file} (${IMPORT_FORMAT_LABELS[result.format]}): added ${plan.toAdd.length} account${plan.toAdd.length === 1 ? '' : 's'} to ${vault.path}\n`);
        for (const draft of plan.toAdd) io.out(`  + ${printable(describePreviewAccount(toPreviewAccount(draft)))}\n`);
        if (plan.duplicates.length > 0) {
          io.out(`Already in the vault, not added again: ${plan.duplicates.length}\n`);
          for (const draft of plan.duplicates) io.out(`  = ${printable(describePreviewAccount(toPreviewAccount(draft)))}\n`);
        }
        if (plan.skipped.length > 0) {
          io.out(`Skipped: ${plan.skipped.length}\n`);
          for (const skipped of plan.skipped) io.out(`  - ${printable(skipped.entry)}: ${printable(skipped.reason)}\n`);
        }
      } finally {
        await vault.close();
      }
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(`${error.message} Nothing was imported.`);
      throw error;
    }
  },
});

function readFormat(value: unknown): ImportFormat | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (IMPORT_FORMATS as readonly string[]).includes(value)) return value as ImportFormat;
  throw new UsageError(`Unknown format "${String(value)}": use one of ${IMPORT_FORMATS.join(', ')}.`);
}

async function readImportBytes(path: string, file: string): Promise<Uint8Array> {
  const { stat } = await import('node:fs/promises');
  try {
    const { size } = await stat(path);
    if (size > MAX_IMPORT_BYTES) {
      throw new CliError(`${file}: the file is too large to be an authenticator export (${(size / 1048576).toFixed(1)} MB, at most ${MAX_IMPORT_BYTES / 1048576} MB). Nothing was imported.`);
    }
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path. Nothing was imported.`);
  }
}

async function readImportPassword(io: CliIo, file: string): Promise<string> {
  const fromEnv = io.env.TWOFOLD_IMPORT_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const typed = await io.promptHidden(`Password of ${file}: `);
  if (typed === null) throw new CliError(`${file} is encrypted: set TWOFOLD_IMPORT_PASSWORD or run twofold in a terminal to be asked for its password.`);
  return typed;
}
