import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import { BUILT_CLI, ensureCliBuilt } from './cli-build';

/**
 * Issue #13.6: recovery codes are key material; the CLI prints how many an account keeps, never
 * the codes (spawned CLI processes over a real vault). The plain otpauth export has no place for
 * them; only the password-encrypted Aegis export carries them.
 */
const PASSWORD = 'cli recovery password';
const CODES = ['7kq4-m2xp-9fhd', '2bqr-88tn-w4ce', 'h3vd-k9pa-tt5m'];
let dir: string;
let vaultPath: string;

beforeAll(async () => {
  ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'twofold-cli-rc-'));
  vaultPath = join(dir, 'vault.json');
  const vault = await VaultService.open({ path: vaultPath });
  await vault.create(PASSWORD);
  await vault.addAccounts([
    {
      issuer: 'GitHub',
      name: 'alice',
      otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
      tags: [],
      favourite: false,
      note: '',
      recoveryCodes: CODES.map((code, i) => ({ code, used: i === 0 })),
    },
  ]);
  await vault.close();
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args, '--vault', vaultPath], {
      env: { PATH: process.env.PATH, HOME: dir, TWOFOLD_PASSWORD: PASSWORD, ...env },
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

const hasCode = (text: string) => CODES.some((code) => text.includes(code) || text.includes(code.replace(/-/g, '')));

describe('the CLI never prints recovery codes', () => {
  it('`twofold list --json` gives the count only', async () => {
    const listed = await run(['list', '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    const [entry] = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({ issuer: 'GitHub', recoveryCodeCount: { total: 3, unused: 2 } });
    expect(hasCode(listed.stdout)).toBe(false);
  }, 60_000);

  it('`twofold list` (table) and the plain otpauth export hold no code', async () => {
    const table = await run(['list']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('GitHub');
    expect(hasCode(table.stdout + table.stderr)).toBe(false);
    const out = join(dir, 'links.txt');
    const uris = await run(['export', '--format', 'uris', '--out', out]);
    expect(uris.status).toBe(0);
    const links = await readFile(out, 'utf8');
    expect(links).toContain('JBSWY3DPEHPK3PXP');
    expect(hasCode(links + uris.stdout + uris.stderr)).toBe(false);
  }, 60_000);
});
