import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPathOf, VaultService } from '../../electron/main/services/vault';
import { hotpDraft, PASSWORD, tempDir, totpDraft, vaultErrorOf } from './vault-test-kit';

let cleanup: () => Promise<void>;
let path: string;
let vault: VaultService;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  path = join(dir, 'vault.json');
  vault = await VaultService.open({ path });
  await vault.create(PASSWORD);
});
afterEach(async () => {
  await vault.close();
  await cleanup();
});

async function reopened(): Promise<VaultService> {
  const fresh = await VaultService.open({ path });
  await fresh.unlock(PASSWORD);
  return fresh;
}

describe('accounts', () => {
  it('get stable UUIDs, keep their order, and survive a restart with groups, favourites and notes', async () => {
    const added = await vault.addAccounts([
      { ...totpDraft(1), tags: ['Work'], favourite: true, note: 'recovery codes in the safe' },
      totpDraft(2),
    ]);
    expect(added.map((a) => a.id)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    const fresh = await reopened();
    expect(fresh.accounts()).toEqual(added);
    expect(fresh.accounts()[0]).toMatchObject({ tags: ['Work'], favourite: true, note: 'recovery codes in the safe' });
    await fresh.close();
  });

  it('adds all drafts or none: one bad draft leaves the vault and the file untouched', async () => {
    await vault.addAccounts([totpDraft(1)]);
    const before = await readFile(path);
    const bad = { ...totpDraft(3), otp: { ...totpDraft(3).otp, secret: 'not base32!' } };
    const error = await vaultErrorOf(vault.addAccounts([totpDraft(2), bad]));
    expect(error.code).toBe('invalid-account');
    expect(error.message).toMatch(/Account 2 of 2 \(Issuer 3: user3@example.com\)/);
    expect(error.message).toMatch(/Nothing was added/);
    expect(error.field).toBe('otp.secret');
    expect(vault.accounts()).toHaveLength(1);
    expect(await readFile(path)).toEqual(before);
  });

  it('updates, removes and reorders; a reorder must be a permutation', async () => {
    const [a, b, c] = await vault.addAccounts([totpDraft(1), totpDraft(2), totpDraft(3)]);
    const renamed = await vault.updateAccount(b!.id, { issuer: 'Renamed', tags: ['Home'], favourite: true });
    expect(renamed).toMatchObject({ id: b!.id, issuer: 'Renamed', name: b!.name, tags: ['Home'], favourite: true, otp: b!.otp });
    await vault.reorder([c!.id, a!.id, b!.id]);
    expect(vault.accounts().map((x) => x.id)).toEqual([c!.id, a!.id, b!.id]);

    for (const ids of [[a!.id, b!.id], [a!.id, a!.id, b!.id], [a!.id, b!.id, 'x'], [a!.id, b!.id, c!.id, c!.id]]) {
      expect((await vaultErrorOf(vault.reorder(ids))).code).toBe('invalid-account');
    }
    expect((await vaultErrorOf(vault.updateAccount(a!.id, { issuer: 'x'.repeat(300) }))).code).toBe('invalid-account');
    expect((await vaultErrorOf(vault.updateAccount(a!.id, { otp: {} } as never))).code).toBe('invalid-account');

    await vault.removeAccount(a!.id);
    expect((await vaultErrorOf(vault.removeAccount(a!.id))).code).toBe('account-not-found');
    const fresh = await reopened();
    expect(fresh.accounts().map((x) => [x.id, x.issuer])).toEqual([
      [c!.id, 'Issuer 3'],
      [b!.id, 'Renamed'],
    ]);
    await fresh.close();
  });

  it('advances an HOTP counter and refuses to advance a TOTP account', async () => {
    const [h, t] = await vault.addAccounts([hotpDraft(1, 41), totpDraft(2)]);
    const advanced = await vault.advanceHotp(h!.id);
    expect(advanced.otp).toMatchObject({ type: 'hotp', counter: 42 });
    expect((await vaultErrorOf(vault.advanceHotp(t!.id))).code).toBe('invalid-account');
    expect((await vaultErrorOf(vault.advanceHotp('00000000-0000-4000-8000-000000000000'))).code).toBe('account-not-found');
    const fresh = await reopened();
    expect(fresh.accounts()[0]!.otp).toMatchObject({ counter: 42 });
    await fresh.close();
  });

  it('hands out accounts nobody can edit behind the vault', async () => {
    await vault.addAccounts([totpDraft(1)]);
    const list = vault.accounts() as unknown as { issuer: string }[];
    expect(() => {
      list[0]!.issuer = 'tampered';
    }).toThrow(TypeError);
    (list as unknown[]).length = 0;
    expect(vault.accounts()).toHaveLength(1);
  });
});

describe('named secrets', () => {
  it('are set, read, deleted and kept across a restart', async () => {
    await vault.setSecret('admin-server:a', 'key-a');
    await vault.setSecret('admin-server:b', 'key-b');
    await vault.deleteSecret('admin-server:a');
    expect(vault.getSecret('admin-server:a')).toBeUndefined();
    expect(vault.getSecret('toString')).toBeUndefined();
    const fresh = await reopened();
    expect(fresh.getSecret('admin-server:b')).toBe('key-b');
    expect(fresh.getSecret('admin-server:a')).toBeUndefined();
    await fresh.close();
    expect((await vaultErrorOf(vault.setSecret('', 'x'))).code).toBe('invalid-account');
    expect((await vaultErrorOf(vault.setSecret('__proto__', 'x'))).code).toBe('invalid-account');
  });
});

describe('saving', () => {
  it('keeps the previous version as <file>.bak', async () => {
    await vault.addAccounts([totpDraft(1)]);
    const previous = await readFile(path);
    await vault.addAccounts([totpDraft(2)]);
    expect(await readFile(backupPathOf(path))).toEqual(previous);
    expect(await readFile(path)).not.toEqual(previous);
  });

  it('serializes concurrent mutations: none is lost, order is call order', async () => {
    const writes = Array.from({ length: 20 }, (_, i) => vault.addAccounts([totpDraft(i)]));
    const secrets = Array.from({ length: 10 }, (_, i) => vault.setSecret(`s${i}`, String(i)));
    await Promise.all([...writes, ...secrets]);
    const fresh = await reopened();
    expect(fresh.accounts().map((a) => a.issuer)).toEqual(Array.from({ length: 20 }, (_, i) => `Issuer ${i}`));
    for (let i = 0; i < 10; i++) expect(fresh.getSecret(`s${i}`)).toBe(String(i));
    await fresh.close();
  });

  it('a failed mutation in the queue does not block the ones after it', async () => {
    const results = await Promise.allSettled([
      vault.addAccounts([totpDraft(1)]),
      vault.removeAccount('00000000-0000-4000-8000-000000000000'),
      vault.addAccounts([totpDraft(2)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(vault.accounts()).toHaveLength(2);
  });

  it('refuses to overwrite a change another program saved meanwhile', async () => {
    const other = await reopened();
    await other.addAccounts([totpDraft(1)]);
    const error = await vaultErrorOf(vault.addAccounts([totpDraft(2)]));
    expect(error.code).toBe('io-error');
    expect(error.message).toMatch(/changed by another program/);
    vault.lock();
    await vault.unlock(PASSWORD);
    expect(vault.accounts().map((a) => a.issuer)).toEqual(['Issuer 1']);
    await vault.addAccounts([totpDraft(2)]);
    expect(vault.accounts()).toHaveLength(2);
    await other.close();
  });

  it('emits a change after every committed mutation', async () => {
    let changes = 0;
    vault.onChange(() => changes++);
    await vault.addAccounts([totpDraft(1)]);
    await vault.setSecret('x', '1');
    await vault.setSecret('x', '1'); // unchanged: no save, no event
    expect(changes).toBe(2);
  });
});
