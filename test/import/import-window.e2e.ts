import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodesApp } from '../harness/codes-app';
import { PASSWORD, useCodesApp } from '../codes-window/setup';
import { peer } from './import-support';

/**
 * The import dialog, the window drop target and Settings → Export in the production renderer
 * build, in Chromium, over the app's real services (test/harness). Screenshots go to
 * test-results/screens/import-*.png.
 */
const harness = useCodesApp();

/** Drops a file built from `bytes` on `selector` (default: the window), as a user's drag would. */
async function dropFile(app: CodesApp, name: string, bytes: Uint8Array, selector = 'body') {
  // Runs in the page (DOM types are not in this Node project, hence the script text).
  const script = `(([name, data, selector]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], name, { type: name.endsWith('.json') ? 'application/json' : 'text/plain' }));
    const target = document.querySelector(selector);
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  })(${JSON.stringify([name, [...bytes], selector])})`;
  await app.page.evaluate(script);
}

describe('import and export in the codes window', () => {
  it('a dropped encrypted Aegis backup asks for its password, previews, then imports every account', async () => {
    const app = await harness.openUnlocked();
    await dropFile(app, 'aegis_encrypted.json', peer('aegis_encrypted.json'));
    const dialog = app.page.getByRole('dialog', { name: 'Import accounts' });
    await dialog.getByLabel('Password of aegis_encrypted.json', { exact: true }).fill('wrong');
    await dialog.getByRole('button', { name: 'Open file' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/Wrong password/);
    await dialog.getByLabel('Password of aegis_encrypted.json', { exact: true }).fill('test');
    await dialog.getByRole('button', { name: 'Open file' }).click();
    await dialog.getByRole('heading', { name: 'Will be added (7)' }).waitFor();
    await expect.poll(() => dialog.textContent()).toContain('WWE · Mason');
    await app.screenshot('import-preview');
    await dialog.getByRole('button', { name: 'Import 7 accounts' }).click();
    await app.toast().filter({ hasText: 'Imported 7 accounts' }).waitFor();
    await expect.poll(async () => (await app.accountOrder()).length).toBe(7);
  });

  it('from the add menu: duplicates and skipped entries are listed with reasons; a bad file says what is wrong', async () => {
    const app = await harness.openUnlocked();
    await app.seedAccounts(['otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno']);
    const dialog = await app.openAddMenuItem('Import from a file…');
    const bad = JSON.parse(new TextDecoder().decode(peer('aegis_plain.json')));
    bad.db.entries[3].info.secret = '0000';
    await dropFile(app, 'broken.json', new TextEncoder().encode(JSON.stringify(bad)), '.import-drop');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/^broken\.json: Entry 4 \(Issuu: James\) is damaged/);
    await app.screenshot('import-error');
    const motp = JSON.parse(new TextDecoder().decode(peer('aegis_plain.json')));
    motp.db.entries[1].type = 'motp';
    await dropFile(app, 'backup.json', new TextEncoder().encode(JSON.stringify(motp)), '.import-drop');
    await dialog.getByRole('heading', { name: 'Will be added (5)' }).waitFor();
    await dialog.getByRole('heading', { name: 'Already in Twofold, not added again (1)' }).waitFor();
    await expect.poll(() => dialog.getByRole('region', { name: 'Skipped' }).textContent()).toMatch(/entry 2 \(SPDX: James\)mOTP/);
    await app.screenshot('import-preview-duplicates');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await app.accountOrder()).toHaveLength(1);
  });

  it('Settings → Export: the vault password first, a backup through the save dialog, main\'s warning before plain links, a QR code', async () => {
    const app = await harness.openUnlocked();
    await app.seedAccounts(['otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno', 'otpauth://hotp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE&counter=3']);
    const target = path.join(app.dataDir, 'backup.json');
    app.fileDialogs.answerExport(target);
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const settings = app.page.getByRole('dialog');
    await settings.getByRole('button', { name: 'Export backup…' }).click();
    await settings.getByLabel('Your Twofold password', { exact: true }).fill('not it');
    await settings.getByLabel('Backup password', { exact: true }).fill('backup password');
    await settings.getByLabel('Repeat the backup password', { exact: true }).fill('backup password');
    await settings.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect.poll(() => settings.getByRole('alert').textContent()).toMatch(/Wrong password/);
    expect(app.fileDialogs.asked).toEqual([]);
    await app.screenshot('export-backup-wrong-password');
    await settings.getByLabel('Your Twofold password', { exact: true }).fill(PASSWORD);
    await settings.getByLabel('Repeat the backup password', { exact: true }).fill('backup password');
    await settings.getByRole('button', { name: 'Choose where to save…' }).click();
    await app.toast().filter({ hasText: 'Exported 2 accounts' }).waitFor();
    expect(app.fileDialogs.asked.map((a) => [a.kind, a.defaultName])).toEqual([['export', expect.stringMatching(/^twofold-aegis-export-.*\.json$/)]]);
    expect(JSON.parse(await readFile(target, 'utf8')).header.slots[0]).toMatchObject({ type: 1, repaired: true });

    await settings.getByRole('button', { name: 'Export links…' }).click();
    await expect.poll(() => settings.getByRole('alert').textContent()).toMatch(/will not be encrypted/);
    await app.screenshot('export-warning');
    await settings.getByLabel('Your Twofold password', { exact: true }).fill(PASSWORD);
    app.confirmDialog.answer(false);
    await settings.getByRole('button', { name: 'Continue…' }).click();
    await expect.poll(() => app.confirmDialog.shown.map((r) => r.confirmLabel)).toEqual(['Export unencrypted']);
    expect(app.fileDialogs.asked).toHaveLength(1);
    await settings.getByRole('button', { name: 'Cancel' }).first().click();

    await settings.getByRole('button', { name: 'Show QR code…' }).click();
    await settings.getByLabel('Your Twofold password', { exact: true }).fill('not it');
    await settings.getByRole('button', { name: 'Show QR code', exact: true }).click();
    await expect.poll(() => settings.getByRole('alert').textContent()).toMatch(/Wrong password/);
    await settings.getByLabel('Your Twofold password', { exact: true }).fill(PASSWORD);
    await settings.getByRole('button', { name: 'Show QR code', exact: true }).click();
    await settings.getByRole('img', { name: 'QR code of Deno · Mason' }).waitFor();
    await app.screenshot('export-qr');
    expect(app.pageErrors, app.pageErrors.join('\n')).toEqual([]);
  });
});
