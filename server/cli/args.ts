/** A minimal argument parser: positionals, `--flag value`, `--flag=value` and boolean flags. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

const BOOLEAN_FLAGS = new Set(['insecure-fast-hash', 'help']);

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') {
      options.set('help', true);
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      if (eq > 0) options.set(name, arg.slice(eq + 1));
      else if (BOOLEAN_FLAGS.has(name)) options.set(name, true);
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
        options.set(name, value);
        i++;
      }
    } else positionals.push(arg);
  }
  return { positionals, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value.`);
  return v;
}

/** Refuses options a command does not know, so a typo is not silently ignored. */
export function allowOnly(args: ParsedArgs, allowed: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!allowed.includes(name) && name !== 'help') throw new UsageError(`Unknown option --${name}. Allowed here: ${allowed.map((a) => `--${a}`).join(', ')}.`);
  }
}
