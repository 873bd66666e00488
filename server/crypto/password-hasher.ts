import { hash, verify } from '@node-rs/argon2';
import { normalizePassword } from '../../shared/password-rules';

/**
 * Argon2id password hashing (RFC 9106). @node-rs/argon2 uses Argon2id by default; the encoded
 * hash carries its own parameters, so hashes made with other settings still verify.
 */
export interface PasswordHashOptions {
  /** KiB */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP Password Storage Cheat Sheet: Argon2id, m=19 MiB, t=2, p=1. */
export const PRODUCTION_HASH_OPTIONS: PasswordHashOptions = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

/**
 * Deliberately weak, for tests and the benchmark only. `resolveHashOptions` refuses it unless the
 * caller opts in explicitly; never use it for real accounts.
 */
export const INSECURE_FAST_HASH_OPTIONS: PasswordHashOptions = { memoryCost: 8, timeCost: 1, parallelism: 1 };

/**
 * No limit on hashes in flight beyond libuv's pool (4 threads): a queue letting only `cores`
 * verifies run at once was measured (bench/server-throughput.ts, 3 runs each on 2 cores) at
 * 133–150 sign-in flows/s against 149–178 without it. Each handoff then waits for the main
 * thread, which is busy with HTTP, so a core sits idle between hashes.
 */
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(readonly options: PasswordHashOptions) {}

  /** Hashes the NFKC form (shared/password-rules.ts), so every Unicode variant of a password is the same password. */
  hash(password: string): Promise<string> {
    return hash(normalizePassword(password), this.options);
  }

  /**
   * Checks the NFKC form; a hash made before passwords were normalised may hold the raw form, which
   * is tried second only when it differs (ASCII passwords never pay twice).
   */
  async verify(encoded: string, password: string): Promise<boolean> {
    const normalized = normalizePassword(password);
    if (await this.verifyRaw(encoded, normalized)) return true;
    return normalized !== password && (await this.verifyRaw(encoded, password));
  }

  private async verifyRaw(encoded: string, password: string): Promise<boolean> {
    try {
      return await verify(encoded, password);
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real check, so an unknown username is not told apart by timing. */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash('twofold-dummy-password');
    await this.verify(await this.dummy, password);
    return false;
  }
}

/**
 * The cheap setting is only allowed when asked for explicitly: TWOFOLD_INSECURE_FAST_HASH=1
 * together with NODE_ENV=test, or the `--insecure-fast-hash` flag (used by the benchmark).
 */
export function resolveHashOptions(env: NodeJS.ProcessEnv, insecureFlag: boolean): PasswordHashOptions {
  const envAsks = env.TWOFOLD_INSECURE_FAST_HASH === '1';
  if (insecureFlag) return INSECURE_FAST_HASH_OPTIONS;
  if (envAsks && env.NODE_ENV !== 'test') {
    throw new Error('TWOFOLD_INSECURE_FAST_HASH=1 is refused unless NODE_ENV=test: it makes password hashes cheap to crack.');
  }
  return envAsks ? INSECURE_FAST_HASH_OPTIONS : PRODUCTION_HASH_OPTIONS;
}
