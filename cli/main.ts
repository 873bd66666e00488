import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SettingsError } from '../shared/settings-error';
import { OtpUriError } from '../shared/otp/otp-errors';
import { VaultError } from '../electron/main/services/vault/vault-types';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli-errors';
import { processIo, type CliIo } from './cli-io';
import type { CliCommand } from './command';
import { commandRegistry, type CommandEntry } from './registry';

/**
 * The `twofold` command line: `main(argv)` returns the exit status (0 success, 1 failure with a
 * one-line message on stderr, 2 usage error with a short usage text). bin/twofold.mjs calls it;
 * `npx tsx cli/main.ts ...` and `node out/node/twofold.js ...` run it directly.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const first = argv[0];
  if (first === undefined) return usageFailure(io, 'Missing command.', globalUsage());
  if (first === '--help' || first === '-h' || first === 'help') {
    const target = argv[1] === undefined ? undefined : findEntry(argv.slice(1));
    if (!target) return print(io, globalUsage());
    return print(io, commandHelp(await loadCommand(target.entry)));
  }
  const match = findEntry(argv);
  if (!match) {
    const group = commandRegistry.filter((e) => e.name.startsWith(`${first} `));
    const message = group.length ? `Unknown ${first} command "${argv[1] ?? ''}".` : `Unknown command "${first}".`;
    return usageFailure(io, message, globalUsage());
  }
  const command = await loadCommand(match.entry);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv.slice(match.words),
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageFailure(io, (error as Error).message, commandUsage(command));
  }
  if (parsed.values.help) return print(io, commandHelp(command));
  const { min, max, names } = command.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min) return usageFailure(io, `Missing ${names ?? 'argument'}.`, commandUsage(command));
  if (parsed.positionals.length > max) {
    return usageFailure(io, `Unexpected argument "${parsed.positionals[max]}".`, commandUsage(command));
  }
  try {
    await command.run({ positionals: parsed.positionals, values: parsed.values, io });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message, commandUsage(command));
    io.err(`twofold: ${oneLine(messageOf(error))}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  }
}

function findEntry(argv: readonly string[]): { entry: CommandEntry; words: number } | undefined {
  let best: { entry: CommandEntry; words: number } | undefined;
  for (const entry of commandRegistry) {
    const words = entry.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.words)) best = { entry, words: words.length };
  }
  return best;
}

async function loadCommand(entry: CommandEntry): Promise<CliCommand> {
  return (await entry.load()).default;
}

/** Errors we expect carry a message written for the user; anything else is a bug, said plainly. */
function messageOf(error: unknown): string {
  if (error instanceof CliError || error instanceof VaultError || error instanceof OtpUriError || error instanceof SettingsError) {
    return error.message;
  }
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

function globalUsage(): string {
  const width = Math.max(...commandRegistry.map((e) => e.name.length));
  return [
    'Usage: twofold <command> [options]',
    '',
    'Commands:',
    ...commandRegistry.map((e) => `  ${e.name.padEnd(width)}  ${e.summary}`),
    '',
    'The vault password is read from --password-fd <n>, else TWOFOLD_PASSWORD (removed from the environment once read), else asked on the terminal.',
    "Run 'twofold <command> --help' for a command's options.",
  ].join('\n');
}

function commandUsage(command: CliCommand): string {
  return [`Usage: ${command.usage[0]}`, ...command.usage.slice(1).map((u) => `       ${u}`), `Run 'twofold ${command.name} --help' for details.`].join('\n');
}

function commandHelp(command: CliCommand): string {
  return [`Usage: ${command.usage[0]}`, ...command.usage.slice(1).map((u) => `       ${u}`), ...(command.help?.length ? ['', ...command.help] : [])].join('\n');
}

function print(io: CliIo, text: string): number {
  io.out(`${text}\n`);
  return EXIT_OK;
}

function usageFailure(io: CliIo, message: string, usage: string): number {
  io.err(`twofold: ${oneLine(message)}\n${usage}\n`);
  return EXIT_USAGE;
}

/** True when this module is the program being run, not a module imported by bin/twofold.mjs. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2));
}
