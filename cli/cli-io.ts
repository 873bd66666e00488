import { CliError } from './cli-errors';

/** The CLI's contact with the outside world, injectable so commands stay testable. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads a line without echoing it; null when there is no terminal to ask on. */
  promptHidden(prompt: string): Promise<string | null>;
}

export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    promptHidden: (prompt) => promptHiddenOnTty(prompt),
  };
}

/**
 * Asks on the terminal with echo off (raw mode), so the password never appears on screen or in
 * the scroll-back. The prompt goes to stderr so stdout stays clean for pipes.
 * Key material: the returned string is a password; callers never print it.
 */
async function promptHiddenOnTty(prompt: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) return null;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') return finish(() => resolve(typed));
          if (char === '\u0003' || (char === '\u0004' && typed === '')) return finish(() => reject(new CliError('Cancelled.', 130)));
          if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
          else if (char >= ' ') typed += char;
        }
      };
      const finish = (settle: () => void) => {
        input.off('data', onData);
        settle();
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
  }
}

/** Reads the vault password: TWOFOLD_PASSWORD, else a hidden prompt on the terminal. */
export async function readPassword(io: CliIo, prompt = 'Vault password: '): Promise<string> {
  const fromEnv = io.env.TWOFOLD_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const typed = await io.promptHidden(prompt);
  if (typed === null) throw new CliError('No password: set TWOFOLD_PASSWORD or run twofold in a terminal to be asked for it.');
  return typed;
}

/** Reads a new password twice (or once from TWOFOLD_PASSWORD) and checks that both agree. */
export async function readNewPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env.TWOFOLD_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await readPassword(io, 'New vault password (at least 8 characters): ');
  const second = await readPassword(io, 'Repeat the password: ');
  if (first !== second) throw new CliError('The two passwords do not match. Nothing was created; run the command again.');
  return first;
}

/** Replaces control characters so a label from a QR code cannot drive the terminal. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD');
}
