import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultService } from '../../electron/main/services/vault';
import { bytesToBase32, type AccountDraft } from '../../shared/otp';
import { oathtoolHotp, oathtoolTotp } from '../codes-window/oathtool';
import { PASSWORD, tempDir, totpDraft } from './vault-test-kit';

/**
 * Issue #12 item 7, as a user would notice it: a memory dump of the app taken after it locked
 * reveals no secret. A separate process (fixtures/memory-probe.ts) unlocks a vault this test
 * made, computes every code and locks; this test reads that process's whole memory through
 * /proc/<pid>/mem (as a debugger or a core dump would) and its V8 heap snapshot, and looks for
 * each account's secret as raw bytes and as base32 text.
 *
 * The memory scan finds flat strings (what JSON.parse, JSON.stringify and most string operations
 * make: breaking the code so the codes cache holds a JSON copy of an account fails it), and the
 * heap snapshot finds reachable strings of any shape. It was seen failing with the lock not
 * wiping the vault's secrets, with the decrypted plaintext left unzeroed, and with otpauth's own
 * HMAC (whose Buffer.from copy of the key is never zeroed).
 *
 * Scope: the unlock → codes → lock path. Paths where the user asks for a secret as text (export,
 * reveal, import) make JavaScript strings, which no lock can erase (see the DESIGN notes in
 * shared/otp/secret-bytes.ts and vault-service.ts).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const PROBE = join(import.meta.dirname, 'fixtures/memory-probe.ts');
const AT_MS = Date.UTC(2026, 11, 6, 5, 0, 12);
const canReadMemory = process.platform === 'linux';

let dir: string;
let cleanup: () => Promise<void>;
let child: ChildProcessWithoutNullStreams | null = null;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  child?.kill();
  child = null;
  await cleanup();
});

/** Which of `patterns` occur anywhere in the readable memory of process `pid`. */
function patternsInMemory(pid: number, patterns: Buffer[]): Set<number> {
  const found = new Set<number>();
  const overlap = Math.max(...patterns.map((p) => p.length)) - 1;
  const chunk = Buffer.alloc(8 * 1024 * 1024 + overlap);
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
      const match = /^([0-9a-f]+)-([0-9a-f]+) (\S+)(?:\s+\S+){3}\s*(.*)$/.exec(line);
      if (!match || !match[3]!.startsWith('r') || /\[(vvar|vsyscall)\]/.test(match[4]!)) continue;
      const end = parseInt(match[2]!, 16);
      for (let at = parseInt(match[1]!, 16); at < end; at += chunk.length - overlap) {
        let length: number;
        try {
          length = readSync(fd, chunk, 0, Math.min(chunk.length, end - at), at);
        } catch {
          break; // a region the kernel will not let us read (guard pages)
        }
        const view = chunk.subarray(0, length);
        patterns.forEach((p, i) => view.includes(p) && found.add(i));
      }
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

function draft(i: number, otp: AccountDraft['otp']): AccountDraft {
  return { ...totpDraft(i), issuer: `Dump issuer ${i}`, otp };
}

describe.skipIf(!canReadMemory)('a memory dump after lock (issue #12 item 7)', () => {
  it('holds no secret, as bytes or as base32, once the vault locked after unlock and codes', async () => {
    const secrets = [randomBytes(20), randomBytes(32), randomBytes(26)];
    const drafts = [
      draft(0, { type: 'totp', secret: bytesToBase32(secrets[0]!), algorithm: 'SHA1', digits: 6, period: 30 }),
      draft(1, { type: 'totp', secret: bytesToBase32(secrets[1]!), algorithm: 'SHA256', digits: 8, period: 30 }),
      draft(2, { type: 'hotp', secret: bytesToBase32(secrets[2]!), algorithm: 'SHA1', digits: 6, counter: 3 }),
    ];
    const path = join(dir, 'vault.json');
    const vault = await VaultService.open({ path, autoLockMinutes: 0 });
    await vault.create(PASSWORD);
    // Filler accounts make the plaintext about 300 KiB, past glibc's mmap threshold, where a
    // buffer Node shrinks is moved (see DECRYPT_PIECE_BYTES in vault-crypto.ts).
    const fillers = Array.from({ length: 700 }, (_, i) => draft(10 + i, { type: 'totp', secret: bytesToBase32(randomBytes(20)), algorithm: 'SHA1', digits: 6, period: 30 }));
    await vault.addAccounts([...drafts, ...fillers]);
    await vault.close();
    const raw = secrets.map((s) => Buffer.from(s));
    const text = drafts.map((d) => Buffer.from(d.otp.secret, 'latin1'));
    const expected = drafts.map((d) =>
      d.otp.type === 'hotp' ? oathtoolHotp(d.otp.secret, d.otp.counter) : oathtoolTotp(d.otp.secret, AT_MS, { digits: d.otp.digits, algorithm: d.otp.algorithm.toLowerCase() as 'sha1' }),
    );

    const snapshot = join(dir, 'after-lock.heapsnapshot');
    child = spawn(process.execPath, ['--import', 'tsx', PROBE, path, PASSWORD, snapshot, String(AT_MS)], { cwd: ROOT });
    const probe = child;
    const stderr: string[] = [];
    probe.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
    const lines = createInterface({ input: probe.stdout })[Symbol.asyncIterator]();
    const nextLine = async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`the probe ended early: ${stderr.join('')}`);
      return value as string;
    };

    const unlocked = await nextLine();
    expect(unlocked.startsWith('unlocked ')).toBe(true);
    expect(JSON.parse(unlocked.slice('unlocked '.length)).slice(0, drafts.length)).toEqual(expected);
    // While unlocked the secrets are in memory as bytes (the scan can find them), never as text.
    expect(patternsInMemory(probe.pid!, raw).size).toBe(raw.length);
    expect([...patternsInMemory(probe.pid!, text)]).toEqual([]);

    probe.stdin.write('lock\n');
    expect(await nextLine()).toBe('locked');
    expect([...patternsInMemory(probe.pid!, [...raw, ...text])]).toEqual([]);
    probe.stdin.write('snapshot\n');
    expect(await nextLine()).toBe('snapshot');
    const heap = readFileSync(snapshot);
    expect(heap.includes(path)).toBe(true); // the snapshot does hold what the locked vault still references
    expect(text.filter((t) => heap.includes(t))).toEqual([]);
    probe.stdin.write('exit\n');
  }, 60_000);
});
