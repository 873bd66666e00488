// `npm test`: make sure the system tools the tests use are present (Debian's chromium, xvfb,
// oathtool, zbar-tools, imagemagick), build the app, then run every Vitest project.
//
// On Linux that is everything, and a missing tool fails. macOS and Windows (the CI matrix) have
// no Debian Chromium or Xvfb: there the unit tests and the _electron tests run, and unit test
// files that compare against a tool this machine lacks are left out, each named with the reason.
import { spawnSync } from 'node:child_process';

const windows = process.platform === 'win32';

function run(cmd, args) {
  // npm and npx are .cmd scripts on Windows, which Node starts only through a shell.
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: windows });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function has(tool) {
  return spawnSync(windows ? 'where' : 'which', [tool], { stdio: 'ignore' }).status === 0;
}

/** Unit test files that need a reference tool, by tool (oathtool: OATH Toolkit; zbarimg: ZBar). */
const TOOL_TESTS = {
  oathtool: ['test/otp/oathtool.test.ts', 'test/codes/codes-service.test.ts', 'test/cli/cli.test.ts'],
  zbarimg: ['test/import/import-service.test.ts'],
};
const ELECTRON_TESTS = ['test/electron', 'test/desktop/electron-shell.e2e.ts'];

const args = process.argv.slice(2);
if (process.platform === 'linux') {
  run('bash', ['scripts/ensure-system-deps.sh']);
  run('npm', ['run', 'build']);
  run('npx', ['vitest', 'run', ...args]);
} else {
  console.warn(`twofold: ${process.platform}: the renderer end-to-end tests drive Debian's Chromium under Xvfb and run on Linux only; running the unit tests and the _electron tests here.`);
  const excluded = [];
  for (const [tool, files] of Object.entries(TOOL_TESTS)) {
    if (has(tool)) continue;
    console.warn(`twofold: ${tool} is not installed: skipping ${files.join(', ')} (they compare with ${tool}; on Linux they always run).`);
    excluded.push(...files);
  }
  run('npm', ['run', 'build']);
  if (args.length > 0) {
    run('npx', ['vitest', 'run', ...args]);
  } else {
    run('npx', ['vitest', 'run', '--project', 'unit', ...excluded.flatMap((f) => ['--exclude', f])]);
    run('npx', ['vitest', 'run', '--project', 'e2e', ...ELECTRON_TESTS]);
  }
}
