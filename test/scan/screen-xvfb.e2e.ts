import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X11ScreenCapture } from '../../electron/main/adapters/scan-x11-capture';
import { WorkerQrDecoder } from '../../electron/main/services/scan/worker-qr-decoder';
import { oathtoolTotp } from '../codes-window/oathtool';
import { ScanWindow } from './support/scan-window';
import { encode, qrCanvas } from './support/qr-images';
import { Xvfb } from './support/xvfb';

/**
 * A real screen end to end: Xvfb shows a QR code in an ImageMagick `display` window; the codes
 * window's "Scan screen" captures the X root window through the ScreenCapture port
 * (X11ScreenCapture: `import -window root`), decodes it in the worker thread, lists the account
 * for confirmation; the user adds it and its code is oathtool's.
 */
const SECRET = 'MFRGGZDFMZTWQ2LK';
const URI = `otpauth://totp/Xvfb%20Bank:erin@example.com?secret=${SECRET}&issuer=Xvfb%20Bank&period=30`;
let dir: string;
let x: Xvfb;
let win: ScanWindow | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-xvfb-'));
  x = await Xvfb.start();
  const png = join(dir, 'qr.png');
  await writeFile(png, await encode(qrCanvas([URI], 5), 'png'));
  x.run('display', ['-geometry', '+700+300', '-title', 'QR code', png]);
  // Wait until the window is really on the X screen: capture and decode until the code shows.
  const capture = new X11ScreenCapture(x.display);
  const decoder = new WorkerQrDecoder();
  try {
    for (let i = 0; i < 100; i++) {
      const shot = await capture.captureAll().catch(() => null);
      if (shot?.kind === 'captured' && (await decoder.decode(shot.displays[0]!.image)).length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await decoder.close();
  }
}, 60_000);
afterAll(async () => {
  await win?.close();
  await x?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('screen scan on a real X display', () => {
  it('finds the code shown in a window, asks for confirmation, adds the account and shows its code', async () => {
    win = await ScanWindow.open({ scan: { capture: new X11ScreenCapture(x.display) } });
    const dialog = await win.openScanDialog();
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await dialog.getByRole('heading', { name: /1 account found/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => dialog.getByText(/from X display :\d+ \(1920x1080\)/).isVisible()).toBe(true);
    expect(win.services.vault.accounts()).toEqual([]);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await win.row('Xvfb Bank').waitFor();
    await expect.poll(async () => [oathtoolTotp(SECRET, Date.now()), oathtoolTotp(SECRET, Date.now() - 2000)].includes(await win!.codeShownFor('Xvfb Bank'))).toBe(true);
    await win.page.screenshot({ path: join(process.cwd(), 'test-results', 'screens', 'scan-xvfb-added.png') });

    // Scanning the same screen again flags the account as already added and ticks nothing.
    const again = await win.openScanDialog();
    await again.getByRole('button', { name: 'Scan screen' }).click();
    await again.getByText('Already in Twofold').waitFor({ timeout: 30_000 });
    expect(await again.getByRole('checkbox', { name: /Xvfb Bank/ }).isChecked()).toBe(false);
    expect(await again.getByRole('button', { name: 'Add account' }).isDisabled()).toBe(true);
    await win.page.screenshot({ path: join(process.cwd(), 'test-results', 'screens', 'scan-xvfb-duplicate.png') });
    expect(win.pageErrors).toEqual([]);
  });
});
