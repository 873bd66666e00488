#!/usr/bin/env node
// The `twofold` command. The TypeScript in cli/ is built to out/node/twofold.js by
// `npm run build` (vite.node.config.ts); this launcher only loads it.
import { existsSync } from 'node:fs';

const entry = new URL('../out/node/twofold.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('twofold: the command is not built yet; run `npm run build` in the Twofold folder first.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
