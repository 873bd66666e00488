import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WorkerQrDecoder } from '../../electron/main/services/scan/worker-qr-decoder';
import { ScanService } from '../../electron/main/services/scan/scan-service';
import type { CaptureResult, ClipboardImage, ScreenCapture } from '../../electron/main/services/scan/scan-ports';
import { VaultService } from '../../electron/main/services/vault';
import { encodeMigrationPayload, formatMigrationUri, formatMigrationUris } from '../../shared/otp/google-migration';
import type { ScanOutcome } from '../../shared/ipc/scan-channels';
import { createCanvas } from './corpus/raster';
import { encode, encodeBmp, pngHeaderOnly, qrCanvas, transparentPng } from './support/qr-images';

const PASSWORD = 'correct horse battery';
const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/peers/google_migration_uris.txt');
const GITHUB = 'otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const MASTODON = 'otpauth://totp/Mastodon:bob?secret=KRSXG5CTMVRXEZLU&issuer=Mastodon&digits=8&period=60&algorithm=SHA256';
const HOTP = 'otpauth://hotp/Acme:erin?secret=GEZDGNBVGY3TQOJQ&issuer=Acme&counter=7';

const decoder = new WorkerQrDecoder();
let dir: string;
let vault: VaultService;
let capture: { result: CaptureResult };
let clipboard: { image: ClipboardImage | null; text: string };
let scan: ScanService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-scan-'));
});
afterAll(async () => {
  await decoder.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  vault = await VaultService.open({ path: join(dir, `vault-${Math.random().toString(36).slice(2)}.json`), autoLockMinutes: 0 });
  await vault.create(PASSWORD);
  capture = { result: { kind: 'cancelled' } };
  clipboard = { image: null, text: '' };
  const screen: ScreenCapture = { captureAll: async () => capture.result };
  scan = new ScanService({
    decoder,
    vault,
    capture: screen,
    clipboard: { readImage: async () => clipboard.image, readText: async () => clipboard.text },
  });
});
afterEach(async () => {
  await vault.close();
});

function review(outcome: ScanOutcome) {
  if (outcome.status !== 'done') throw new Error(`expected a review, got ${outcome.status}`);
  return outcome.review;
}

async function imageFile(name: string, texts: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, await encode(qrCanvas(texts), 'png'));
  return path;
}

describe('Google Authenticator exports through the scan pipeline', () => {
  it('the two peer fixture URIs decode to the accounts their README lists', async () => {
    const [discord, tests] = (await readFile(FIXTURES, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const one = review(await scan.scanImageFile(await imageFile('discord.png', [discord!])));
    expect(one.candidates).toEqual([
      expect.objectContaining({ issuer: 'Discord', name: 'johndoe@example.com', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, duplicate: false }),
    ]);
    expect(scan.pendingCandidates()[0]!.draft.otp.secret).toBe('JRZCL47CMXVOQMNPZR2F7J4RGI');

    const three = review(await scan.scanImageFile(await imageFile('tests.png', [tests!])));
    expect(three.candidates.map((c) => [c.issuer, c.name, c.type, c.digits])).toEqual([
      ['Test1', 'test1@example1.com', 'totp', 6],
      ['Test2', 'test2@example2.com', 'totp', 6],
      ['Test3', 'test3@example3.com', 'totp', 6],
    ]);
    expect(scan.pendingCandidates().map((c) => c.draft.otp.secret)).toEqual(['JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXQ', 'JBSWY3DPEHPK3PXR']);
  });

  it('a three-page export scanned out of order completes, naming the missing pages on the way', async () => {
    const drafts = Array.from({ length: 6 }, (_, i) => ({
      issuer: `Service ${i + 1}`,
      name: `user${i + 1}@example.com`,
      otp: { type: 'totp' as const, secret: 'JBSWY3DPEHPK3PX' + 'ABCDEF'[i], algorithm: 'SHA1' as const, digits: 6, period: 30 },
    }));
    const pages = formatMigrationUris(drafts, { batchId: 4242, accountsPerPage: 2 });
    expect(pages).toHaveLength(3);

    const third = review(await scan.scanImageFile(await imageFile('page3.png', [pages[2]!])));
    expect(third.candidates).toEqual([]);
    expect(third.migration).toMatchObject({ message: '1 of 3 scanned', missingMessage: 'pages 1 and 2 of 3 are missing', complete: false });

    const first = review(await scan.scanImageFile(await imageFile('page1.png', [pages[0]!])));
    expect(first.migration).toMatchObject({ message: '2 of 3 scanned', missingMessage: 'page 2 of 3 is missing' });

    const again = review(await scan.scanImageFile(await imageFile('page1-again.png', [pages[0]!])));
    expect(again.notices).toContainEqual(expect.objectContaining({ kind: 'migration-page', message: 'Page 1 of 3 was already scanned.' }));

    const second = review(await scan.scanImageFile(await imageFile('page2.png', [pages[1]!])));
    expect(second.migration).toBeNull();
    expect(second.candidates.map((c) => c.issuer)).toEqual(drafts.map((d) => d.issuer));
    expect(second.notices).toContainEqual(expect.objectContaining({ kind: 'migration-complete' }));

    const added = await scan.confirm(second.candidates.map((c) => c.key));
    expect(added).toHaveLength(6);
    expect(vault.accounts().map((a) => a.otp.secret)).toEqual(drafts.map((d) => d.otp.secret));
    expect(JSON.stringify(added)).not.toContain('JBSWY3DPEHPK3PX');
  });

  it('finds every page of an export shown at once on one screen', async () => {
    const drafts = Array.from({ length: 3 }, (_, i) => ({
      issuer: `S${i}`,
      name: `u${i}`,
      otp: { type: 'totp' as const, secret: 'GEZDGNBVGY3TQOJ' + 'QRS'[i], algorithm: 'SHA1' as const, digits: 6, period: 30 },
    }));
    const pages = formatMigrationUris(drafts, { batchId: 7, accountsPerPage: 1 });
    capture.result = { kind: 'captured', displays: [{ id: '1', label: 'Display 1', image: qrCanvas([pages[1]!, pages[0]!, pages[2]!]) }] };
    const r = review(await scan.scanScreen());
    expect(r.codesFound).toBe(3);
    expect(r.candidates.map((c) => c.issuer)).toEqual(['S0', 'S1', 'S2']);
  });
});

describe('screen scans', () => {
  it('returns every code on every display, flags accounts the vault has, and adds only the picked ones', async () => {
    await scan.submitPayloads([GITHUB]);
    await scan.confirm(scan.pendingCandidates().map((c) => c.key));
    capture.result = {
      kind: 'captured',
      displays: [
        { id: '1', label: 'Display 1', image: qrCanvas([GITHUB, MASTODON]) },
        { id: '2', label: 'Display 2', image: qrCanvas([HOTP, MASTODON], 3) },
      ],
    };
    const r = review(await scan.scanScreen());
    expect(r.codesFound).toBe(3);
    expect(r.candidates.map((c) => [c.issuer, c.type, c.duplicate, c.source])).toEqual([
      ['GitHub', 'totp', true, 'Display 1'],
      ['Mastodon', 'totp', false, 'Display 1'],
      ['Acme', 'hotp', false, 'Display 2'],
    ]);
    expect(r.candidates[1]).toMatchObject({ algorithm: 'SHA256', digits: 8, period: 60, counter: null });
    expect(r.candidates[2]).toMatchObject({ counter: 7, period: null });
    expect(JSON.stringify(r)).not.toMatch(/KRSXG5CTMVRXEZLU|GEZDGNBVGY3TQOJQ/);

    const added = await scan.confirm([r.candidates[2]!.key]);
    expect(added.map((a) => a.issuer)).toEqual(['Acme']);
    expect(vault.accounts().map((a) => a.issuer)).toEqual(['GitHub', 'Acme']);
  });

  it('treats a dismissed screen picker as "scan cancelled", not an error', async () => {
    capture.result = { kind: 'cancelled' };
    expect(await scan.scanScreen()).toEqual({ status: 'cancelled', message: expect.stringContaining('cancelled') });
  });

  it('passes on the permission message when screen recording is not allowed', async () => {
    capture.result = { kind: 'permission-denied', message: 'Allow Twofold in System Settings > Privacy & Security > Screen Recording.' };
    await expect(scan.scanScreen()).rejects.toMatchObject({ code: 'capture-permission-denied', message: expect.stringContaining('Screen Recording') });
  });

  it('says so when no code is on screen', async () => {
    capture.result = { kind: 'captured', displays: [{ id: '1', label: 'Display 1', image: createCanvas(800, 600) }] };
    const r = review(await scan.scanScreen());
    expect(r.candidates).toEqual([]);
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'no-code', message: expect.stringContaining('No QR code was found on your screens') })]);
  });
});

describe('payloads that are not accounts', () => {
  it('names the scheme of a QR code that is not an authenticator code', async () => {
    const r = review(await scan.scanImageFile(await imageFile('foreign.png', ['https://example.com/login', 'WIFI:S:home;T:WPA;P:secret;;', 'just some words'])));
    expect(r.candidates).toEqual([]);
    const notices = r.notices.filter((n) => n.kind === 'not-authenticator');
    expect(notices.map((n) => n.scheme).sort()).toEqual(['https', 'wifi', null].sort());
    expect(notices[0]!.message).toMatch(/not an authenticator code/);
  });

  it('explains a broken otpauth code, a broken export and a zero-length secret, and adds nothing', async () => {
    const zeroSecret = formatMigrationUri(
      encodeMigrationPayload({ entries: [{ secret: new Uint8Array(0), name: 'x', issuer: 'Empty', algorithm: 1, digits: 1, type: 2, counter: 0 }], batch: { id: 1, index: 0, size: 1 } }),
    );
    const r = review(
      await scan.scanImageFile(
        await imageFile('bad.png', ['otpauth://totp/X?secret=not*base32', 'otpauth-migration://offline?data=CgYKAQ%3D%3D', zeroSecret, 'otpauth://totp/Y']),
      ),
    );
    expect(r.candidates).toEqual([]);
    expect(r.notices.filter((n) => n.kind === 'invalid-code')).toHaveLength(3);
    expect(r.notices).toContainEqual(expect.objectContaining({ kind: 'unsupported-account', message: expect.stringContaining('Empty') }));
    expect(vault.accounts()).toEqual([]);
  });
});

describe('image files and the clipboard', () => {
  const canvas = () => qrCanvas([GITHUB]);
  for (const format of ['png', 'jpeg', 'webp', 'gif'] as const) {
    it(`reads ${format.toUpperCase()}`, async () => {
      const r = review(await scan.scanImageBytes(await encode(canvas(), format), `code.${format}`));
      expect(r.candidates.map((c) => c.issuer)).toEqual(['GitHub']);
    });
  }
  it('reads BMP', async () => {
    const r = review(await scan.scanImageBytes(encodeBmp(canvas()), 'code.bmp'));
    expect(r.candidates.map((c) => c.issuer)).toEqual(['GitHub']);
  });
  it('reads a code saved on a transparent background', async () => {
    const r = review(await scan.scanImageBytes(await transparentPng(GITHUB), 'transparent.png'));
    expect(r.candidates.map((c) => c.issuer)).toEqual(['GitHub']);
  });

  it('refuses a truncated, empty, non-image, missing or 100-megapixel file with a clear message, then keeps working', async () => {
    const png = await encode(canvas(), 'png');
    await expect(scan.scanImageBytes(png.subarray(0, png.length / 2), 'half.png')).rejects.toMatchObject({ code: 'unreadable-image', message: expect.stringContaining('damaged or incomplete') });
    await expect(scan.scanImageBytes(new Uint8Array(0), 'empty.png')).rejects.toMatchObject({ code: 'empty-file' });
    await expect(scan.scanImageBytes(Buffer.from('%PDF-1.7 not an image'), 'doc.pdf')).rejects.toMatchObject({ code: 'unsupported-image', message: expect.stringContaining('PNG, JPEG, WebP, BMP or GIF') });
    await expect(scan.scanImageFile(join(dir, 'nope.png'))).rejects.toMatchObject({ code: 'file-not-found' });
    const huge = pngHeaderOnly(10_001, 10_000);
    const started = performance.now();
    await expect(scan.scanImageBytes(huge, 'huge.png')).rejects.toMatchObject({ code: 'image-too-large', message: expect.stringContaining('100 megapixels') });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(vault.accounts()).toEqual([]);
    expect(review(await scan.scanImageBytes(png, 'ok.png')).candidates).toHaveLength(1);
  });

  it('scans the clipboard image, or its otpauth text, and refuses other text', async () => {
    clipboard.image = { rgba: canvas() };
    expect(review(await scan.scanClipboard()).candidates.map((c) => c.issuer)).toEqual(['GitHub']);
    // Raw pixels with transparency (black modules over transparent black) are flattened on white.
    const see = canvas();
    for (let i = 0; i < see.data.length; i += 4) {
      const light = see.data[i]! > 128;
      see.data[i] = see.data[i + 1] = see.data[i + 2] = 0;
      see.data[i + 3] = light ? 0 : 255;
    }
    clipboard.image = { rgba: see };
    expect(review(await scan.scanClipboard()).candidates.map((c) => c.issuer)).toEqual(['GitHub']);
    clipboard.image = { encoded: await transparentPng(MASTODON) };
    expect(review(await scan.scanClipboard()).candidates.map((c) => c.issuer)).toEqual(['Mastodon']);
    clipboard.image = null;
    clipboard.text = `  ${MASTODON}\n`;
    expect(review(await scan.scanClipboard()).candidates.map((c) => c.issuer)).toEqual(['Mastodon']);
    clipboard.text = 'hello';
    await expect(scan.scanClipboard()).rejects.toMatchObject({ code: 'no-clipboard-content', message: expect.stringContaining('not an otpauth://') });
  });

  it('refuses to confirm candidates a later scan replaced', async () => {
    const first = review(await scan.submitPayloads([GITHUB]));
    await scan.submitPayloads([MASTODON]);
    await expect(scan.confirm([first.candidates[0]!.key])).rejects.toMatchObject({ code: 'nothing-pending' });
    expect(vault.accounts()).toEqual([]);
  });
});
