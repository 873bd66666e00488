import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPathOf, VaultService } from '../../electron/main/services/vault';
import { canonicalJson } from '../../electron/main/services/vault/vault-format';
import { sha256Hex } from '../../electron/main/services/vault/vault-crypto';
import { PASSWORD, tempDir, totpDraft, vaultErrorOf } from './vault-test-kit';

/**
 * A damaged vault must be reported as damaged (never as a wrong password), name the file and its
 * backup, and never be written over: not by unlock, not by create.
 */

let dir: string;
let cleanup: () => Promise<void>;
let good: Buffer;
let goodBackup: Buffer;
let caseNo = 0;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const path = join(dir, 'source.json');
  const vault = await VaultService.open({ path });
  await vault.create(PASSWORD);
  await vault.addAccounts([totpDraft(1)]);
  await vault.addAccounts([totpDraft(2)]);
  await vault.close();
  good = await readFile(path);
  goodBackup = await readFile(backupPathOf(path));
});
afterAll(() => cleanup());

/** Writes `bytes` as a vault (with a good backup beside it), tries it, and returns what happened. */
async function tryDamaged(bytes: Buffer, backup: Buffer | null = goodBackup) {
  const path = join(dir, `case-${caseNo++}.json`);
  await writeFile(path, bytes);
  if (backup) await writeFile(backupPathOf(path), backup);
  const vault = await VaultService.open({ path });
  expect(vault.status().state).toBe('locked');
  const error = await vaultErrorOf(vault.unlock(PASSWORD));
  const createError = await vaultErrorOf(vault.create('another password'));
  expect(createError.code).toBe('vault-exists');
  expect(await readFile(path)).toEqual(bytes);
  if (backup) expect(await readFile(backupPathOf(path))).toEqual(backup);
  return { error, path };
}

interface FileShape {
  slots: { kdf: { salt: string }; key: string; tag: string }[];
  content: { nonce: string; data: string; tag: string };
}

/** Replaces one character inside the JSON string value `select` picks with a different valid one. */
function alterValue(text: string, select: (file: FileShape) => string, offset = 3): Buffer {
  const value = select(JSON.parse(text) as FileShape);
  const at = text.indexOf(`"${value}"`) + 1 + offset;
  const replacement = text[at] === 'A' ? 'B' : 'A';
  return Buffer.from(text.slice(0, at) + replacement + text.slice(at + 1));
}

describe('a damaged vault file', () => {
  const text = () => good.toString('utf8');
  const regions: [string, () => Buffer][] = [
    ['the format marker', () => Buffer.from(text().replace('"twofold-vault"', '"twofold-vaulu"'))],
    ['the version', () => Buffer.from(text().replace('"version": 1', '"version": 7'))],
    ['the password slot salt', () => alterValue(text(), (f) => f.slots[0]!.kdf.salt)],
    ['the KDF cost', () => Buffer.from(text().replace('"n": 32768', '"n": 16384'))],
    ['the wrapped key', () => alterValue(text(), (f) => f.slots[0]!.key)],
    ['the slot tag', () => alterValue(text(), (f) => f.slots[0]!.tag, 1)],
    ['the content nonce', () => alterValue(text(), (f) => f.content.nonce)],
    ['the ciphertext (start)', () => alterValue(text(), (f) => f.content.data, 0)],
    ['the ciphertext (middle)', () => alterValue(text(), (f) => f.content.data, 200)],
    ['the content tag', () => alterValue(text(), (f) => f.content.tag)],
    ['the checksum', () => Buffer.from(text().replace(/"checksum": "(.)/, (_m, c: string) => `"checksum": "${c === 'a' ? 'b' : 'a'}`))],
    ['truncated to half', () => good.subarray(0, good.length >> 1)],
    ['truncated by one byte before the closing brace', () => Buffer.from(text().trimEnd().slice(0, -1))],
    ['empty', () => Buffer.alloc(0)],
    ['zero-filled (a crash before data reached the disk)', () => Buffer.alloc(good.length)],
    ['not JSON', () => Buffer.from('this is not a vault\n')],
    ['JSON that is not a vault', () => Buffer.from('{"accounts": []}')],
  ];

  it.each(regions)('damaged in %s: vault-corrupt naming the file and a readable backup, nothing written', async (_region, damage) => {
    const { error, path } = await tryDamaged(damage());
    expect(error.code).toBe('vault-corrupt');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`${path}.bak`);
    expect(error.message).toMatch(/looks readable/);
    expect(error.message).toMatch(/has not changed it/);
  });

  it('reports every single-bit flip anywhere in the file as damage, never as a wrong password', async () => {
    const stride = Math.max(1, Math.floor(good.length / 150));
    const codes = new Set<string>();
    for (let at = 0; at < good.length; at += stride) {
      const bytes = Buffer.from(good);
      bytes[at]! ^= 0x01;
      const { error } = await tryDamaged(bytes, null);
      codes.add(error.code);
      if (error.code !== 'vault-corrupt') throw new Error(`flip at byte ${at} gave ${error.code}`);
    }
    expect([...codes]).toEqual(['vault-corrupt']);
  });

  it('content altered with a recomputed checksum fails authentication: still vault-corrupt', async () => {
    const file = JSON.parse(good.toString('utf8'));
    const data = Buffer.from(file.content.data, 'base64');
    data[5]! ^= 0x80;
    file.content.data = data.toString('base64');
    const { checksum: _old, ...body } = file;
    file.checksum = sha256Hex(canonicalJson(body));
    const { error } = await tryDamaged(Buffer.from(JSON.stringify(file)));
    expect(error.code).toBe('vault-corrupt');
    expect(error.message).toMatch(/does not authenticate/);
  });

  it('says when the backup is damaged too, or missing', async () => {
    const bothBad = await tryDamaged(Buffer.from('{'), Buffer.from('}'));
    expect(bothBad.error.message).toMatch(/backup .* is damaged too/);
    const noBackup = await tryDamaged(Buffer.from('{'), null);
    expect(noBackup.error.message).toMatch(/no backup/);
  });

  it('the backup it points to really opens, with the previous content', async () => {
    const path = join(dir, 'restored.json');
    await copyFile(join(dir, 'source.json.bak'), path);
    const vault = await VaultService.open({ path });
    await vault.unlock(PASSWORD);
    expect(vault.accounts().map((a) => a.issuer)).toEqual(['Issuer 1']);
    await vault.close();
  });
});
