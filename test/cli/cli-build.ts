import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BUILT_CLI = join(ROOT, 'out/node/twofold.js');
export const BIN = join(ROOT, 'bin/twofold.mjs');

const SOURCES = ['cli', 'shared', 'electron/main/services'];

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds out/node/twofold.js when it is missing or older than any source it bundles. Uses the
 * shared vite.node.config.ts; if that build fails (another entry mid-edit), builds the CLI alone.
 * A lock keeps two test files from building at once.
 */
export function ensureCliBuilt(): string {
  const newest = Math.max(...SOURCES.map((d) => newestSourceMtime(join(ROOT, d))));
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= newest) return BUILT_CLI;
  const build = (config: string) =>
    execFileSync('flock', ['/tmp/twofold-node-build.lock', 'npx', 'vite', 'build', '--logLevel', 'error', '-c', config], { cwd: ROOT, stdio: 'pipe' });
  try {
    build('vite.node.config.ts');
  } catch {
    build('test/cli/vite.cli-only.config.ts');
  }
  return BUILT_CLI;
}
