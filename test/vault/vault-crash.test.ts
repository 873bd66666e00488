import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import { testProtector } from './fixtures/test-protector';
import { PASSWORD, tempDir } from './vault-test-kit';

/**
 * Crash safety: a child process saves the vault in a loop and is killed with SIGKILL at random
 * moments, many times. After every kill the vault must open with either the content before the
 * interrupted save or the content after it: never neither, never a mix.
 */

const KILLS = 60;
const TIME_BUDGET_MS = 20_000;
/** On a loaded shared machine fewer kills fit in the budget; this many are made regardless. */
const MIN_KILLS = 20;

let dir: string;
let cleanup: () => Promise<void>;
let saver: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  // Bundled once into a plain .mjs so each restart costs a bare `node` start, not a TS loader.
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: join(import.meta.dirname, 'fixtures/crash-saver.ts'),
      outDir: join(dir, 'saver'),
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'saver.mjs' } },
    },
    ssr: { noExternal: true },
  });
  saver = join(dir, 'saver', 'saver.mjs');
});
afterAll(() => cleanup());

interface Run {
  found: number;
  foundIssuersInOrder: boolean;
  lastAcked: number;
  stderr: string;
}

/** Starts the saver, lets it save for a random moment, kills it, and reports what it said. */
function runAndKill(path: string, killAfterMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [saver, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { found: -1, foundIssuersInOrder: false, lastAcked: -1, stderr: '' };
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, a, b] = line.split(' ');
      if (word === 'found') {
        run.found = Number(a);
        run.foundIssuersInOrder = b === 'ordered';
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      } else if (word === 'saved') run.lastAcked = Number(a);
    });
    child.on('error', reject);
    child.on('close', () => resolve(run));
  });
}

describe('crash safety', () => {
  it(`a vault killed mid-save (${KILLS} SIGKILLs at random points) always opens with the old or the new content`, async () => {
    const path = join(dir, 'vault.json');
    const vault = await VaultService.open({ path, keyProtector: testProtector });
    await vault.create(PASSWORD, { keychain: true, allowInsecureKeychain: true });
    await vault.close();

    let acked = 0;
    let kills = 0;
    let killedMidSave = 0;
    const started = Date.now();
    // Stop at KILLS or when the time budget is spent, but never before MIN_KILLS (a loaded
    // machine then takes longer rather than proving less).
    while (kills < KILLS && (Date.now() - started < TIME_BUDGET_MS || kills < MIN_KILLS)) {
      const run = await runAndKill(path, Math.random() * 120);
      expect(run.stderr).toBe('');
      // What the child found is what the previous child last saved: the acknowledged save, or one
      // more whose acknowledgement the kill cut off.
      expect(run.found === acked || run.found === acked + 1, `found ${run.found} after ${acked} acknowledged saves`).toBe(true);
      expect(run.foundIssuersInOrder).toBe(true);
      if (run.found === acked + 1) killedMidSave++;
      acked = Math.max(run.found, run.lastAcked);
      kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);

    const reopened = await VaultService.open({ path });
    await reopened.unlock(PASSWORD);
    const count = reopened.accounts().length;
    expect(count === acked || count === acked + 1).toBe(true);
    expect(reopened.accounts().map((a) => a.issuer)).toEqual(Array.from({ length: count }, (_, i) => `Save ${i + 1}`));
    await reopened.close();
    console.info(`crash safety: ${kills} kills, ${acked} acknowledged saves, ${killedMidSave} kills between a save and its acknowledgement`);
    // Temporary files of killed savers are tidied away on the next unlock.
    await vi.waitFor(async () => expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]));
  }, 120_000);
});
