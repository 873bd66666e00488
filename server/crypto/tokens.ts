import { createHash, randomFillSync, timingSafeEqual } from 'node:crypto';
import { SPLIT_TOKEN_PATTERN } from '../../shared/admin-api';

/**
 * CSPRNG bytes drawn from a pool refilled 4 KiB at a time. Each synchronous `randomBytes()` call
 * costs ~10 µs of fixed overhead (a crypto job per call) while the bytes themselves are nearly
 * free; a sign-in draws twice (ticket and API key secrets), so the pool saves ~15 µs per sign-in. Node's own
 * `crypto.randomUUID()` buffers its entropy the same way. Every byte comes from OpenSSL's CSPRNG
 * (RAND_bytes) and is handed out once: the slice is zeroed in the pool as it is copied out.
 *
 * Key material: the pool holds the bytes of tokens not yet issued.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function poolBytes(n: number): Buffer {
  if (n > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} bytes per draw`);
  if (poolOffset + n > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + n));
  pool.fill(0, poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

/**
 * Bearer tokens (tickets, session cookies, API keys) are split tokens, `<selector>.<secret>`:
 * the selector is the row's integer key, drawn at random (not secret), the secret is 256 bits from the CSPRNG
 * (base64url) and only its SHA-256 hash (the verifier) is stored. With 256 random bits a salt
 * adds nothing. The row is found by its integer key (the table's own B-tree, no second index);
 * the key is random rather than sequential so it reveals nothing about other tokens (issue #11),
 * at the price of inserts landing on random pages of a table that sweeping keeps small.
 * The secret is compared in constant time.
 */
export interface NewSecret {
  /** Key material: goes to the client once, inside the token. Never log it. */
  secret: string;
  /** SHA-256 of the secret: what the database keeps. */
  verifier: Buffer;
}

export function newSecret(): NewSecret {
  const secret = poolBytes(32).toString('base64url');
  return { secret, verifier: verifierOf(secret) };
}

function verifierOf(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function formatSplitToken(prefix: string, selector: number | bigint, secret: string): string {
  return `${prefix}${selector}.${secret}`;
}

/** The selector and secret of a token this server issued with `prefix`, or null for anything else. */
export function parseSplitToken(token: string, prefix: string): { selector: number; secret: string } | null {
  if (!token.startsWith(prefix)) return null;
  const m = SPLIT_TOKEN_PATTERN.exec(token.slice(prefix.length));
  if (!m?.[1] || !m[2]) return null;
  return { selector: Number(m[1]), secret: m[2] };
}

/** Constant-time check of a presented secret against the stored verifier. */
export function secretMatches(verifier: Buffer, secret: string): boolean {
  const presented = verifierOf(secret);
  return verifier.length === presented.length && timingSafeEqual(verifier, presented);
}

/**
 * A random selector for a new token row: 15 decimal digits (10^14 to 10^15 - 1, ~49.7 bits), so a
 * selector does not reveal how many tokens were issued, nor find a neighbour's row. It is not
 * secret (the 256-bit secret beside it is what authenticates); it only has to be unpredictable
 * enough not to leak counts. Fits SPLIT_TOKEN_PATTERN and a JS number exactly.
 */
export function randomSelector(): number {
  const b = poolBytes(8);
  const n = b.readBigUInt64BE() % 900_000_000_000_000n;
  return Number(n) + 100_000_000_000_000;
}

export function newId(prefix: string): string {
  return `${prefix}_${poolBytes(12).toString('base64url')}`;
}
