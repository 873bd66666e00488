import { createServer } from '../../server/app';
import { INSECURE_FAST_HASH_OPTIONS, PRODUCTION_HASH_OPTIONS } from '../../server/crypto/password-hasher';
import type { Admission, Permit, PasswordThrottle } from '../../server/domain/password-throttle';

/**
 * The reference server for the benchmark's sign-in comparisons, over a seeded data directory:
 *   TWOFOLD_BENCH_DATA       the data directory
 *   TWOFOLD_BENCH_KEY        the server key (hex)
 *   TWOFOLD_BENCH_HASH       "production" (m=19 MiB, t=2) or "fast" (the cheap test setting)
 *   TWOFOLD_BENCH_THROTTLE   "off" replaces the password throttle with a no-op, in this bench
 *                            process only, to measure what its bookkeeping costs. The server has
 *                            no such switch: this file is not part of it.
 */
const server = await createServer({
  dataDir: process.env.TWOFOLD_BENCH_DATA as string,
  serverKey: Buffer.from(process.env.TWOFOLD_BENCH_KEY as string, 'hex'),
  passwordHashOptions: process.env.TWOFOLD_BENCH_HASH === 'production' ? PRODUCTION_HASH_OPTIONS : INSECURE_FAST_HASH_OPTIONS,
  logger: true,
  logLevel: 'warn',
  webRoot: null,
});
if (process.env.TWOFOLD_BENCH_THROTTLE === 'off') {
  const noop = {
    admit: (username: string, ip: string): Admission => ({ ok: true, permit: { account: username, address: ip, scope: 'known', failures: 0, hasRows: false } satisfies Permit }),
    release: () => undefined,
    failed: () => ({ failures: 0, delayedUntil: null, locked: false }),
    succeeded: () => undefined,
    unlock: () => undefined,
    forget: () => undefined,
  } as unknown as PasswordThrottle;
  (server.ctx as { throttle: PasswordThrottle }).throttle = noop;
}
const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${address}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
