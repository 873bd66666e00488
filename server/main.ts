import { runCli } from './cli/run';

/** Entry point of `twofold-server` (built to out/node/twofold-server.js). */
// Files this process creates (database, WAL, key, policy) are for its owner only.
process.umask(0o077);
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exit(code);
