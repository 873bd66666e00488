import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { oathtoolTotp } from '../codes-window/oathtool';
import { busyBackground, createCanvas, drawQr, qrExtent } from './corpus/raster';
import { createRng } from './corpus/prng';
import { ScanWindow } from './support/scan-window';
import { y4mFromCanvas } from './support/y4m';

/**
 * Camera end to end: Chromium's fake capture device plays a .y4m that shows a QR code on a busy
 * background; the codes window's camera scanner decodes it in its Web Worker (zxing-wasm loaded
 * from the app's own files), main classifies it, the user confirms, and the account's code is
 * oathtool's.
 */
const SECRET = 'KRSXG5CTMVRXEZLU';
const URI = `otpauth://totp/Camera%20Co:dana@example.com?secret=${SECRET}&issuer=Camera%20Co`;
let dir: string;
let video: string;
let win: ScanWindow | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-camera-'));
  const frame = createCanvas(640, 480);
  busyBackground(frame, createRng(7));
  const side = qrExtent(URI, 6);
  drawQr(frame, URI, { x: (640 - side) / 2, y: (480 - side) / 2, module: 6 });
  video = join(dir, 'qr.y4m');
  await writeFile(video, y4mFromCanvas(frame, 10));
});
afterAll(async () => {
  await win?.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await win?.close();
  win = undefined;
});

describe('camera scan in Chromium', () => {
  it('reads a QR code from the fake camera, shows it for confirmation, and adds it', async () => {
    win = await ScanWindow.open({
      chromiumArgs: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, '--use-fake-ui-for-media-stream'],
    });
    const dialog = await win.openScanDialog();
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect.poll(() => dialog.getByRole('heading', { name: /1 account found/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    const candidate = dialog.getByRole('checkbox', { name: /Camera Co/ });
    expect(await candidate.isChecked()).toBe(true);
    await expect.poll(() => dialog.getByText('TOTP · SHA1 · 6 digits · 30 s · from Camera').isVisible()).toBe(true);
    await win.page.screenshot({ path: join(process.cwd(), 'test-results', 'screens', 'scan-camera-review.png') });
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await win.row('Camera Co').waitFor();
    await expect.poll(async () => [oathtoolTotp(SECRET, Date.now()), oathtoolTotp(SECRET, Date.now() - 2000)].includes(await win!.codeShownFor('Camera Co'))).toBe(true);
    expect(win.services.vault.accounts().map((a) => a.otp.secret)).toEqual([SECRET]);
    expect(win.pageErrors).toEqual([]);
  });

  it('says clearly when camera permission is denied, and the other sources keep working', async () => {
    win = await ScanWindow.open({ chromiumArgs: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, '--deny-permission-prompts'] });
    const dialog = await win.openScanDialog();
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText(), { timeout: 20_000 }).toMatch(/not allowed to use the camera\. Allow camera access for Twofold/);
    expect(await dialog.getByRole('button', { name: 'Open image…' }).isEnabled()).toBe(true);
    expect(win.pageErrors).toEqual([]);
  });
});
