import { hash, verify } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';
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
 * At most `limit` Argon2 computations run at once; the rest wait in arrival order.
 *
 * Why: @node-rs/argon2 runs on libuv's thread pool (4 threads by default). With more memory-hard
 * hashes in flight than cores, they evict each other's 19 MiB blocks from the caches and each one
 * costs far more CPU (measured on 2 cores: 15 ms per verify at 4 in flight against 9 ms alone), so
 * sign-ins per second fall under load. Resizing the pool would also starve fs and crypto work that
 * shares it; a queue in front of the hasher limits only the hashes.
 */
export class HashSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((go) => this.waiting.push(go));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(
    readonly options: PasswordHashOptions,
    private readonly slots = new HashSlots(availableParallelism()),
  ) {}

  /** Hashes the NFKC form (shared/password-rules.ts), so every Unicode variant of a password is the same password. */
  hash(password: string): Promise<string> {
    const normalized = normalizePassword(password);
    return this.slots.run(() => hash(normalized, this.options));
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
      return await this.slots.run(() => verify(encoded, password));
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
