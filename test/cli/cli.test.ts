import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import type { VaultSeen } from '../../electron/main/services/vault/vault-service';
import { BIN, ensureCliBuilt } from './cli-build';

/** The real `twofold` command, as a child process, against the built out/node/twofold.js. */

const PASSWORD = 'cli test password';
const TOTP_URI = 'otpauth://totp/ACME%20Co:ana@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co';
const SHA256_URI = 'otpauth://totp/Bank:ana?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&algorithm=SHA256&digits=8&period=60';
const HOTP_URI = 'otpauth://hotp/Legacy:bob?secret=GEZDGNBVGY3TQOJQ&counter=5';

let dir: string;
let home: string;

beforeAll(async () => {
  ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'twofold-cli-'));
  home = join(dir, 'home');
  await mkdir(home);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

function twofold(args: string[], env: Record<string, string | undefined> = { TWOFOLD_PASSWORD: PASSWORD }, bin = BIN): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      // HOME points into the temp dir so a default --vault can never touch a real vault.
      { env: { PATH: process.env.PATH, HOME: home, ...env }, cwd: dir, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ status: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const oathtool = (args: string[]) => execFileSync('oathtool', args, { encoding: 'utf8' }).trim();

function expectOneLineError(result: Result, status: number, pattern: RegExp): void {
  expect(result.status).toBe(status);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^twofold: /);
  expect(result.stderr).toMatch(pattern);
}

describe('usage', () => {
  it('--help lists every command and exits 0', async () => {
    const result = await twofold(['--help']);
    expect(result.status).toBe(0);
    for (const name of ['code', 'vault init', 'add', 'list']) expect(result.stdout).toContain(`  ${name}`);
    const codeHelp = await twofold(['code', '--help']);
    expect(codeHelp.status).toBe(0);
    expect(codeHelp.stdout).toMatch(/twofold code <otpauth-uri \| -> \[--at <unix-seconds>\]/);
  });

  it.each([
    [[], /Missing command/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['vault', 'explode'], /Unknown vault command "explode"/],
    [['code'], /Missing <otpauth-uri>/],
    [['code', TOTP_URI, 'extra'], /Unexpected argument "extra"/],
    [['code', TOTP_URI, '--bogus'], /--bogus/],
    [['code', TOTP_URI, '--at', 'yesterday'], /--at expects Unix seconds/],
    [['list', '--vault'], /--vault/],
  ])('%j is a usage error: exit 2 with a short usage text', async (args, pattern) => {
    const result = await twofold(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).toMatch(/Usage: twofold/);
  });

  it('the launcher says to build when out/node/twofold.js is missing', async () => {
    const bare = join(dir, 'unbuilt', 'bin');
    await mkdir(bare, { recursive: true });
    await copyFile(BIN, join(bare, 'twofold.mjs'));
    expectOneLineError(await twofold(['--help'], {}, join(bare, 'twofold.mjs')), 1, /npm run build/);
  });
});

describe('twofold code', () => {
  it.each([
    [TOTP_URI, ['--totp', '-b', 'JBSWY3DPEHPK3PXP']],
    [SHA256_URI, ['--totp=sha256', '-d', '8', '-s', '60', '-b', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA']],
  ])('--at gives the same code as oathtool (%s)', async (uri, oathArgs) => {
    for (const at of [0, 59, 1_700_000_000, 2_000_000_029]) {
      const result = await twofold(['code', uri, '--at', String(at)]);
      expect(result).toEqual({ status: 0, stdout: `${oathtool([...oathArgs, '-N', `@${at}`])}\n`, stderr: '' });
    }
  });

  it('prints the HOTP code of the URI counter, like oathtool -c', async () => {
    expect((await twofold(['code', HOTP_URI])).stdout).toBe(`${oathtool(['-b', '-c', '5', 'GEZDGNBVGY3TQOJQ'])}\n`);
  });

  it('a bad URI exits 1 with one line saying what is wrong', async () => {
    expectOneLineError(await twofold(['code', 'otpauth://totp/x?secret=not*base32']), 1, /not base32/);
    expectOneLineError(await twofold(['code', 'https://example.com']), 1, /otpauth/);
  });
});

describe('a vault through the CLI', () => {
  const vault = () => join(dir, 'round-trip.json');
  let created: Result[] = [];

  // Every test below works on this vault, made through the CLI itself.
  beforeAll(async () => {
    created = [await twofold(['vault', 'init', '--vault', vault()])];
    created.push(await twofold(['add', TOTP_URI, '--vault', vault(), '--tag', 'work', '--tag', ' bank ', '--tag', 'WORK']));
    for (const uri of [SHA256_URI, HOTP_URI]) created.push(await twofold(['add', uri, '--vault', vault()]));
  }, 60_000);

  it('init, add, list and list --json round-trip, printing codes and never secrets', async () => {
    expect(created[0]).toEqual({ status: 0, stdout: `Created an empty vault at ${vault()}\n`, stderr: '' });
    for (const added of created.slice(1)) {
      expect(added).toMatchObject({ status: 0, stderr: '' });
      expect(added.stdout).toMatch(/^Added .* to /);
    }

    const json = await twofold(['list', '--vault', vault(), '--json']);
    expect(json.status).toBe(0);
    const entries = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(entries).toMatchObject([
      { issuer: 'ACME Co', account: 'ana@example.com', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, code: expect.stringMatching(/^\d{6}$/), tags: ['work', 'bank'] },
      { issuer: 'Bank', account: 'ana', type: 'totp', algorithm: 'SHA256', digits: 8, period: 60, code: expect.stringMatching(/^\d{8}$/), tags: [] },
      { issuer: 'Legacy', account: 'bob', type: 'hotp', algorithm: 'SHA1', digits: 6, counter: 5, code: oathtool(['-b', '-c', '5', 'GEZDGNBVGY3TQOJQ']), tags: [] },
    ]);
    expect(json.stdout).not.toMatch(/secret|JBSWY3DPEHPK3PXP|GEZDGNBVGY3TQOJQ/i);

    const table = await twofold(['list', '--vault', vault()]);
    expect(table.status).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ISSUER\s+ACCOUNT\s+TYPE\s+ALGORITHM\s+DIGITS\s+PERIOD\/COUNTER\s+CODE\s+TAGS$/);
    const codeColumn = lines[0]!.indexOf('CODE');
    const tagsColumn = lines[0]!.indexOf('TAGS');
    // Aligned: every code starts under CODE. (TOTP codes may have rolled over since the --json run.)
    for (const [i, line] of lines.slice(1).entries()) expect(line.slice(codeColumn, tagsColumn).trimEnd()).toMatch(new RegExp(`^\\d{${entries[i]!.digits}}$`));
    expect(lines[3]!.slice(codeColumn, tagsColumn).trimEnd()).toBe(entries[2]!.code);
    expect(lines.slice(1).map((line) => line.slice(tagsColumn))).toEqual(['work, bank', '-', '-']);
    expect(lines[3]).toMatch(/^Legacy\s+bob\s+hotp\s+SHA1\s+6\s+counter 5\s+/);
    expect(table.stdout).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('refuses a --tag with a control character, naming it, before asking for the password', async () => {
    const before = await readFile(vault());
    const result = await twofold(['add', 'otpauth://totp/New:x?secret=MFRGGZDFMZTWQ2LK', '--vault', vault(), '--tag', 'ok', '--tag', 'b\u0007ad'], {});
    expectOneLineError(result, 1, /--tag: The tag "b<U\+0007>ad" contains an invisible control or formatting character \(U\+0007\)/);
    expect(result.stderr).not.toContain('\u0007');
    expect(await readFile(vault())).toEqual(before);
  });

  it('refuses to init over an existing vault or add a duplicate, changing nothing', async () => {
    const before = await readFile(vault());
    expectOneLineError(await twofold(['vault', 'init', '--vault', vault()]), 1, /already exists/);
    expectOneLineError(await twofold(['add', TOTP_URI, '--vault', vault()]), 1, /already in the vault/);
    expect(await readFile(vault())).toEqual(before);
  });

  it('a wrong password exits 1 with "Wrong password." and changes nothing', async () => {
    const before = await readFile(vault());
    expectOneLineError(await twofold(['list', '--vault', vault()], { TWOFOLD_PASSWORD: 'not the password' }), 1, /wrong password/i);
    expectOneLineError(await twofold(['add', HOTP_URI.replace('bob', 'carol'), '--vault', vault()], { TWOFOLD_PASSWORD: 'nope nope nope' }), 1, /wrong password/i);
    expect(await readFile(vault())).toEqual(before);
  });

  it('without TWOFOLD_PASSWORD and without a terminal it says how to give the password', async () => {
    expectOneLineError(await twofold(['list', '--vault', vault()], {}), 1, /TWOFOLD_PASSWORD/);
  });

  it('a corrupt vault exits 1 naming the file, and is left as it was', async () => {
    const corrupt = join(dir, 'corrupt.json');
    const text = (await readFile(vault(), 'utf8')).replace(/"data": "(.)/, (_m, c: string) => `"data": "${c === 'A' ? 'B' : 'A'}`);
    await writeFile(corrupt, text);
    const result = await twofold(['list', '--vault', corrupt]);
    expectOneLineError(result, 1, /cannot be read/);
    expect(result.stderr).toContain(corrupt);
    expect(await readFile(corrupt, 'utf8')).toBe(text);
  });

  it('a missing vault exits 1 and says how to create one', async () => {
    expectOneLineError(await twofold(['list', '--vault', join(dir, 'nope.json')]), 1, /twofold vault init --vault/);
  });

  it('a weak password is refused at init and nothing is created', async () => {
    const path = join(dir, 'weak.json');
    expectOneLineError(await twofold(['vault', 'init', '--vault', path], { TWOFOLD_PASSWORD: 'short' }), 1, /at least 8 characters/);
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });

  it('without --vault it uses the app vault under the userData folder', async () => {
    expect((await twofold(['vault', 'init'])).status).toBe(0);
    await readFile(join(home, '.config', 'Twofold', 'vault.json'));
    expect((await twofold(['add', TOTP_URI])).status).toBe(0);
    expect(JSON.parse((await twofold(['list', '--json'])).stdout)).toHaveLength(1);
  });
});

describe('an older copy of the vault (issue #12 item 6)', () => {
  it('is refused when the app has seen a newer change of the same vault; the newer file still opens', async () => {
    const path = join(dir, 'rollback.json');
    const older = join(dir, 'rollback-older.json');
    expect((await twofold(['vault', 'init', '--vault', path])).status).toBe(0);
    expect((await twofold(['add', TOTP_URI, '--vault', path])).status).toBe(0);
    await copyFile(path, older);
    expect((await twofold(['add', HOTP_URI, '--vault', path])).status).toBe(0);
    // What the app records in its settings when it opens the newer file.
    let seen: VaultSeen | null = null;
    const vault = await VaultService.open({ path, autoLockMinutes: 0, rollback: { lastSeen: () => null, record: (s) => (seen = s), confirmOlder: () => Promise.resolve(false) } });
    await vault.unlock(PASSWORD);
    await vault.close();
    expect(seen).not.toBeNull();
    const settingsDir = join(home, '.config', 'Twofold');
    await mkdir(settingsDir, { recursive: true });
    await writeFile(join(settingsDir, 'settings.json'), JSON.stringify({ vaultSeen: seen }));
    try {
      const refused = await twofold(['list', '--json', '--vault', older]);
      expect(refused.status).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/is an older copy of your vault than the one Twofold last opened.*open it once in the Twofold app/);
      expect(refused.stderr).not.toContain('JBSWY3DPEHPK3PXP');
      const newer = await twofold(['list', '--json', '--vault', path]);
      expect(newer.status).toBe(0);
      expect(JSON.parse(newer.stdout)).toHaveLength(2);
    } finally {
      await rm(join(settingsDir, 'settings.json'), { force: true });
    }
  });
});

describe('asking for the password on a terminal', () => {
  const hasPython = (() => {
    try {
      execFileSync('python3', ['-c', 'import pty']);
      return true;
    } catch {
      return false;
    }
  })();
  const onPty = (answers: string[], args: string[]): Promise<Result> =>
    new Promise((resolve) => {
      execFile(
        'python3',
        [join(import.meta.dirname, 'pty-run.py'), answers.join('\n'), process.execPath, BIN, ...args],
        { env: { PATH: process.env.PATH, HOME: home }, cwd: dir, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ status: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      );
    });

  it.skipIf(!hasPython)('init asks twice without echo, list asks once; a mismatch creates nothing', async () => {
    const path = join(dir, 'tty.json');
    const mismatch = await onPty(['first password', 'second password'], ['vault', 'init', '--vault', path]);
    expect(mismatch.status).toBe(1);
    expect(mismatch.stdout).toMatch(/do not match/);
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);

    const init = await onPty(['typed password', 'typed password'], ['vault', 'init', '--vault', path]);
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/New vault password.*:[\s\S]*Repeat the password:/);
    expect(init.stdout).not.toContain('typed password');

    const list = await onPty(['typed password'], ['list', '--vault', path]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/Vault password:/);
    expect(list.stdout).toMatch(/The vault is empty/);
    expect(list.stdout).not.toContain('typed password');
  }, 120_000);
});
