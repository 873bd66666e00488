#!/usr/bin/env node
// `twofold-server`: runs the built reference MFA server (out/node/twofold-server.js).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../out/node/twofold-server.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('twofold-server is not built yet: run `npm run build` first.');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
