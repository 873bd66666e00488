import { randomBytes } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CodesService } from '../../electron/main/services/codes/codes-service';
import { VaultService } from '../../electron/main/services/vault';
import { newVaultKey, seal } from '../../electron/main/services/vault/vault-crypto';
import { b64, contentAad, serializeVaultFile, VAULT_FORMAT, VAULT_VERSION } from '../../electron/main/services/vault/vault-format';
import { createPasswordSlot } from '../../electron/main/services/vault/vault-slots';
import { base32ToBytes, bytesToBase32, type AccountDraft, type OtpParams } from '../../shared/otp';
import type { OtpParamsWithoutSecret } from '../../shared/otp/secret-bytes';
import { oathtoolHotp, oathtoolTotp } from '../codes-window/oathtool';
import { PASSWORD, tempDir, totpDraft, vaultErrorOf } from './vault-test-kit';

/**
 * Issue #12 item 7: secrets in memory. Every buffer that held key material is captured (through
 * the vault's `allocateSecret` seam, and by wrapping the crypto functions and the HMAC) and read
 * back: zeros once it is no longer needed, at the latest on lock. Codes are checked against
 * oathtool before the lock and after unlocking again.
 */

const captured = vi.hoisted(() => ({
  opened: [] as Uint8Array[],
  derived: [] as Uint8Array[],
  sealedPlaintexts: [] as Uint8Array[],
  /** Test-only copies of what was sealed, taken before the vault zeroes the original. */
  sealedCopies: [] as Buffer[],
  hmacKeys: [] as Uint8Array[],
}));

vi.mock('../../electron/main/services/vault/vault-crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/main/services/vault/vault-crypto')>();
  return {
    ...real,
    open: (...args: Parameters<typeof real.open>) => {
      const plain = real.open(...args);
      if (plain) captured.opened.push(plain);
      return plain;
    },
    deriveKey: async (...args: Parameters<typeof real.deriveKey>) => {
      const key = await real.deriveKey(...args);
      captured.derived.push(key);
      return key;
    },
    seal: (key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array) => {
      captured.sealedPlaintexts.push(plaintext);
      captured.sealedCopies.push(Buffer.from(plaintext));
      return real.seal(key, plaintext, aad);
    },
  };
});

vi.mock('../../electron/main/services/codes/node-hmac', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/main/services/codes/node-hmac')>();
  return {
    nodeHmac: (algorithm: string, key: Uint8Array, message: Uint8Array) => {
      if (!captured.hmacKeys.includes(key)) captured.hmacKeys.push(key);
      return real.nodeHmac(algorithm, key, message);
    },
  };
});

const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);
const AT_MS = Date.UTC(2026, 11, 6, 4, 30, 10);
let dir: string;
let cleanup: () => Promise<void>;
let path: string;
let allocated: Uint8Array[];
const allocateSecret = (length: number) => {
  const bytes = Buffer.from(new ArrayBuffer(length));
  allocated.push(bytes);
  return bytes;
};

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  path = join(dir, 'vault.json');
  allocated = [];
  for (const list of Object.values(captured)) list.length = 0;
});
afterEach(() => cleanup());

function draft(i: number, otp: OtpParamsWithoutSecret): AccountDraft {
  return { ...totpDraft(i), otp: { ...otp, secret: bytesToBase32(randomBytes(20 + i)) } as OtpParams };
}

const DRAFTS: AccountDraft[] = [
  draft(0, { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 }),
  draft(1, { type: 'totp', algorithm: 'SHA256', digits: 8, period: 60 }),
  draft(2, { type: 'totp', algorithm: 'SHA512', digits: 6, period: 30 }),
  draft(3, { type: 'hotp', algorithm: 'SHA1', digits: 6, counter: 7 }),
];

function oathtoolCode(d: AccountDraft, atMs: number): string {
  const otp = d.otp;
  if (otp.type === 'hotp') return oathtoolHotp(otp.secret, otp.counter, otp.digits);
  if (otp.type === 'steam') throw new Error('not used here');
  return oathtoolTotp(otp.secret, atMs, { digits: otp.digits, algorithm: otp.algorithm.toLowerCase() as 'sha1', period: otp.period });
}

async function createdVault(): Promise<void> {
  const vault = await VaultService.open({ path, autoLockMinutes: 0 });
  await vault.create(PASSWORD);
  await vault.addAccounts(DRAFTS);
  await vault.close();
}

async function unlocked(): Promise<{ vault: VaultService; codes: CodesService }> {
  const vault = await VaultService.open({ path, autoLockMinutes: 0, allocateSecret });
  const codes = new CodesService(vault, { now: () => AT_MS, setTimer: () => ({ cancel() {} }) });
  await vault.unlock(PASSWORD);
  return { vault, codes };
}

describe('secrets in memory (issue #12 item 7)', () => {
  it('codes equal oathtool before lock and after unlocking again; after lock every secret buffer is zero', async () => {
    await createdVault();
    const expected = DRAFTS.map((d) => oathtoolCode(d, AT_MS));
    const { vault, codes } = await unlocked();
    expect(codes.currentCodes(AT_MS).map((c) => c.code)).toEqual(expected);
    expect(allocated).toHaveLength(DRAFTS.length);
    expect(allocated.filter(isZero)).toEqual([]);
    expect(captured.hmacKeys).toHaveLength(DRAFTS.length);
    expect(captured.hmacKeys.filter(isZero)).toEqual([]);
    const stale = vault.accounts()[0]!;

    vault.lock();
    expect(allocated.filter((b) => !isZero(b))).toEqual([]);
    expect(captured.hmacKeys.filter((b) => !isZero(b))).toEqual([]);
    // An account object kept past the lock cannot hand out its (zeroed) secret: an export or a
    // code in flight fails instead of using an all-zero key.
    expect(() => stale.otp.secret).toThrow(/locked/);
    expect((await vaultErrorOf(() => codes.currentCodes(AT_MS))).code).toBe('vault-locked');

    allocated = [];
    await vault.unlock(PASSWORD);
    expect(codes.currentCodes(AT_MS).map((c) => c.code)).toEqual(expected);
    expect(allocated).toHaveLength(DRAFTS.length);
    vault.lock();
    expect(allocated.filter((b) => !isZero(b))).toEqual([]);
  });

  it('zeroes the decrypted plaintext once split, the derived key at once and the vault key on lock', async () => {
    await createdVault();
    for (const list of Object.values(captured)) list.length = 0;
    const { vault } = await unlocked();
    const [vaultKey, plaintext, ...more] = captured.opened;
    expect(more).toEqual([]);
    expect(vaultKey).toHaveLength(32);
    expect(plaintext!.length).toBeGreaterThan(100);
    expect(isZero(plaintext!)).toBe(true);
    expect(captured.derived.length).toBeGreaterThan(0);
    expect(captured.derived.filter((k) => !isZero(k))).toEqual([]);
    expect(isZero(vaultKey!)).toBe(false);
    vault.lock();
    expect(isZero(vaultKey!)).toBe(true);
  });

  it('builds a save in one buffer, with the secrets outside its JSON, and zeroes it after encryption', async () => {
    await createdVault();
    const { vault } = await unlocked();
    captured.sealedPlaintexts.length = 0;
    await vault.updateAccount(vault.accounts()[0]!.id, { note: 'changed' });
    const [plain, ...more] = captured.sealedPlaintexts;
    expect(more).toEqual([]);
    expect(plain!.length).toBeGreaterThan(100);
    expect(isZero(plain!)).toBe(true);
    const copy = captured.sealedCopies.at(-1)!;
    expect([...copy.subarray(0, 4)]).toEqual([0x00, 0x54, 0x46, 0x02]);
    for (const d of DRAFTS) {
      expect(copy.includes(d.otp.secret)).toBe(false);
      expect(copy.includes(Buffer.from(base32ToBytes(d.otp.secret)))).toBe(true);
    }
    vault.lock();
  });

  it('zeroes the secret of an account deleted for good at once, not only on lock', async () => {
    await createdVault();
    const { vault } = await unlocked();
    const [first] = vault.accounts();
    await vault.removeAccount(first!.id);
    expect(allocated.filter(isZero)).toEqual([]); // in the trash: still held
    await vault.deleteFromTrash(first!.id);
    expect(allocated.filter(isZero)).toHaveLength(1);
    vault.lock();
  });

  it('opens a content-version-1 vault (and its .bak), holds its secrets in buffers, and writes version 2 on the next save', async () => {
    const accounts = DRAFTS.map((d, i) => ({ ...d, id: `00000000-0000-4000-8000-00000000000${i}`, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }));
    const key = newVaultKey();
    const slots = [await createPasswordSlot(PASSWORD, key)];
    const header = { format: VAULT_FORMAT, version: VAULT_VERSION, slots } as const;
    const sealed = seal(key, Buffer.from(JSON.stringify({ version: 1, accounts, secrets: { token: 'x' } })), contentAad(header));
    const { text } = serializeVaultFile({ ...header, content: { cipher: 'aes-256-gcm', nonce: b64(sealed.nonce), tag: b64(sealed.tag), data: b64(sealed.ciphertext) } });
    await writeFile(path, text);
    const expected = DRAFTS.map((d) => oathtoolCode(d, AT_MS));

    const { vault, codes } = await unlocked();
    expect(codes.currentCodes(AT_MS).map((c) => c.code)).toEqual(expected);
    expect(vault.accounts().map((a) => a.otp.secret)).toEqual(DRAFTS.map((d) => d.otp.secret));
    expect(allocated).toHaveLength(DRAFTS.length);
    captured.sealedCopies.length = 0;
    await vault.updateAccount(accounts[0]!.id, { favourite: true });
    expect([...captured.sealedCopies.at(-1)!.subarray(0, 4)]).toEqual([0x00, 0x54, 0x46, 0x02]);
    vault.lock();
    expect(allocated.filter((b) => !isZero(b))).toEqual([]);

    // The version-2 file opens, and the .bak (the version-1 file) still does.
    const again = await unlocked();
    expect(again.codes.currentCodes(AT_MS).map((c) => c.code)).toEqual(expected);
    expect(again.vault.accounts()[0]!.favourite).toBe(true);
    again.vault.lock();
    const backup = join(dir, 'restored.json');
    await copyFile(`${path}.bak`, backup);
    expect(await readFile(`${path}.bak`, 'utf8')).toBe(text);
    const restored = await VaultService.open({ path: backup, autoLockMinutes: 0 });
    await restored.unlock(PASSWORD);
    expect(restored.accounts()[0]!.favourite).toBe(false);
    expect(restored.getSecret('token')).toBe('x');
    restored.lock();
  });
});
