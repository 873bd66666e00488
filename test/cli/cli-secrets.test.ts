import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, ensureCliBuilt } from './cli-build';

/**
 * Issue #12 item 9: the CLI never needs a secret in argv. `twofold add -` / `twofold code -` read
 * the URI from standard input; `--password-fd N` reads the password from a file descriptor; the
 * password variables leave process.env once read.
 */
const PASSWORD = 'cli secret password';
const SECRET = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA';
const URI = `otpauth://totp/Stdin:carol?secret=${SECRET}&issuer=Stdin`;
let dir: string;
let home: string;

beforeAll(async () => {
  ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'twofold-cli-secrets-'));
  home = join(dir, 'home');
  await mkdir(home);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  cmdline: string;
  environ: string;
}

/** Runs the CLI; stdin is written only after /proc/<pid>/cmdline was read, while the process waits for it. */
function run(args: string[], options: { stdin?: string; env?: Record<string, string>; fd3?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      env: { PATH: process.env.PATH, HOME: home, ...options.env },
      cwd: dir,
      stdio: ['pipe', 'pipe', 'pipe', options.fd3 === undefined ? 'ignore' : 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const proc = (file: string) => readFile(`/proc/${child.pid}/${file}`, 'utf8').catch(() => '');
    let cmdline = '';
    let environ = '';
    setTimeout(async () => {
      cmdline = await proc('cmdline');
      environ = await proc('environ');
      if (options.fd3 !== undefined) (child.stdio[3] as NodeJS.WritableStream).end(options.fd3);
      child.stdin!.end(options.stdin ?? '');
    }, 150);
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr, cmdline, environ }));
  });
}

describe('secrets stay out of argv and the environment', () => {
  it('`twofold add -` reads the URI from stdin: the secret never appears in /proc/<pid>/cmdline', async () => {
    const vault = join(dir, 'vault.json');
    expect((await run(['vault', 'init', '--vault', vault, '--password-fd', '3'], { fd3: `${PASSWORD}\n` })).status).toBe(0);
    const added = await run(['add', '-', '--vault', vault, '--password-fd', '3'], { stdin: `${URI}\n`, fd3: `${PASSWORD}\n` });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^Added Stdin: carol/);
    expect(added.cmdline.length).toBeGreaterThan(0);
    expect(added.cmdline).toContain('add\0-\0');
    expect(added.cmdline).not.toContain(SECRET);
    expect(added.environ).not.toContain(PASSWORD);
    const listed = await run(['list', '--vault', vault, '--password-fd', '3'], { fd3: PASSWORD });
    expect(listed.stdout).toMatch(/Stdin/);
    const wrong = await run(['list', '--vault', vault, '--password-fd', '3'], { fd3: 'not it\n' });
    expect(wrong).toMatchObject({ status: 1, stderr: expect.stringMatching(/Wrong password/) });
  });

  it('`twofold code -` reads the URI from stdin and prints the code; empty stdin is a clear error', async () => {
    const code = await run(['code', '-', '--at', '59'], { stdin: 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8' });
    expect(code).toMatchObject({ status: 0, stdout: '94287082\n' });
    const empty = await run(['code', '-']);
    expect(empty).toMatchObject({ status: 1, stderr: expect.stringMatching(/Standard input was empty/) });
  });

  it('TWOFOLD_PASSWORD is removed from process.env once read (nothing started later inherits it)', async () => {
    const { processIo } = await import('../../cli/cli-io');
    process.env.TWOFOLD_PASSWORD = 'from the environment';
    process.env.TWOFOLD_EXPORT_PASSWORD = 'export one';
    const io = processIo();
    expect(io.env.TWOFOLD_PASSWORD).toBe('from the environment');
    expect(process.env.TWOFOLD_PASSWORD).toBeUndefined();
    expect(process.env.TWOFOLD_EXPORT_PASSWORD).toBeUndefined();
  });

  it('a bad --password-fd is a clear error', async () => {
    const result = await run(['list', '--vault', join(dir, 'vault.json'), '--password-fd', 'three']);
    expect(result).toMatchObject({ status: 1, stderr: expect.stringMatching(/--password-fd expects a file descriptor number/) });
  });
});
