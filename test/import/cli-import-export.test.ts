import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/cli-io';
import { VaultService } from '../../electron/main/services/vault';
import { peersDir } from './import-support';

/** `twofold import` and `twofold export`, run in-process through the CLI's main() with a scripted terminal. */
const VAULT_PASSWORD = 'cli vault password';

let dir: string;
let vaultPath: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'twofold-cli-import-'));
  vaultPath = path.join(dir, 'vault.json');
  const vault = await VaultService.open({ path: vaultPath, autoLockMinutes: 0 });
  await vault.create(VAULT_PASSWORD);
  await vault.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function run(argv: string[], env: Record<string, string> = {}, prompts: string[] = []) {
  let out = '';
  let err = '';
  const asked: string[] = [];
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env: { TWOFOLD_PASSWORD: VAULT_PASSWORD, ...env },
    cwd: dir,
    readStdin: () => Promise.reject(new Error('no stdin in this test')),
    readFd: () => {
      throw new Error('no fd in this test');
    },
    promptHidden: (prompt) => {
      asked.push(prompt);
      return Promise.resolve(prompts.shift() ?? null);
    },
  };
  return main(argv, io).then((status) => ({ status, out, err, asked }));
}

async function accountCount(): Promise<number> {
  const vault = await VaultService.open({ path: vaultPath, autoLockMinutes: 0 });
  await vault.unlock(VAULT_PASSWORD);
  const n = vault.accounts().length;
  await vault.close();
  return n;
}

describe('twofold import', () => {
  it('imports an encrypted Aegis backup with TWOFOLD_IMPORT_PASSWORD and prints each account', async () => {
    const r = await run(['import', path.join(peersDir, 'aegis_encrypted.json'), '--vault', vaultPath], { TWOFOLD_IMPORT_PASSWORD: 'test' });
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('aegis_encrypted.json (Aegis backup): added 7 accounts');
    expect(r.out).toContain('  + WWE: Mason (HOTP, SHA512, 8 digits, counter 10300)');
    expect(r.out).toContain('  + Boeing: Sophia (Steam)');
    expect(await accountCount()).toBe(7);
  });

  it('asks for the file password without echo when the variable is not set, and reports duplicates', async () => {
    const r = await run(['import', path.join(peersDir, '2fas_encrypted_v4.2fas'), '--vault', vaultPath], {}, ['test']);
    expect(r.asked).toEqual(['Password of 2fas_encrypted_v4.2fas: ']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('added 0 accounts');
    expect(r.out).toContain('Already in the vault, not added again: 5');
    expect(await accountCount()).toBe(7);
  });

  it('prints what was skipped and why', async () => {
    const json = JSON.parse(await readFile(path.join(peersDir, 'aegis_plain.json'), 'utf8'));
    json.db.entries[0].type = 'motp';
    json.db.entries[1].info.secret = 'GEZDGNBVGY3TQOJQ';
    await writeFile(path.join(dir, 'motp.json'), JSON.stringify(json));
    const r = await run(['import', 'motp.json', '--vault', vaultPath, '--format', 'aegis']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('added 1 account ');
    expect(r.out).toMatch(/Skipped: 1\n {2}- entry 1 \(Deno: Mason\): mOTP/);
  });

  it('a wrong file password fails with one line, before the vault is touched', async () => {
    const before = await readFile(vaultPath);
    const r = await run(['import', path.join(peersDir, 'aegis_encrypted.json'), '--vault', vaultPath], { TWOFOLD_IMPORT_PASSWORD: 'nope' });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^twofold: aegis_encrypted\.json: Wrong password .* Nothing was imported\.\n$/);
    expect((await readFile(vaultPath)).equals(before)).toBe(true);
  });

  it('a wrong --format is a usage error; a file of another format is refused', async () => {
    expect((await run(['import', 'x', '--format', 'keepass'])).status).toBe(2);
    const r = await run(['import', path.join(peersDir, 'bitwarden_export.json'), '--vault', vaultPath, '--format', 'aegis']);
    expect(r.status).toBe(1);
    expect(r.err).toContain('is not a Aegis backup');
  });
});

describe('twofold export', () => {
  it('writes an encrypted Aegis backup that twofold import reads back', async () => {
    const r = await run(['export', '--vault', vaultPath, '--format', 'aegis', '--out', 'backup.json'], { TWOFOLD_EXPORT_PASSWORD: 'export password' });
    expect(r.status).toBe(0);
    expect(r.err).toContain('Exported 8 accounts to');
    expect((await stat(path.join(dir, 'backup.json'))).mode & 0o777).toBe(0o600);
    const again = await run(['export', '--vault', vaultPath, '--format', 'aegis', '--out', 'backup.json'], { TWOFOLD_EXPORT_PASSWORD: 'export password' });
    expect(again.status).toBe(1);
    expect(again.err).toContain('already exists');
    const back = await run(['import', 'backup.json', '--vault', vaultPath], { TWOFOLD_IMPORT_PASSWORD: 'export password' });
    expect(back.out).toContain('Already in the vault, not added again: 8');
  });

  it('prints a URI list to stdout with a warning on stderr', async () => {
    const r = await run(['export', '--vault', vaultPath, '--format', 'uris']);
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/NOT encrypted/);
    expect(r.out.trim().split('\n')).toHaveLength(8);
    expect(r.out).toContain('otpauth://hotp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE&algorithm=SHA512&digits=8&counter=10300');
  });

  it('asks twice for the export password and refuses a short or mismatched one before unlocking', async () => {
    const short = await run(['export', '--vault', vaultPath, '--format', 'aegis'], {}, ['short']);
    expect(short.status).toBe(1);
    expect(short.err).toMatch(/at least 8 characters/);
    const mismatch = await run(['export', '--vault', vaultPath, '--format', 'aegis'], {}, ['long enough 1', 'long enough 2']);
    expect(mismatch.err).toMatch(/do not match/);
    expect((await run(['export', '--vault', vaultPath])).status).toBe(2);
  });
});
