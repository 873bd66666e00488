import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io';

/** Option values as `node:util` parseArgs returns them. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  /** Positional arguments after the command's name. */
  positionals: string[];
  values: OptionValues;
  io: CliIo;
}

/**
 * One `twofold` command. A command is one file under cli/commands/ whose default export is a
 * `CliCommand`, plus one line in cli/registry.ts.
 */
export interface CliCommand {
  /** Words that select it, e.g. "vault init". */
  name: string;
  /** Usage lines, e.g. "twofold code <otpauth-uri> [--at <unix-seconds>]". */
  usage: string[];
  /** Option descriptions for `--help`, one "  --flag  what it does" line each. */
  help?: string[];
  /** parseArgs option definitions (`--help` is added for every command). */
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Number of positional arguments accepted; anything else is a usage error. */
  positionals?: { min: number; max: number; names?: string };
  /** Does the work. Returns nothing on success; throws CliError / UsageError / VaultError. */
  run(context: CommandContext): Promise<void>;
}

/** Identity helper that gives a command object its type. */
export const defineCommand = (command: CliCommand): CliCommand => command;

/** The `--vault <file>` option shared by the commands that open a vault. */
export const vaultOption = { vault: { type: 'string' }, 'password-fd': { type: 'string' } } as const;
export const vaultHelp =
  '  --vault <file>  the vault file (default: the app\'s, <userData>/vault.json)\n  --password-fd <n>  read the vault password from file descriptor n (e.g. 3< pwfile), not the environment';
