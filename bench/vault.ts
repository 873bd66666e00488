import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaultService } from '../electron/main/services/vault';
import { DEFAULT_SCRYPT } from '../electron/main/services/vault/vault-crypto';
import { bytesToBase32, type AccountDraft } from '../shared/otp';

/**
 * Vault timings on a real file: unlock with the production KDF (scrypt N=2^15 r=8 p=1; target
 * ≤ 300 ms) and one save of a vault holding 1,000 accounts (target ≤ 50 ms, including both
 * fsyncs, the backup link and the rename).
 */

const ACCOUNTS = 1_000;
const PASSWORD = 'benchmark password';

const draft = (i: number): AccountDraft => ({
  issuer: `Issuer ${i}`,
  name: `user${i}@example.com`,
  otp: { type: 'totp', secret: bytesToBase32(randomBytes(20)), algorithm: 'SHA1', digits: 6, period: 30 },
  tags: i % 5 === 0 ? ['Work'] : [],
  favourite: i % 17 === 0,
  note: i % 3 === 0 ? 'backup codes in the drawer' : '',
});

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { runs: samples.length, median: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), min: +sorted[0]!.toFixed(1) };
}

/** Wall time, and CPU time of all threads (scrypt runs on libuv's pool), per run. */
async function time(runs: number, once: (run: number) => Promise<void>) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await once(run);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ...stats(wall), cpuMedian: stats(cpu).median };
}

const dir = await mkdtemp(join(tmpdir(), 'twofold-bench-vault-'));
try {
  const path = join(dir, 'vault.json');
  const vault = await VaultService.open({ path, autoLockMinutes: 0 });
  await vault.create(PASSWORD);
  await vault.addAccounts(Array.from({ length: ACCOUNTS }, (_, i) => draft(i)));
  const bytes = (await stat(path)).size;

  const save = await time(30, (run) => vault.setSecret('bench', String(run)));
  const unlock = await time(7, async () => {
    vault.lock();
    await vault.unlock(PASSWORD);
  });
  // Password change with key rotation (issue #12): check the old password, new key, new slot,
  // re-encrypt, write the vault and a .bak under the new key. Back and forth between two passwords.
  const passwords = [PASSWORD, `${PASSWORD} 2`];
  const change = await time(5, (run) => vault.changePassword(passwords[run % 2]!, passwords[(run + 1) % 2]!));
  await vault.close();

  const kdf = `scrypt N=2^${Math.log2(DEFAULT_SCRYPT.n)} r=${DEFAULT_SCRYPT.r} p=${DEFAULT_SCRYPT.p}`;
  console.log(`vault with ${ACCOUNTS} accounts (${(bytes / 1024).toFixed(0)} KiB on disk), in ms:`);
  console.log(`  unlock (${kdf}, decrypt, validate)  median ${unlock.median}  p95 ${unlock.p95}  min ${unlock.min}  cpu median ${unlock.cpuMedian}  (${unlock.runs} runs; target ≤ 300)`);
  console.log(`  save (encrypt, write, fsync, backup, rename, fsync dir)  median ${save.median}  p95 ${save.p95}  min ${save.min}  cpu median ${save.cpuMedian}  (${save.runs} runs; target ≤ 50)`);
  console.log(`  password change (2 scrypt, new key, re-encrypt, vault + .bak)  median ${change.median}  p95 ${change.p95}  min ${change.min}  cpu median ${change.cpuMedian}  (${change.runs} runs)`);
  console.log(`  load average while measuring: ${loadavg()[0]!.toFixed(1)} (2 cores, shared)`);
  console.log(JSON.stringify({ bench: 'vault', accounts: ACCOUNTS, fileBytes: bytes, kdf, unit: 'ms', unlock, save, passwordChange: change, targets: { unlockMs: 300, saveMs: 50 }, loadAverage: +loadavg()[0]!.toFixed(1) }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
