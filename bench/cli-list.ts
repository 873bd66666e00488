import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { VaultService } from '../electron/main/services/vault';
import { bytesToBase32 } from '../shared/otp';
import { BIN, ensureCliBuilt } from '../test/cli/cli-build';

/**
 * Peak memory (max RSS) of `twofold list` on a vault of 1,000 accounts, table and --json, run as
 * the real built command. RSS comes from GNU time (`/usr/bin/time -f %M`, Debian package `time`);
 * without it, from a wrapper that runs the CLI in-process and reports process.resourceUsage().
 */

const ACCOUNTS = 1_000;
const RUNS = 5;
const PASSWORD = 'benchmark password';
const GNU_TIME = '/usr/bin/time';

interface Sample {
  rssKiB: number;
  wallMs: number;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const argv = useTime
    ? ['-f', '%M', process.execPath, BIN, ...args]
    : [
        '--input-type=module',
        '-e',
        `const { main } = await import(${JSON.stringify(new URL('../out/node/twofold.js', import.meta.url).href)});
         process.exitCode = await main(process.argv.slice(1));
         process.on('exit', () => process.stderr.write('\\n' + process.resourceUsage().maxRSS + '\\n'));`,
        ...args,
      ];
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(command, argv, { env, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) return reject(new Error(`twofold ${args.join(' ')} failed: ${stderr}`));
      const rssKiB = Number(stderr.trim().split('\n').pop());
      resolve({ rssKiB, wallMs: performance.now() - start });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

ensureCliBuilt();
const dir = await mkdtemp(join(tmpdir(), 'twofold-bench-cli-'));
try {
  const path = join(dir, 'vault.json');
  const vault = await VaultService.open({ path, autoLockMinutes: 0 });
  await vault.create(PASSWORD);
  await vault.addAccounts(
    Array.from({ length: ACCOUNTS }, (_, i) => ({
      issuer: `Issuer ${i}`,
      name: `user${i}@example.com`,
      otp: { type: 'totp' as const, secret: bytesToBase32(randomBytes(20)), algorithm: 'SHA1' as const, digits: 6, period: 30 },
      tags: [],
      favourite: false,
      note: '',
    })),
  );
  await vault.close();

  const env = { PATH: process.env.PATH, HOME: dir, TWOFOLD_PASSWORD: PASSWORD };
  const results: Record<string, { peakRssMiB: number; maxPeakRssMiB: number; wallMs: number }> = {};
  for (const [name, args] of [
    ['table', ['list', '--vault', path]],
    ['json', ['list', '--vault', path, '--json']],
    ['help (baseline)', ['--help']],
  ] as const) {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await run([...args], env));
    results[name] = {
      peakRssMiB: +(median(samples.map((s) => s.rssKiB)) / 1024).toFixed(1),
      maxPeakRssMiB: +(Math.max(...samples.map((s) => s.rssKiB)) / 1024).toFixed(1),
      wallMs: Math.round(median(samples.map((s) => s.wallMs))),
    };
  }

  const source = existsSync(GNU_TIME) ? 'GNU time %M' : 'process.resourceUsage().maxRSS';
  console.log(`twofold list on ${ACCOUNTS} accounts, peak RSS of the child (${source}), median of ${RUNS}:`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(16)} ${r.peakRssMiB} MiB (max ${r.maxPeakRssMiB})  wall ${r.wallMs} ms`);
  }
  console.log('  list includes the scrypt unlock: N=2^15, r=8 needs 32 MiB of scrypt memory by design (RFC 7914 §2)');
  console.log(`  load average while measuring: ${loadavg()[0]!.toFixed(1)} (2 cores, shared)`);
  console.log(JSON.stringify({ bench: 'cli-list', accounts: ACCOUNTS, source, runs: RUNS, results, loadAverage: +loadavg()[0]!.toFixed(1) }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
