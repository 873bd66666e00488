import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ImportError, readImportFile, type ImportFormat } from '../../shared/import';
import { AccountDraftSchema } from '../../shared/otp/account';
import { fakeCrypto } from './fake-crypto';

/**
 * Fuzzing: at least 10,000 generated files per parser. A parser either returns valid drafts (each
 * passes AccountDraftSchema unchanged) or throws an ImportError naming the file; nothing else
 * escapes (no TypeError, no RangeError, no hang). Structure is fuzzed with a fast fake
 * ImportCrypto; a few cases run the real KDFs on damaged real files.
 */
export const RUNS = 10_000;
const enc = new TextEncoder();

export async function expectCleanOutcome(text: string, password?: string, format?: ImportFormat): Promise<'ok' | 'error'> {
  const file = 'fuzz.input';
  try {
    const result = await readImportFile({ file, bytes: enc.encode(text), ...(password === undefined ? {} : { password }), ...(format ? { format } : {}) }, fakeCrypto);
    for (const account of result.accounts) expect(AccountDraftSchema.parse(account)).toEqual(account);
    for (const skipped of result.skipped) expect(typeof skipped.entry === 'string' && skipped.reason.length > 0).toBe(true);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    expect(error.file).toBe(file);
    expect(error.message.startsWith(`${file}: `)).toBe(true);
    return 'error';
  }
}

export function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, toInput: (value: T) => Promise<{ text: string; password?: string }> | { text: string; password?: string }, format?: ImportFormat) {
  it(`${name}: ${RUNS} generated files never crash`, async () => {
    const outcomes = { ok: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => {
        const { text, password } = await toInput(value);
        outcomes[await expectCleanOutcome(text, password, format)]++;
      }),
      { numRuns: RUNS },
    );
    // The generators must reach the happy path too, or the fuzzing proves little.
    expect(outcomes.ok).toBeGreaterThan(RUNS / 50);
    expect(outcomes.error).toBeGreaterThan(RUNS / 50);
  }, 120_000);
}

