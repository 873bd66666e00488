import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bytesToBase32, generateCode, HASH_ALGORITHMS, type OtpParams } from '../../shared/otp';

/**
 * Our codes against an independent implementation: Debian's `oathtool` (OATH Toolkit), on 240
 * random accounts and instants drawn from a fixed seed so a failure reproduces.
 *
 * oathtool's HOTP mode is SHA1-only, so SHA256/SHA512 HOTP cases are checked through its TOTP
 * mode with a 1-second step at T = counter seconds, which is the same HMAC input (RFC 6238 §4:
 * TOTP = HOTP(K, floor(T / X))).
 */

const SEED = 0x2f01d;
const CASES = 240;
const PARALLEL = 6;
const run = promisify(execFile);

/** mulberry32: a tiny seeded PRNG, enough for reproducible test data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  otp: OtpParams;
  atSeconds: number;
  args: string[];
}

function makeCases(): Case[] {
  const random = prng(SEED);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const cases: Case[] = [];
  for (let i = 0; i < CASES; i++) {
    const bytes = new Uint8Array(int(10, 64));
    for (let b = 0; b < bytes.length; b++) bytes[b] = int(0, 255);
    const secret = bytesToBase32(bytes);
    const algorithm = HASH_ALGORITHMS[int(0, 2)] ?? 'SHA1';
    const digits = int(6, 8);
    if (i % 3 === 2) {
      const counter = i % 2 === 0 ? int(0, 20) : int(0, 2 ** 40);
      const otp: OtpParams = { type: 'hotp', secret, algorithm, digits, counter };
      const args =
        algorithm === 'SHA1'
          ? ['-c', String(counter), '-d', String(digits), '-b', secret]
          : [`--totp=${algorithm.toLowerCase()}`, '-s', '1', '-N', `@${counter}`, '-d', String(digits), '-b', secret];
      cases.push({ otp, atSeconds: 0, args });
    } else {
      const period = i % 4 === 0 ? 30 : int(1, 300);
      const atSeconds = int(0, 4_102_444_800); // up to 2100-01-01
      const otp: OtpParams = { type: 'totp', secret, algorithm, digits, period };
      const args = [`--totp=${algorithm.toLowerCase()}`, '-s', String(period), '-N', `@${atSeconds}`, '-d', String(digits), '-b', secret];
      cases.push({ otp, atSeconds, args });
    }
  }
  return cases;
}

async function oathtool(args: string[]): Promise<string> {
  const { stdout } = await run('oathtool', args, { timeout: 10_000 });
  return stdout.trim();
}

describe('codes agree with oathtool', () => {
  const cases = makeCases();

  it('covers every algorithm, digit count and type', () => {
    const kinds = new Set(cases.map((c) => `${c.otp.type}/${c.otp.algorithm}/${c.otp.digits}`));
    expect(kinds.size).toBe(18);
  });

  it(`${CASES} random accounts and instants (seed ${SEED})`, async () => {
    const expected: string[] = new Array(cases.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < cases.length) {
          const index = next++;
          expected[index] = await oathtool((cases[index] as Case).args);
        }
      }),
    );
    const mismatches = cases
      .map((c, index) => ({ args: c.args.join(' '), ours: generateCode(c.otp, c.atSeconds * 1000), oathtool: expected[index] }))
      .filter((row) => row.ours !== row.oathtool);
    expect(mismatches).toEqual([]);
  }, 60_000);
});
