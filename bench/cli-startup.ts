import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { BIN, ensureCliBuilt } from '../test/cli/cli-build';

/**
 * CPU cost of `twofold code URI` against a bare `node -e 0`, measured in one run, pair by pair
 * (issue #12: at most 1.3×). Each pair runs both programs back to back, so machine load hits
 * both alike; the ratio of each pair and the median ratio are printed. CPU (user + system) of
 * each child comes from wait4(2)'s rusage (microseconds) through a small python3 wrapper: GNU
 * time rounds to 10 ms, more than the difference being measured.
 */
const PAIRS = 25;
const URI = 'otpauth://totp/Bench:ana?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bench';

const WRAPPER = `
import os, sys, json
out = []
for argv in json.loads(sys.argv[1]):
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY); os.dup2(fd, 1)
        os.execv(argv[0], argv)
    _, status, ru = os.wait4(pid, 0)
    if status != 0: raise SystemExit('child failed: %r' % (argv,))
    out.append((ru.ru_utime + ru.ru_stime) * 1000)
print(json.dumps(out))
`;

function cpuMs(commands: string[][]): number[] {
  return JSON.parse(execFileSync('python3', ['-c', WRAPPER, JSON.stringify(commands)], { encoding: 'utf8' })) as number[];
}

ensureCliBuilt();
const bare = [process.execPath, '-e', '0'];
const code = [process.execPath, BIN, 'code', URI];
cpuMs([bare, code]); // warm the file cache
const ratios: number[] = [];
const bareMs: number[] = [];
const codeMs: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  // Alternate which runs first so neither always gets the warmer cache.
  const [a, b] = i % 2 === 0 ? cpuMs([bare, code]) : cpuMs([code, bare]).reverse();
  bareMs.push(a!);
  codeMs.push(b!);
  ratios.push(b! / a!);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
console.log(`twofold code URI vs node -e 0, CPU (user+sys) per pair, ${PAIRS} pairs (load average ${loadavg()[0]!.toFixed(2)}):`);
console.log(ratios.map((r, i) => `  pair ${String(i + 1).padStart(2)}: node ${bareMs[i]!.toFixed(1)} ms, twofold code ${codeMs[i]!.toFixed(1)} ms, ratio ${r.toFixed(2)}`).join('\n'));
console.log(`median: node -e 0 ${median(bareMs).toFixed(1)} ms, twofold code ${median(codeMs).toFixed(1)} ms, ratio ${median(ratios).toFixed(2)}× (target ≤ 1.3×)`);
