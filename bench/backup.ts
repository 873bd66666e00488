import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { BackupService, nodeBackupFiles } from '../electron/main/services/backup';
import { ManualClock } from '../electron/main/services/clock';
import { nodeImportCrypto } from '../electron/main/services/import-export/node-import-crypto';
import { PasswordGate } from '../electron/main/services/security';
import { ConfSettingsStore } from '../electron/main/services/settings';
import { VaultService } from '../electron/main/services/vault';
import type { AccountDraft } from '../shared/otp/account';
import { bytesToBase32 } from '../shared/otp/base32';

/**
 * One automatic backup of a 1,000-account vault (issue #14 target: ≤ 300 ms, never on a UI thread):
 * the real BackupService over a real vault and folder — Aegis content JSON, AES-256-GCM under the
 * kept master key, an fsync'd 0600 temporary file renamed into place, pruning to 10 versions.
 * Reports wall time per backup (median and worst of RUNS) and the longest the main process's
 * event loop was blocked meanwhile (what a window's IPC would wait for; the windows' own UI
 * threads are other processes and never run this). Prints a table and one JSON line.
 */
const ACCOUNTS = 1_000;
const RUNS = 15;
const PASSWORD = 'benchmark vault password';

function drafts(): AccountDraft[] {
  return Array.from({ length: ACCOUNTS }, (_, i) => ({
    issuer: `Issuer ${i}`,
    name: `user${i}@example.com`,
    otp: { type: 'totp', secret: bytesToBase32(new Uint8Array(20).map((_, j) => (i * 31 + j * 7) & 0xff)), algorithm: 'SHA1', digits: 6, period: 30 },
    tags: i % 10 === 0 ? [`Group ${i % 7}`] : [],
    favourite: i % 17 === 0,
    note: i % 5 === 0 ? `note ${i}` : '',
  }));
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'twofold-bench-backup-'));
  const folder = join(dir, 'backups');
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  try {
    const vault = await VaultService.open({ path: join(dir, 'vault.json'), autoLockMinutes: 0, clock });
    await vault.create(PASSWORD);
    await vault.addAccounts(drafts());
    const settings = new ConfSettingsStore({ dir });
    const backup = new BackupService({
      vault,
      gate: new PasswordGate({ verify: (password) => vault.verifyPassword(password), clock }),
      settings,
      clock,
      crypto: nodeImportCrypto,
      files: nodeBackupFiles,
      dialogs: { chooseFolder: async () => (await import('node:fs/promises')).mkdir(folder).then(() => folder) },
      importPreview: () => Promise.reject(new Error('not used')),
    });
    await backup.chooseFolder(PASSWORD); // the one scrypt, at set-up; not part of a backup
    const times: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 1 });
    for (let i = 0; i < RUNS; i++) {
      clock.advance(1000);
      delay.enable();
      const start = performance.now();
      await backup.backupNow();
      times.push(performance.now() - start);
      delay.disable();
    }
    if (backup.status().lastError) throw new Error(backup.status().lastError!);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const worst = sorted.at(-1)!;
    const blockedMs = delay.max / 1e6;
    const kept = readdirSync(folder).length;
    console.log(`| accounts | runs | median ms | worst ms | longest main-loop block ms | versions kept |`);
    console.log(`|---:|---:|---:|---:|---:|---:|`);
    console.log(`| ${ACCOUNTS} | ${RUNS} | ${median.toFixed(1)} | ${worst.toFixed(1)} | ${blockedMs.toFixed(1)} | ${kept} |`);
    console.log(JSON.stringify({ bench: 'backup', accounts: ACCOUNTS, runs: RUNS, medianMs: +median.toFixed(1), worstMs: +worst.toFixed(1), longestBlockMs: +blockedMs.toFixed(1), target: { backupMs: 300 } }));
    backup.dispose();
    await vault.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
