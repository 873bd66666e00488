import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import { FakeKeyProtector, PASSWORD, SECRET, tempDir, totpDraft, vaultErrorOf } from './vault-test-kit';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  path = join(dir, 'vault.json');
});
afterEach(() => cleanup());

describe('creating and unlocking a vault', () => {
  it('starts missing, creates unlocked, and keeps accounts and secrets across a restart', async () => {
    const vault = await VaultService.open({ path });
    expect(vault.status()).toEqual({ state: 'missing', hasKeychainSlot: false, autoLockMinutes: 5 });
    await vault.create(PASSWORD);
    expect(vault.status().state).toBe('unlocked');
    const [added] = await vault.addAccounts([totpDraft(1)]);
    await vault.setSecret('admin-server:1', 'api-key-value');
    // Read before the lock: once locked, an account's secret is zeroed and reading it throws.
    const expected = plain(added);
    await vault.close();

    const restarted = await VaultService.open({ path });
    expect(restarted.status().state).toBe('locked');
    expect(() => restarted.accounts()).toThrow(/locked/);
    await restarted.unlock(PASSWORD);
    expect(restarted.accounts()).toEqual([expected]);
    expect(restarted.getSecret('admin-server:1')).toBe('api-key-value');
    await restarted.close();
  });

  it('never writes secrets or the password in plain form', async () => {
    const vault = await VaultService.open({ path });
    await vault.create(PASSWORD);
    await vault.addAccounts([totpDraft(1)]);
    await vault.setSecret('token', 'very-secret-token');
    const text = await readFile(path, 'utf8');
    for (const needle of [SECRET, 'very-secret-token', PASSWORD, 'Issuer 1', 'user1@example.com']) expect(text).not.toContain(needle);
    expect(JSON.parse(text)).toMatchObject({ format: 'twofold-vault', version: 1, content: { cipher: 'aes-256-gcm' } });
    await vault.close();
  });

  it.skipIf(process.platform === 'win32')('keeps the vault and its backup readable by the owner only', async () => {
    const vault = await VaultService.open({ path: join(dir, 'private', 'vault.json') });
    await vault.create(PASSWORD);
    await vault.setSecret('x', '1');
    expect((await stat(join(dir, 'private', 'vault.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'private', 'vault.json.bak'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'private'))).mode & 0o777).toBe(0o700);
    await vault.close();
  });

  it('uses a fresh nonce on every save', async () => {
    const vault = await VaultService.open({ path });
    await vault.create(PASSWORD);
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await vault.setSecret('n', String(i % 2));
      nonces.add(JSON.parse(await readFile(path, 'utf8')).content.nonce);
    }
    expect(nonces.size).toBe(5);
    await vault.close();
  });

  it('refuses a password shorter than 8 characters and creates nothing', async () => {
    const vault = await VaultService.open({ path });
    const error = await vaultErrorOf(vault.create('short7!'));
    expect(error.code).toBe('weak-password');
    expect(error.message).toMatch(/at least 8 characters/);
    expect(existsSync(path)).toBe(false);
    expect(vault.status().state).toBe('missing');
  });

  it('refuses to create over an existing vault and leaves it byte for byte', async () => {
    const first = await VaultService.open({ path });
    await first.create(PASSWORD);
    await first.addAccounts([totpDraft(1)]);
    await first.close();
    const before = await readFile(path);
    const second = await VaultService.open({ path });
    expect((await vaultErrorOf(second.create('another password'))).code).toBe('vault-exists');
    expect(await readFile(path)).toEqual(before);
  });

  it('rejects a wrong password with "Wrong password." and changes nothing', async () => {
    const vault = await VaultService.open({ path });
    await vault.create(PASSWORD);
    await vault.addAccounts([totpDraft(1)]);
    vault.lock();
    const before = await readFile(path);
    const error = await vaultErrorOf(vault.unlock('not the password'));
    expect(error.code).toBe('wrong-password');
    expect(error.message).toBe('Wrong password.');
    expect(vault.status().state).toBe('locked');
    expect(await readFile(path)).toEqual(before);
    await vault.unlock(PASSWORD);
    expect(vault.accounts()).toHaveLength(1);
    await vault.close();
  });

  it('unlocking a missing vault says so', async () => {
    const vault = await VaultService.open({ path });
    const error = await vaultErrorOf(vault.unlock(PASSWORD));
    expect(error.code).toBe('vault-missing');
    expect(error.message).toContain(path);
  });

  it('locks: accounts and secrets become unreachable and listeners hear it', async () => {
    const vault = await VaultService.open({ path });
    await vault.create(PASSWORD);
    let changes = 0;
    const stop = vault.onChange(() => changes++);
    vault.lock();
    expect(changes).toBe(1);
    expect(vault.status().state).toBe('locked');
    expect((await vaultErrorOf(() => vault.accounts())).code).toBe('vault-locked');
    expect((await vaultErrorOf(() => vault.getSecret('x'))).code).toBe('vault-locked');
    expect((await vaultErrorOf(vault.addAccounts([totpDraft(1)]))).code).toBe('vault-locked');
    stop();
    await vault.unlock(PASSWORD);
    expect(changes).toBe(1);
    await vault.close();
  });
});

describe('changing the password', () => {
  it('re-wraps the key: the old password stops working, the content is untouched', async () => {
    const vault = await VaultService.open({ path });
    await vault.create(PASSWORD);
    const added = plain(await vault.addAccounts([totpDraft(1), totpDraft(2)]));
    const contentBefore = JSON.parse(await readFile(path, 'utf8')).slots[0].kdf.salt;
    await vault.changePassword(PASSWORD, 'a brand new password');
    expect(JSON.parse(await readFile(path, 'utf8')).slots[0].kdf.salt).not.toBe(contentBefore);
    await vault.close();

    const restarted = await VaultService.open({ path });
    expect((await vaultErrorOf(restarted.unlock(PASSWORD))).code).toBe('wrong-password');
    await restarted.unlock('a brand new password');
    expect(restarted.accounts()).toEqual(added);
    await restarted.close();
  });

  it('refuses a wrong current password or a weak new one and changes nothing', async () => {
    const vault = await VaultService.open({ path });
    await vault.create(PASSWORD);
    const before = await readFile(path);
    expect((await vaultErrorOf(vault.changePassword('wrong password', 'a brand new password'))).code).toBe('wrong-password');
    const weak = await vaultErrorOf(vault.changePassword(PASSWORD, 'short'));
    expect(weak.code).toBe('weak-password');
    expect(weak.field).toBe('newPassword');
    expect(await readFile(path)).toEqual(before);
    expect(await vault.verifyPassword(PASSWORD)).toBe(true);
    expect(await vault.verifyPassword('a brand new password')).toBe(false);
    await vault.close();
  });
});

describe('the OS-keychain slot', () => {
  it('unlocks without the password after a restart, and can be turned off', async () => {
    const keychain = new FakeKeyProtector();
    const vault = await VaultService.open({ path, keyProtector: keychain });
    await vault.create(PASSWORD, { keychain: true });
    await vault.addAccounts([totpDraft(1)]);
    expect(vault.status().hasKeychainSlot).toBe(true);
    await vault.close();

    const restarted = await VaultService.open({ path, keyProtector: keychain });
    expect(restarted.status()).toMatchObject({ state: 'locked', hasKeychainSlot: true });
    await restarted.unlockWithKeychain();
    expect(restarted.accounts()).toHaveLength(1);
    await expect(restarted.disableKeychain('not the password')).rejects.toMatchObject({ code: 'wrong-password' });
    await restarted.disableKeychain(PASSWORD);
    expect(restarted.status().hasKeychainSlot).toBe(false);
    restarted.lock();
    expect((await vaultErrorOf(restarted.unlockWithKeychain())).code).toBe('keychain-unavailable');
    await restarted.unlock(PASSWORD);
    expect(restarted.accounts()).toHaveLength(1);
    await restarted.close();
  });

  it('refuses an insecure keychain unless the user opted in', async () => {
    const insecure = new FakeKeyProtector({ available: true, insecure: true, backend: 'basic_text' });
    const vault = await VaultService.open({ path, keyProtector: insecure });
    const refused = await vaultErrorOf(vault.create(PASSWORD, { keychain: true }));
    expect(refused.code).toBe('keychain-insecure');
    expect(refused.message).toContain('basic_text');
    expect(existsSync(path)).toBe(false);
    expect(insecure.calls.protect).toBe(0);

    await vault.create(PASSWORD);
    const before = await readFile(path);
    expect((await vaultErrorOf(vault.enableKeychain({ allowInsecure: false }))).code).toBe('keychain-insecure');
    expect(await readFile(path)).toEqual(before);
    await vault.enableKeychain({ allowInsecure: true });
    expect(vault.status().hasKeychainSlot).toBe(true);
    vault.lock();
    await vault.unlockWithKeychain();
    expect(vault.status().state).toBe('unlocked');
    await vault.close();
  });

  it('reports an unavailable keychain and a keychain that fails to unprotect', async () => {
    const none = new FakeKeyProtector({ available: false, insecure: false, backend: 'none' });
    const noKeychain = await VaultService.open({ path, keyProtector: none });
    expect((await vaultErrorOf(noKeychain.create(PASSWORD, { keychain: true }))).code).toBe('keychain-unavailable');
    const withoutPort = await VaultService.open({ path });
    await withoutPort.create(PASSWORD);
    expect((await vaultErrorOf(withoutPort.enableKeychain({ allowInsecure: true }))).code).toBe('keychain-unavailable');
    await withoutPort.close();

    const keychain = new FakeKeyProtector();
    const vault = await VaultService.open({ path, keyProtector: keychain });
    await vault.unlock(PASSWORD);
    await vault.enableKeychain({ allowInsecure: false });
    vault.lock();
    keychain.failUnprotect = true;
    const failed = await vaultErrorOf(vault.unlockWithKeychain());
    expect(failed.code).toBe('keychain-failed');
    expect(failed.message).toMatch(/password/);
    expect(vault.status().state).toBe('locked');

    // A keychain on another machine (a different fake) cannot open the slot.
    const other = await VaultService.open({ path, keyProtector: new FakeKeyProtector() });
    expect((await vaultErrorOf(other.unlockWithKeychain())).code).toBe('keychain-failed');
  });
});

/** Accounts as plain data (their secrets read while the vault is unlocked). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
