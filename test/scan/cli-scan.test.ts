import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMigrationUris } from '../../shared/otp/google-migration';
import { BIN, ensureCliBuilt } from '../cli/cli-build';
import { encode, encodeBmp, pngHeaderOnly, qrCanvas } from './support/qr-images';

/** `twofold scan` as a user runs it: the built CLI in a child process, on real image files. */
const SECRET = 'JBSWY3DPEHPK3PXP';
const GITHUB = `otpauth://totp/GitHub:alice@example.com?secret=${SECRET}&issuer=GitHub`;
const HOTP = 'otpauth://hotp/Acme:erin?secret=GEZDGNBVGY3TQOJQ&issuer=Acme&counter=7&digits=8';
let dir: string;

beforeAll(async () => {
  ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'twofold-cli-scan-'));
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

function twofold(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

describe('twofold scan', () => {
  it('prints one JSON line per file with payloads (secrets redacted) and the accounts they decode to', async () => {
    const migration = formatMigrationUris(
      [{ issuer: 'Example', name: 'bob', otp: { type: 'totp', secret: 'KRSXG5CTMVRXEZLU', algorithm: 'SHA1', digits: 6, period: 30 } }],
      { batchId: 9 },
    )[0]!;
    await writeFile(join(dir, 'two.png'), await encode(qrCanvas([GITHUB, HOTP]), 'png'));
    await writeFile(join(dir, 'export.bmp'), encodeBmp(qrCanvas([migration])));
    await writeFile(join(dir, 'site.webp'), await encode(qrCanvas(['https://example.com']), 'webp'));
    const r = await twofold(['scan', 'two.png', 'export.bmp', 'site.webp', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(['two.png', 'export.bmp', 'site.webp']);
    expect(lines[0].ms).toEqual(expect.any(Number));
    expect(lines[0].payloads).toHaveLength(2);
    expect(lines[0].payloads).toContain('otpauth://totp/GitHub:alice@example.com?secret=REDACTED&issuer=GitHub');
    expect(lines[0].accounts).toContainEqual({ issuer: 'GitHub', account: 'alice@example.com', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null });
    expect(lines[0].accounts).toContainEqual({ issuer: 'Acme', account: 'erin', type: 'hotp', algorithm: 'SHA1', digits: 8, period: null, counter: 7 });
    expect(lines[1].payloads).toEqual(['otpauth-migration://offline?data=REDACTED']);
    expect(lines[1].accounts).toEqual([{ issuer: 'Example', account: 'bob', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null }]);
    expect(lines[2]).toMatchObject({ payloads: ['https://example.com'], accounts: [] });
    expect(lines[2].notes[0]).toMatch(/not an authenticator code.*"https:"/);
    expect(r.stdout).not.toContain(SECRET);
  });

  it('--reveal prints the secrets; the text form lists payloads and accounts', async () => {
    await writeFile(join(dir, 'one.jpg'), await encode(qrCanvas([GITHUB]), 'jpeg'));
    const revealed = await twofold(['scan', 'one.jpg', '--reveal']);
    expect(revealed.status).toBe(0);
    expect(revealed.stdout).toContain(GITHUB);
    expect(revealed.stdout).toMatch(/account: GitHub \/ alice@example\.com\s+\(totp, SHA1, 6 digits, 30 s\)/);
    const hidden = await twofold(['scan', 'one.jpg']);
    expect(hidden.stdout).not.toContain(SECRET);
    expect(hidden.stdout).toContain('secret=REDACTED');
  });

  it('reports each bad file on one stderr line, still scans the others, and exits 1', async () => {
    const png = await encode(qrCanvas([GITHUB]), 'png');
    await writeFile(join(dir, 'good.png'), png);
    await writeFile(join(dir, 'cut.png'), png.subarray(0, png.length >> 1));
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, 'huge.png'), pngHeaderOnly(12_000, 9_000));
    const r = await twofold(['scan', 'cut.png', 'notes.txt', 'good.png', 'huge.png', 'missing.gif', '--json']);
    expect(r.status).toBe(1);
    const errors = r.stderr.trim().split('\n');
    expect(errors.slice(0, 4)).toEqual([
      expect.stringMatching(/^twofold: cut\.png: .*damaged or incomplete/),
      expect.stringMatching(/^twofold: notes\.txt: .*not a PNG, JPEG, WebP, BMP or GIF image/),
      expect.stringMatching(/^twofold: huge\.png: .*108 megapixels.*up to 100 megapixels/),
      expect.stringMatching(/^twofold: missing\.gif: .*does not exist/),
    ]);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(['good.png']);
  });
});
