// `npm test`: make sure the system tools the tests use are present (Debian's chromium, xvfb,
// oathtool, zbar-tools, imagemagick), build the app, then run every Vitest project.
import { spawnSync } from 'node:child_process';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('bash', ['scripts/ensure-system-deps.sh']);
run('npm', ['run', 'build']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
