import { chmod, lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../electron/main/services/files/private-file';
import { VaultService } from '../../electron/main/services/vault';
import { makeKit, VAULT_PASSWORD } from '../import/service-kit';

/** Issue #12 item 8: exports, backups and the vault are created 0600 and renamed over the target; links are refused. */
let kit: Awaited<ReturnType<typeof makeKit>>;
let dir: string;
beforeAll(async () => {
  kit = await makeKit();
  await kit.vault.addAccounts([{ issuer: 'GitHub', name: 'alice', tags: [], favourite: false, note: '', otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 } } as never]);
  dir = await mkdtemp(join(tmpdir(), 'twofold-private-'));
});
afterAll(async () => {
  await kit.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('writePrivateFile', () => {
  it('an export over an existing 0644 file ends 0600 (the file is replaced, not rewritten)', async () => {
    const target = join(dir, 'links.txt');
    await writeFile(target, 'old content');
    await chmod(target, 0o644);
    const inodeBefore = (await stat(target)).ino;
    kit.dialogs.answers = [target];
    kit.confirm.answer(true);
    expect(await kit.service.exportUris(VAULT_PASSWORD)).toMatchObject({ path: target });
    expect(await mode(target)).toBe(0o600);
    expect((await stat(target)).ino).not.toBe(inodeBefore);
    expect(await readFile(target, 'utf8')).toContain('otpauth://totp/GitHub:alice');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a symbolic link as export target is refused: nothing written where it points, the link stays', async () => {
    const elsewhere = join(dir, 'elsewhere.txt');
    await writeFile(elsewhere, 'someone else\'s file');
    const link = join(dir, 'link.txt');
    await symlink(elsewhere, link);
    kit.dialogs.answers = [link];
    await expect(kit.service.exportAegis(VAULT_PASSWORD, 'export password')).rejects.toMatchObject({ code: 'write-failed', message: /symbolic link/ });
    expect(await readFile(elsewhere, 'utf8')).toBe('someone else\'s file');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a vault file that is a symbolic link is never written through', async () => {
    const real = join(dir, 'real-vault.json');
    const vaultDir = await mkdtemp(join(tmpdir(), 'twofold-linked-'));
    try {
      const vault = await VaultService.open({ path: join(vaultDir, 'vault.json'), autoLockMinutes: 0 });
      await vault.create(VAULT_PASSWORD);
      vault.lock();
      await writeFile(real, await readFile(join(vaultDir, 'vault.json')));
      await rm(join(vaultDir, 'vault.json'));
      await symlink(real, join(vaultDir, 'vault.json'));
      const before = await readFile(real, 'utf8');
      await vault.unlock(VAULT_PASSWORD);
      await expect(vault.setSecret('x', 'y')).rejects.toMatchObject({ code: 'io-error', message: /symbolic link/ });
      expect(await readFile(real, 'utf8')).toBe(before);
      vault.lock();
    } finally {
      await rm(vaultDir, { recursive: true, force: true });
    }
  });

  it('new files are 0600 whatever the umask, and the vault and its backup are 0600', async () => {
    const old = process.umask(0o000);
    try {
      const target = join(dir, 'fresh.bin');
      await writePrivateFile(target, new Uint8Array([1, 2, 3]));
      expect(await mode(target)).toBe(0o600);
    } finally {
      process.umask(old);
    }
    expect(await mode(kit.vaultPath)).toBe(0o600);
    expect(await mode(`${kit.vaultPath}.bak`)).toBe(0o600);
  });
});
