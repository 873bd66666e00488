// `npm start`: make sure Electron's binary is installed (electron's own installer downloads it;
// that needs network access), build, then run the app. Where the binary cannot be had, say so
// in one line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { installedElectronBinary, REPO_ROOT } from './electron-binary.mjs';

let binary = installedElectronBinary();
if (!binary) {
  const install = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'electron', 'install.js')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  binary = install.status === 0 ? installedElectronBinary() : null;
  if (!binary) {
    const reason = `${install.stderr ?? ''}${install.error?.message ?? ''}`.match(/(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT)[^\n]*/)?.[0];
    console.error(
      `twofold: Electron's binary is not installed and could not be downloaded${reason ? ` (${reason.trim()})` : ''}: run \`npx install-electron\` where the network is reachable, then \`npm start\` again.`,
    );
    process.exit(1);
  }
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: REPO_ROOT });
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawnSync(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit', cwd: REPO_ROOT });
process.exit(app.status ?? 0);
