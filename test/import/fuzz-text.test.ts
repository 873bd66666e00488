import fc from 'fast-check';
import { describe, it } from 'vitest';
import { enteFile, googleMigrationFile, uriListFile } from './fuzz-arbitraries';
import { RUNS, expectCleanOutcome, fuzz } from './fuzz-kit';

/** Fuzzing of the text formats and of format detection (a file of its own to use both cores). */
describe('fuzzed text inputs never crash a parser', () => {
  fuzz('ente', enteFile, (text) => ({ text }), 'ente');
  fuzz('google migration text', googleMigrationFile, (text) => ({ text }), 'google-migration-text');
  fuzz('otpauth URI list', uriListFile, (text) => ({ text }), 'uri-list');

  it(`format detection: ${RUNS} arbitrary texts and byte strings never crash`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 80 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 80 }).map((b) => new TextDecoder().decode(b))),
        async (text) => {
          await expectCleanOutcome(text);
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
