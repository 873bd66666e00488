// `npm run bench [name...]`: builds, then runs every benchmark in bench/ (or the named ones) one
// after another. Each prints its figures; none of them pass or fail.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const all = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();
const names = wanted.length ? all.filter((n) => wanted.includes(n)) : all;
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const name of names) {
  console.log(`\n=== bench/${name}.ts`);
  const r = spawnSync('npx', ['tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
