import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import { open as openSealed } from '../../electron/main/services/vault/vault-crypto';
import { contentAad, parseVaultFile, unb64, type VaultFile } from '../../electron/main/services/vault/vault-format';
import { keychainSlotOf, openPasswordSlot, passwordSlotOf } from '../../electron/main/services/vault/vault-slots';
import { FakeKeyProtector, tempDir, totpDraft } from './vault-test-kit';

/**
 * Issue #12 item 4: changing the password or removing a slot rotates the vault key. A reader of
 * old copies who knows the old password (or holds the old key) opens neither vault.json nor the
 * new .bak, including accounts added after the change.
 */
const OLD = 'the old password 1';
const NEW = 'the new password 2';
let dir: string;
let cleanup: () => Promise<void>;
let path: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  path = join(dir, 'vault.json');
});
afterEach(() => cleanup());

async function fileAt(p: string): Promise<VaultFile> {
  const parsed = parseVaultFile(await readFile(p, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.file;
}
const decrypts = async (key: Buffer, file: VaultFile) =>
  (await openSealed(key, { nonce: unb64(file.content.nonce), ciphertext: unb64(file.content.data), tag: unb64(file.content.tag) }, contentAad(file))) !== null;

describe('key rotation', () => {
  it('after a password change the old password opens neither vault.json nor the new .bak, and the old key decrypts neither', async () => {
    const keychain = new FakeKeyProtector();
    const vault = await VaultService.open({ path, keyProtector: keychain, autoLockMinutes: 0 });
    await vault.create(OLD, { keychain: true });
    await vault.addAccounts([totpDraft(1)]);
    const before = await fileAt(path);
    const oldKey = await openPasswordSlot(passwordSlotOf(before.slots), OLD);
    expect(oldKey).not.toBeNull();

    const oldPasswordOpensNothing = async () => {
      for (const p of [path, `${path}.bak`]) {
        const file = await fileAt(p);
        expect(await openPasswordSlot(passwordSlotOf(file.slots), OLD), p).toBeNull();
        expect(await decrypts(oldKey!, file), p).toBe(false);
        const newKey = await openPasswordSlot(passwordSlotOf(file.slots), NEW);
        expect(newKey && (await decrypts(newKey, file)), p).toBe(true);
      }
    };
    await vault.changePassword(OLD, NEW);
    await oldPasswordOpensNothing();
    // An account added after the change (the finding) is out of the old password's reach too.
    await vault.addAccounts([totpDraft(2)]);
    await oldPasswordOpensNothing();
    // The keychain slot was re-wrapped: it opens the new key.
    expect(keychainSlotOf((await fileAt(path)).slots)).toBeDefined();
    vault.lock();
    await vault.unlockWithKeychain();
    expect(vault.accounts().map((a) => a.issuer)).toEqual(['Issuer 1', 'Issuer 2']);
    vault.lock();
    await expect(vault.unlock(OLD)).rejects.toMatchObject({ code: 'wrong-password' });
    await vault.unlock(NEW);
    expect(vault.accounts()).toHaveLength(2);
    await vault.close();
  });

  it('removing the keychain slot rotates the key: the keychain copy of the old key opens nothing', async () => {
    const keychain = new FakeKeyProtector();
    const vault = await VaultService.open({ path, keyProtector: keychain, autoLockMinutes: 0 });
    await vault.create(OLD, { keychain: true });
    const slot = keychainSlotOf((await fileAt(path)).slots)!;
    const keychainKey = Buffer.from(await keychain.unprotect(unb64(slot.blob)));
    await vault.disableKeychain(OLD);
    for (const p of [path, `${path}.bak`]) {
      const file = await fileAt(p);
      expect(keychainSlotOf(file.slots)).toBeUndefined();
      expect(await decrypts(keychainKey, file), p).toBe(false);
    }
    vault.lock();
    await vault.unlock(OLD);
    await vault.close();
  });

  it('a failed rotation (wrong current password) changes nothing on disk', async () => {
    const vault = await VaultService.open({ path, autoLockMinutes: 0 });
    await vault.create(OLD);
    await vault.addAccounts([totpDraft(1)]);
    const [main, bak] = await Promise.all([readFile(path, 'utf8'), readFile(`${path}.bak`, 'utf8')]);
    await expect(vault.changePassword('wrong password here', NEW)).rejects.toMatchObject({ code: 'wrong-password' });
    expect(await readFile(path, 'utf8')).toBe(main);
    expect(await readFile(`${path}.bak`, 'utf8')).toBe(bak);
    await vault.close();
  });
});
