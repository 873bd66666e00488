import { readSync } from 'node:fs';
import { CliError } from './cli-errors';

/** The CLI's contact with the outside world, injectable so commands stay testable. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads a line without echoing it; null when there is no terminal to ask on. */
  promptHidden(prompt: string): Promise<string | null>;
  /** All of standard input, up to `maxBytes` (more is an error). Key material: may be a URI with a secret. */
  readStdin(maxBytes: number): Promise<string>;
  /** The first line of file descriptor `fd`, up to `maxBytes` (`--password-fd`). Key material. */
  readFd(fd: number, maxBytes: number): string;
}

/**
 * Environment variables that carry passwords. processIo() takes them out of `process.env` at
 * start, so nothing the CLI starts later (worker threads, child processes) inherits them and no
 * code can print them with the environment. DESIGN: this cannot scrub the copy the kernel keeps
 * for /proc/<pid>/environ (readable by the same user only); `--password-fd` avoids the
 * environment altogether.
 */
export const PASSWORD_ENV_VARS = ['TWOFOLD_PASSWORD', 'TWOFOLD_EXPORT_PASSWORD', 'TWOFOLD_IMPORT_PASSWORD'] as const;

export function processIo(): CliIo {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of PASSWORD_ENV_VARS) delete process.env[name];
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env,
    cwd: process.cwd(),
    promptHidden: (prompt) => promptHiddenOnTty(prompt),
    readStdin: (maxBytes) => readAllStdin(maxBytes),
    readFd: (fd, maxBytes) => readFirstLine(fd, maxBytes),
  };
}

async function readAllStdin(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new CliError(`Standard input is longer than ${maxBytes} bytes: give one otpauth:// URI.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readFirstLine(fd: number, maxBytes: number): string {
  const buffer = Buffer.alloc(maxBytes);
  let length = 0;
  try {
    while (length < maxBytes) {
      const read = readSync(fd, buffer, length, maxBytes - length, null);
      if (read === 0) break;
      length += read;
      if (buffer.subarray(0, length).includes(0x0a)) break;
    }
  } catch (error) {
    throw new CliError(`Cannot read the password from file descriptor ${fd} (${(error as NodeJS.ErrnoException).code ?? 'error'}): open it for reading, e.g. 3< file.`);
  }
  const text = buffer.subarray(0, length).toString('utf8');
  buffer.fill(0);
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line === '') throw new CliError(`File descriptor ${fd} gave no password (it was empty).`);
  return line;
}

/** `-` as the URI argument: read it from standard input (so the secret is never in argv). */
export async function uriArgument(given: string, io: CliIo): Promise<string> {
  if (given !== '-') return given;
  const text = (await io.readStdin(65_536)).trim();
  if (text === '') throw new CliError('Standard input was empty: pipe one otpauth:// URI into the command, e.g. twofold add - < uri.txt');
  return text;
}

/** `--password-fd N`: a non-negative integer file descriptor, or undefined. */
export function passwordFdOf(values: Record<string, unknown>): number | undefined {
  const raw = values['password-fd'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,4}$/.test(raw)) throw new CliError(`--password-fd expects a file descriptor number such as 3, not "${String(raw)}".`);
  return Number(raw);
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

/** Reads the vault password: --password-fd, else TWOFOLD_PASSWORD, else a hidden prompt on the terminal. */
export async function readPassword(io: CliIo, prompt = 'Vault password: ', fd?: number): Promise<string> {
  if (fd !== undefined) return io.readFd(fd, 4096);
  const fromEnv = io.env.TWOFOLD_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const typed = await io.promptHidden(prompt);
  if (typed === null) throw new CliError('No password: set TWOFOLD_PASSWORD or run twofold in a terminal to be asked for it.');
  return typed;
}

/** Reads a new password twice (or once from TWOFOLD_PASSWORD) and checks that both agree. */
export async function readNewPassword(io: CliIo, fd?: number): Promise<string> {
  if (fd !== undefined) return io.readFd(fd, 4096);
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
