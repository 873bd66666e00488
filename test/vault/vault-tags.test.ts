import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import { newVaultKey, open, seal } from '../../electron/main/services/vault/vault-crypto';
import { b64, contentAad, parseVaultFile, serializeVaultFile, unb64, VAULT_FORMAT, VAULT_VERSION } from '../../electron/main/services/vault/vault-format';
import { createPasswordSlot } from '../../electron/main/services/vault/vault-slots';
import { PASSWORD, tempDir, totpDraft, vaultErrorOf } from './vault-test-kit';

let cleanup: () => Promise<void>;
let path: string;
let vault: VaultService;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  path = join(dir, 'vault.json');
});
afterEach(async () => {
  await vault?.close();
  await cleanup();
});

const OTP = { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 } as const;

const AT = '2026-01-01T00:00:00.000Z';
const GROUP_ACCOUNTS = [
  { id: '11111111-1111-4111-8111-111111111111', issuer: 'Bank', name: 'me', group: 'Money', favourite: true, note: '', createdAt: AT, updatedAt: AT },
  { id: '22222222-2222-4222-8222-222222222222', issuer: 'Mail', name: 'me', group: null, favourite: false, note: 'n', createdAt: AT, updatedAt: AT },
  { id: '33333333-3333-4333-8333-333333333333', issuer: 'Old', name: 'me', group: '  Spaced  ', favourite: false, note: '', createdAt: AT, updatedAt: AT },
];
const SECRET_BYTES = Buffer.from('48656c6c6f21deadbeef', 'hex'); // JBSWY3DPEHPK3PXP in base32

/**
 * The plaintext of a vault written before tags, built by hand from the documented layouts (so the
 * test does not depend on today's writer):
 * - content version 1: JSON alone, base32 secrets, one `group` per account;
 * - content version 2: magic 00 54 46 02, u32 BE metadata length, the JSON with each secret as
 *   { "blob": n }, u32 BE blob count, then each blob as u32 BE length + bytes (vault-content-codec.ts).
 */
function groupPlaintext(version: 1 | 2): Buffer {
  if (version === 1) {
    return Buffer.from(JSON.stringify({ version: 1, accounts: GROUP_ACCOUNTS.map((a) => ({ ...a, otp: OTP })), secrets: {} }), 'utf8');
  }
  const metadata = Buffer.from(
    JSON.stringify({ version: 2, accounts: GROUP_ACCOUNTS.map((a, i) => ({ ...a, otp: { ...OTP, secret: { blob: i } } })), secrets: {}, trash: [], generation: 4 }),
    'utf8',
  );
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return Buffer.concat([Buffer.from([0x00, 0x54, 0x46, 0x02]), u32(metadata.length), metadata, u32(3), ...[0, 1, 2].flatMap(() => [u32(SECRET_BYTES.length), SECRET_BYTES])]);
}

/** Writes a vault file holding that plaintext, sealed as the service seals; returns the vault key. */
async function writeGroupVault(file: string, version: 1 | 2): Promise<Buffer> {
  const key = newVaultKey();
  const slots = [await createPasswordSlot(PASSWORD, key)];
  const header = { format: VAULT_FORMAT, version: VAULT_VERSION, slots } as const;
  const sealed = seal(key, groupPlaintext(version), contentAad(header));
  const { text } = serializeVaultFile({ ...header, content: { cipher: 'aes-256-gcm', nonce: b64(sealed.nonce), tag: b64(sealed.tag), data: b64(sealed.ciphertext) } });
  await writeFile(file, text);
  return key;
}

/** The JSON part of what is on disk now (version 1: all of it; 2 and later: the metadata section). */
async function contentOnDisk(file: string, key: Buffer): Promise<{ version: number; accounts: Array<Record<string, unknown>> }> {
  const parsed = parseVaultFile(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.reason);
  const c = parsed.file.content;
  const plain = open(key, { nonce: unb64(c.nonce), ciphertext: unb64(c.data), tag: unb64(c.tag) }, contentAad(parsed.file));
  if (!plain) throw new Error('did not decrypt');
  if (plain[0] !== 0) return JSON.parse(plain.toString('utf8'));
  return JSON.parse(plain.toString('utf8', 8, 8 + plain.readUInt32BE(4)));
}

describe.each([1, 2] as const)('a vault written with single groups (content version %i)', (version) => {
  it('opens with each group as the one tag, and the next save writes version 3 with tags and no group', async () => {
    const key = await writeGroupVault(path, version);
    vault = await VaultService.open({ path });
    await vault.unlock(PASSWORD);
    expect(vault.accounts().map((a) => [a.issuer, a.tags])).toEqual([
      ['Bank', ['Money']],
      ['Mail', []],
      ['Old', ['Spaced']],
    ]);
    expect(vault.accounts()[0]).not.toHaveProperty('group');

    // Reading alone does not rewrite the file (the old version stays until a change is saved).
    expect((await contentOnDisk(path, key)).version).toBe(version);

    await vault.updateAccount(vault.accounts()[1]!.id, { favourite: true });
    const written = await contentOnDisk(path, key);
    expect(written.version).toBe(3);
    expect(written.accounts.map((a) => a.tags)).toEqual([['Money'], [], ['Spaced']]);
    expect(written.accounts.some((a) => 'group' in a)).toBe(false);

    await vault.close();
    vault = await VaultService.open({ path });
    await vault.unlock(PASSWORD);
    expect(vault.accounts().map((a) => a.tags)).toEqual([['Money'], [], ['Spaced']]);
  });
});

describe('tags on accounts', () => {
  beforeEach(async () => {
    vault = await VaultService.open({ path });
    await vault.create(PASSWORD);
  });

  it('keeps several tags in order, trimmed and de-duplicated case-insensitively, across a restart', async () => {
    const [added] = await vault.addAccounts([{ ...totpDraft(1), tags: ['work', 'bank'] }]);
    await vault.updateAccount(added!.id, { tags: [' Bank ', 'personal', 'WORK', 'bank'] });
    await vault.close();
    vault = await VaultService.open({ path });
    await vault.unlock(PASSWORD);
    expect(vault.accounts()[0]!.tags).toEqual(['Bank', 'personal', 'WORK']);
  });

  it.each([
    ['a bell (U+0007)', 'wo\u0007rk', /U\+0007/],
    ['a right-to-left override (U+202E)', 'bank\u202Egpj', /U\+202E/],
    ['a zero-width space (U+200B)', 'ba\u200Bnk', /U\+200B/],
  ])('refuses a tag with %s, naming the tag and what to do, and leaves the vault file untouched', async (_what, tag, code) => {
    const [added] = await vault.addAccounts([{ ...totpDraft(1), tags: ['work'] }]);
    const before = await readFile(path, 'utf8');
    const error = await vaultErrorOf(vault.updateAccount(added!.id, { tags: ['work', tag] }));
    expect(error.code).toBe('invalid-account');
    expect(error.field).toBe('tags');
    expect(error.message).toMatch(code);
    expect(error.message).toMatch(/The tag ".*<U\+[0-9A-F]{4}>.*"/);
    expect(error.message).toMatch(/Type the tag again without it/);
    expect(error.message).not.toContain(tag);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(vault.accounts()[0]!.tags).toEqual(['work']);
    await expect(vault.addAccounts([{ ...totpDraft(2), tags: [tag] }])).rejects.toMatchObject({ code: 'invalid-account' });
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('refuses too many tags and a tag that is too long', async () => {
    const [added] = await vault.addAccounts([totpDraft(1)]);
    await expect(vault.updateAccount(added!.id, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).rejects.toThrow(/at most 20 tags/);
    await expect(vault.updateAccount(added!.id, { tags: ['x'.repeat(65)] })).rejects.toThrow(/at most 64/);
  });
});

describe('renaming and deleting a tag across accounts', () => {
  beforeEach(async () => {
    vault = await VaultService.open({ path });
    await vault.create(PASSWORD);
    await vault.addAccounts([
      { ...totpDraft(1), tags: ['work', 'bank'] },
      { ...totpDraft(2), tags: ['Work'] },
      { ...totpDraft(3), tags: ['home'] },
      { ...totpDraft(4), tags: ['job', 'work'] },
    ]);
  });

  const tags = () => vault.accounts().map((a) => a.tags);

  it('renames on every account carrying it (any case) in one save, keeping its place', async () => {
    const before = await readFile(path, 'utf8');
    let saves = 0;
    vault.onChange(() => saves++);
    expect(await vault.renameTag('work', 'office')).toBe(3);
    expect(saves).toBe(1);
    expect(tags()).toEqual([['office', 'bank'], ['office'], ['home'], ['job', 'office']]);
    expect(await readFile(path, 'utf8')).not.toBe(before);
  });

  it('merges into a tag that already exists, once per account', async () => {
    expect(await vault.renameTag('job', 'Work')).toBe(1);
    expect(tags()).toEqual([['work', 'bank'], ['Work'], ['home'], ['Work']]);
  });

  it('deletes from every account; the accounts stay', async () => {
    expect(await vault.renameTag('WORK', null)).toBe(3);
    expect(tags()).toEqual([['bank'], [], ['home'], ['job']]);
    expect(vault.accounts()).toHaveLength(4);
  });

  it('applies to trashed accounts too, so a restore does not bring the old name back', async () => {
    const home = vault.accounts()[2]!;
    await vault.removeAccount(home.id);
    await vault.renameTag('home', 'house');
    const restored = await vault.restoreFromTrash(home.id);
    expect(restored.tags).toEqual(['house']);
  });

  it('refuses a new name with a control character and saves nothing', async () => {
    const before = await readFile(path, 'utf8');
    const error = await vaultErrorOf(vault.renameTag('work', 'of\u0007fice'));
    expect(error).toMatchObject({ code: 'invalid-account', field: 'name' });
    expect(error.message).toMatch(/U\+0007.*Nothing was renamed/);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(tags()[0]).toEqual(['work', 'bank']);
  });

  it('changes nothing and saves nothing when no account has the tag', async () => {
    const before = await readFile(path, 'utf8');
    expect(await vault.renameTag('nowhere', 'x')).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(before);
  });
});
