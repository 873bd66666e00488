import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import { SecretStore } from '../../electron/main/services/vault/secret-store';
import { newVaultKey, seal } from '../../electron/main/services/vault/vault-crypto';
import { b64, contentAad, serializeVaultFile, VAULT_FORMAT, VAULT_VERSION } from '../../electron/main/services/vault/vault-format';
import { createPasswordSlot } from '../../electron/main/services/vault/vault-slots';
import { decodeContent, encodeContent, MAX_BLOB_BYTES } from '../../electron/main/services/vault/vault-content-codec';
import { emptyContent } from '../../electron/main/services/vault/vault-content';
import type { VaultContent } from '../../electron/main/services/vault/vault-format';
import { bytesToBase32 } from '../../shared/otp';
import { sameSecret, secretCellOf } from '../../shared/otp/secret-bytes';
import { PASSWORD, hotpDraft, tempDir, totpDraft, vaultErrorOf } from './vault-test-kit';

/**
 * The plaintext layout of content version 2 (vault-content-codec.ts). It is only ever read after
 * AES-GCM authenticated it, so a malformed one comes from a program holding the vault key; still,
 * every length is checked, and a refusal leaves no secret held.
 */

const MAGIC = [0x00, 0x54, 0x46, 0x02];

function sampleContent(): VaultContent {
  const store = new SecretStore();
  const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const a = { ...totpDraft(1, bytesToBase32(randomBytes(20))), ...stamp, id: '00000000-0000-4000-8000-000000000001' };
  const b = { ...hotpDraft(2, 9), ...stamp, id: '00000000-0000-4000-8000-000000000002' };
  const accounts = [a, b].map((x) => ({ ...x, otp: store.holdOtp(x.otp) }));
  const [first, second] = accounts;
  return { ...emptyContent(), accounts: [first!], trash: [{ ...second!, deletedAt: '2026-01-02T00:00:00.000Z', formerIndex: 1 }], secrets: { token: 't' }, generation: 4 };
}

/** A version-2 plaintext from its parts. */
function layout(metadata: unknown, blobs: Uint8Array[], trailing: number[] = []): Buffer {
  const json = Buffer.from(JSON.stringify(metadata));
  const parts = [Buffer.from(MAGIC), u32(json.length), json, u32(blobs.length)];
  for (const blob of blobs) parts.push(u32(blob.length), Buffer.from(blob));
  return Buffer.concat([...parts, Buffer.from(trailing)]);
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

describe('vault content version 2', () => {
  it('round-trips accounts, trash, counters and named secrets, with every OTP secret in a blob', () => {
    const content = sampleContent();
    const plain = encodeContent(content);
    expect([...plain.subarray(0, 4)]).toEqual(MAGIC);
    const json = plain.toString('utf8', 8, 8 + plain.readUInt32BE(4));
    expect(JSON.parse(json).accounts[0].otp.secret).toEqual({ blob: 0 });
    expect(JSON.parse(json).trash[0].otp.secret).toEqual({ blob: 1 });
    expect(json).not.toContain(content.accounts[0]!.otp.secret);

    const store = new SecretStore();
    const decoded = decodeContent(plain, store)!;
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(content)));
    expect(store.size).toBe(2);
    expect(secretCellOf(decoded.accounts[0]!.otp)).toBeDefined();
  });

  it('refuses a plaintext whose lengths do not add up, or whose references point nowhere, and holds nothing', () => {
    const plain = encodeContent(sampleContent());
    const metadataLength = plain.readUInt32BE(4);
    const metadata = JSON.parse(plain.toString('utf8', 8, 8 + metadataLength));
    const secret = randomBytes(20);
    const cases: [string, Buffer][] = [
      ['truncated', plain.subarray(0, plain.length - 3)],
      ['a byte too many', Buffer.concat([plain, Buffer.from([0])])],
      ['metadata longer than the plaintext', Buffer.concat([plain.subarray(0, 4), u32(plain.length), plain.subarray(8)])],
      ['a reference past the last blob', layout(metadata, [secret])],
      ['an empty secret', layout(metadata, [secret, new Uint8Array(0)])],
      ['a blob over the cap', layout(metadata, [secret, new Uint8Array(MAX_BLOB_BYTES + 1)])],
      ['a blob count past the end', layout(metadata, [secret, secret]).fill(0xff, 8 + metadataLength, 12 + metadataLength)],
      ['a secret given as text', layout({ ...metadata, accounts: [{ ...metadata.accounts[0], otp: { ...metadata.accounts[0].otp, secret: 'JBSWY3DPEHPK3PXP' } }] }, [secret, secret])],
      ['no magic and no JSON', Buffer.from([1, 2, 3])],
    ];
    for (const [what, bytes] of cases) expect(decodeContent(bytes, new SecretStore()), what).toBeNull();
  });

  it('an unlock that meets such a plaintext says the vault is damaged and zeroes the secrets it had copied', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const path = join(dir, 'vault.json');
      const plain = encodeContent(sampleContent());
      const metadata = JSON.parse(plain.toString('utf8', 8, 8 + plain.readUInt32BE(4)));
      // Blob 0 (the first account's) is copied before the trash's reference to blob 1 fails.
      const key = newVaultKey();
      const slots = [await createPasswordSlot(PASSWORD, key)];
      const header = { format: VAULT_FORMAT, version: VAULT_VERSION, slots } as const;
      const sealed = seal(key, layout(metadata, [randomBytes(20)]), contentAad(header));
      await writeFile(path, serializeVaultFile({ ...header, content: { cipher: 'aes-256-gcm', nonce: b64(sealed.nonce), tag: b64(sealed.tag), data: b64(sealed.ciphertext) } }).text);

      const allocated: Uint8Array[] = [];
      const vault = await VaultService.open({ path, autoLockMinutes: 0, allocateSecret: (n) => (allocated[allocated.length] = new Uint8Array(new ArrayBuffer(n))) });
      expect((await vaultErrorOf(vault.unlock(PASSWORD))).code).toBe('vault-corrupt');
      expect(allocated).toHaveLength(1);
      expect(allocated[0]!.every((b) => b === 0)).toBe(true);
    } finally {
      await cleanup();
    }
  });
});

describe('sameSecret', () => {
  it('compares held secrets as bytes, and a held secret with a typed one', () => {
    const store = new SecretStore();
    const held = store.holdOtp(totpDraft(1, 'JBSWY3DPEHPK3PXP').otp);
    expect(sameSecret(held, store.holdOtp(totpDraft(2, 'JBSWY3DPEHPK3PXP').otp))).toBe(true);
    expect(sameSecret(held, totpDraft(3, 'JBSWY3DPEHPK3PXP').otp)).toBe(true);
    // 15 characters carry 9 bytes and 3 unused bits: X (10111) and Q (10000) spell the same key.
    expect(sameSecret(totpDraft(3, 'JBSWY3DPEHPK3PQ').otp, store.holdOtp(totpDraft(3, 'JBSWY3DPEHPK3PX').otp))).toBe(true);
    expect(sameSecret(held, totpDraft(4, 'JBSWY3DPEHPK3PXA').otp)).toBe(false);
    expect(sameSecret(held, store.holdOtp(totpDraft(5, 'GEZDGNBVGY3TQOJQ').otp))).toBe(false);
  });
});
