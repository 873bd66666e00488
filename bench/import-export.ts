import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeImportCrypto } from '../electron/main/services/import-export/node-import-crypto';
import { exportAegisEncrypted, exportUriList } from '../shared/export';
import { readImportFile } from '../shared/import';
import type { AccountDraft } from '../shared/otp/account';
import { bytesToBase32 } from '../shared/otp/base32';

/**
 * Import of a 1,000-account encrypted Aegis file and export of 1,000 accounts (Aegis encrypted and
 * URI list): wall time and peak memory, KDF included (scrypt N=2^15, r=8, p=1, Aegis's default).
 * Target: under one second each. Each measurement runs in a fresh child process so its peak RSS
 * (process.resourceUsage().maxRSS) belongs to that operation alone; the baseline RSS of an idle
 * child is reported beside it. Prints a table and one JSON line.
 */
const ACCOUNTS = 1_000;
const RUNS = 3;
const PASSWORD = 'benchmark export password';

function accounts(): AccountDraft[] {
  const out: AccountDraft[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const secret = bytesToBase32(new Uint8Array(20).map((_, j) => (i * 31 + j * 7) & 0xff));
    const kind = i % 3;
    out.push({
      issuer: `Issuer ${i}`,
      name: `user${i}@example.com`,
      otp: kind === 0 ? { type: 'totp', secret, algorithm: 'SHA1', digits: 6, period: 30 } : kind === 1 ? { type: 'hotp', secret, algorithm: 'SHA256', digits: 8, counter: i } : { type: 'totp', secret, algorithm: 'SHA512', digits: 7, period: 60 },
      tags: i % 10 === 0 ? [`Group ${i % 7}`] : [],
      favourite: i % 17 === 0,
      note: i % 5 === 0 ? `note ${i}` : '',
    });
  }
  return out;
}

interface Measure {
  ms: number;
  /** User + system CPU of the whole process (threadpool included) during the operation: less sensitive to a busy machine than wall time. */
  cpuMs: number;
  maxRssMiB: number;
  startRssMiB: number;
}

const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

async function child(phase: string, file: string): Promise<void> {
  const startRss = process.memoryUsage().rss;
  const data = phase === 'import' ? readFileSync(file) : undefined;
  const drafts = phase === 'import' ? [] : accounts();
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (phase === 'kdf') {
    await nodeImportCrypto.scrypt(new TextEncoder().encode(PASSWORD), new Uint8Array(32), { n: 2 ** 15, r: 8, p: 1 }, 32);
  } else if (phase === 'import') {
    const result = await readImportFile({ file: 'bench.json', bytes: data!, password: PASSWORD }, nodeImportCrypto);
    if (result.accounts.length !== ACCOUNTS) throw new Error(`imported ${result.accounts.length}`);
  } else if (phase === 'export-aegis') {
    writeFileSync(file, await exportAegisEncrypted(drafts, PASSWORD, nodeImportCrypto));
  } else {
    writeFileSync(file, exportUriList(drafts));
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const measure: Measure = { ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), maxRssMiB: mib(process.resourceUsage().maxRSS * 1024), startRssMiB: mib(startRss) };
  process.stdout.write(JSON.stringify(measure));
}

function measure(phase: string, file: string): Measure {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, self, '--phase', phase, file], { encoding: 'utf8' });
  return JSON.parse(out) as Measure;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function parent(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'twofold-bench-import-'));
  try {
    const aegisFile = join(dir, 'export.json');
    const results: Record<string, { ms: number; cpuMs: number; maxRssMiB: number; startRssMiB: number; bytes?: number }> = {};
    for (const [name, phase, file] of [
      ['scrypt alone (N=2^15, r=8, p=1)', 'kdf', join(dir, 'none')],
      ['export 1,000 accounts to Aegis encrypted', 'export-aegis', aegisFile],
      ['import a 1,000-account Aegis encrypted file', 'import', aegisFile],
      ['export 1,000 accounts to an otpauth list', 'export-uris', join(dir, 'links.txt')],
    ] as const) {
      const samples = Array.from({ length: RUNS }, () => measure(phase, file));
      results[name] = { ms: median(samples.map((s) => s.ms)), cpuMs: median(samples.map((s) => s.cpuMs)), maxRssMiB: median(samples.map((s) => s.maxRssMiB)), startRssMiB: median(samples.map((s) => s.startRssMiB)), ...(phase === 'kdf' ? {} : { bytes: readFileSync(file).length }) };
    }
    console.log(`Import/export, ${ACCOUNTS} accounts, scrypt N=2^15 r=8 p=1, median of ${RUNS} fresh processes (load average ${loadavg()[0]!.toFixed(1)}):`);
    for (const [name, r] of Object.entries(results)) {
      const file = r.bytes === undefined ? '' : `   file ${(r.bytes / 1024).toFixed(0)} KiB`;
      console.log(`  ${name.padEnd(46)} ${String(r.ms).padStart(6)} ms (CPU ${r.cpuMs} ms)   peak RSS ${r.maxRssMiB} MiB (process start ${r.startRssMiB} MiB)${file}   ${r.ms < 1000 ? 'under' : 'OVER'} the 1 s target`);
    }
    console.log(JSON.stringify({ bench: 'import-export', accounts: ACCOUNTS, results }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const phaseIndex = process.argv.indexOf('--phase');
if (phaseIndex >= 0) await child(process.argv[phaseIndex + 1]!, process.argv[phaseIndex + 2]!);
else await parent();
