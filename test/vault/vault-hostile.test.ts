import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import { parseVaultFile, serializeVaultFile, type VaultFile } from '../../electron/main/services/vault/vault-format';
import { tempDir } from './vault-test-kit';

/**
 * Issue #12 item 5: a vault file built to exhaust memory or time is refused from its header or
 * its size, before any KDF runs, with a clear message, and left as it was.
 */
const PASSWORD = 'correct horse battery';
let dir: string;
let cleanup: () => Promise<void>;
let path: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  path = join(dir, 'vault.json');
  const vault = await VaultService.open({ path, autoLockMinutes: 0 });
  await vault.create(PASSWORD);
  vault.lock();
});
afterEach(() => cleanup());

/** Rewrites the password slot's KDF parameters, with a checksum that matches (a deliberate file, not damage). */
async function withKdf(kdf: { n: number; r: number; p: number }): Promise<string> {
  const parsed = parseVaultFile(await readFile(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.reason);
  const { checksum: _checksum, ...body } = parsed.file;
  const slots = body.slots.map((s) => (s.type === 'password' ? { ...s, kdf: { ...s.kdf, ...kdf } } : s)) as VaultFile['slots'];
  const { text } = serializeVaultFile({ ...body, slots });
  await writeFile(path, text);
  return text;
}

async function unlockMeasured() {
  const vault = await VaultService.open({ path, autoLockMinutes: 0 });
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const error = await vault.unlock(PASSWORD).then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  return { error, ms: performance.now() - started, grewBy: process.memoryUsage().rss - rss, vault };
}

describe('hostile vault files are bounded', () => {
  it('N=2^20, r=32 (4 GiB of scrypt memory) is refused in under 100 ms without allocating, the file untouched', async () => {
    const text = await withKdf({ n: 2 ** 20, r: 32, p: 1 });
    const { error, ms, grewBy, vault } = await unlockMeasured();
    expect(error).toMatchObject({ code: 'vault-out-of-bounds', message: expect.stringMatching(/4096 MiB of memory \(N=1048576, r=32\).*at most 256 MiB.*has not changed it/) });
    expect(ms).toBeLessThan(100);
    expect(grewBy).toBeLessThan(32 * 1024 * 1024);
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(vault.status().state).toBe('locked');
  });

  it('too much work (N·r·p over 2^21: N=2^15 r=8 p=16) is refused the same way', async () => {
    await withKdf({ n: 2 ** 15, r: 8, p: 16 });
    const { error, ms } = await unlockMeasured();
    expect(error).toMatchObject({ code: 'vault-out-of-bounds', message: expect.stringMatching(/16× the usual work/) });
    expect(ms).toBeLessThan(100);
  });

  it('the largest allowed parameters still open (the bound is not off by one)', async () => {
    const vault = await VaultService.open({ path, autoLockMinutes: 0 });
    expect(vault.status().state).toBe('locked');
    // A file written with N=2^16, r=8 (within both bounds) is accepted by the parser.
    const parsed = parseVaultFile(await withKdf({ n: 2 ** 16, r: 8, p: 2 }));
    expect(parsed.ok).toBe(true);
  });

  it('a file over 32 MiB is refused from its size alone, and left as it is', async () => {
    await truncate(path, 40 * 1024 * 1024);
    const { error, ms, grewBy } = await unlockMeasured();
    expect(error).toMatchObject({ code: 'vault-out-of-bounds', message: expect.stringMatching(/larger than 32 MiB/) });
    expect(ms).toBeLessThan(100);
    expect(grewBy).toBeLessThan(32 * 1024 * 1024);
    expect((await readFile(path)).length).toBe(40 * 1024 * 1024);
  });

  it('hostile slots (too many) are damage, refused before any KDF', async () => {
    const parsed = parseVaultFile(await readFile(path, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const { checksum: _c, ...body } = parsed.file;
    const keychain = { type: 'keychain' as const, id: '00000000-0000-4000-8000-000000000000', backend: 'x', blob: 'AA==' };
    const { text } = serializeVaultFile({ ...body, slots: [...body.slots, ...Array.from({ length: 20 }, () => keychain)] });
    await writeFile(path, text);
    const { error, ms } = await unlockMeasured();
    expect(error).toMatchObject({ code: 'vault-corrupt' });
    expect(ms).toBeLessThan(100);
  });
});
