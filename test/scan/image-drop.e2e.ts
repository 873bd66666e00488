import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatMigrationUris } from '../../shared/otp/google-migration';
import { oathtoolTotp } from '../codes-window/oathtool';
import { ScanWindow } from './support/scan-window';
import { encode, qrCanvas } from './support/qr-images';

/**
 * Drag-and-drop in the codes window: a three-page Google Authenticator export dropped page by
 * page, out of order (progress and the missing pages are shown), then confirmed; a file that is
 * not an image gets a clear message and the dialog keeps working.
 */
const SECRETS = ['JBSWY3DPEHPK3PXA', 'JBSWY3DPEHPK3PXB', 'JBSWY3DPEHPK3PXC'];
let win: ScanWindow | undefined;
afterAll(() => win?.close());

/** Drops a file on the dialog's drop zone as a user's drag would (a real DataTransfer and drop event). */
async function drop(w: ScanWindow, bytes: Buffer, name: string, type: string): Promise<void> {
  // A string script: this file is type-checked without the DOM library.
  await w.page.evaluate(`(() => {
    const data = Uint8Array.from(atob(${JSON.stringify(bytes.toString('base64'))}), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], ${JSON.stringify(name)}, { type: ${JSON.stringify(type)} }));
    document.querySelector('.scan-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  })()`);
}

describe('dropping images on the scan dialog', () => {
  it('collects a three-page export out of order, naming missing pages, then adds all accounts', async () => {
    win = await ScanWindow.open();
    const drafts = SECRETS.map((secret, i) => ({ issuer: `Page${i + 1} Inc`, name: `user${i + 1}`, otp: { type: 'totp' as const, secret, algorithm: 'SHA1' as const, digits: 6, period: 30 } }));
    const pages = await Promise.all(formatMigrationUris(drafts, { batchId: 77, accountsPerPage: 1 }).map((uri) => encode(qrCanvas([uri]), 'png')));
    const dialog = await win.openScanDialog();

    await drop(win, Buffer.from('just text'), 'notes.txt', 'text/plain');
    await expect.poll(() => dialog.getByRole('alert').innerText(), { timeout: 20_000 }).toMatch(/notes\.txt is not a PNG, JPEG, WebP, BMP or GIF image/);

    await drop(win, pages[2]!, 'page3.png', 'image/png');
    await expect.poll(() => dialog.getByRole('status').first().innerText(), { timeout: 20_000 }).toMatch(/1 of 3 scanned\.\s+Pages 1 and 2 of 3 are missing: scan them to finish/);
    await drop(win, pages[0]!, 'page1.png', 'image/png');
    await expect.poll(() => dialog.getByRole('status').first().innerText(), { timeout: 20_000 }).toMatch(/2 of 3 scanned\.\s+Page 2 of 3 is missing: scan it to finish/);
    await win.page.screenshot({ path: join(process.cwd(), 'test-results', 'screens', 'scan-export-progress.png') });
    await drop(win, pages[1]!, 'page2.png', 'image/png');
    await dialog.getByRole('heading', { name: /3 accounts found/ }).waitFor();
    await expect.poll(() => dialog.getByText(/All 3 codes of the Google Authenticator export were scanned/).isVisible()).toBe(true);
    await win.page.screenshot({ path: join(process.cwd(), 'test-results', 'screens', 'scan-export-review.png') });
    await dialog.getByRole('button', { name: 'Add 3 accounts' }).click();
    await win.row('Page2 Inc').waitFor();
    expect(win.services.vault.accounts().map((a) => a.issuer)).toEqual(['Page1 Inc', 'Page2 Inc', 'Page3 Inc']);
    await expect.poll(async () => [oathtoolTotp(SECRETS[1]!, Date.now()), oathtoolTotp(SECRETS[1]!, Date.now() - 2000)].includes(await win!.codeShownFor('Page2 Inc'))).toBe(true);
    expect(win.pageErrors).toEqual([]);
  });
});
