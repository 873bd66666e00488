import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeBothSchemes } from '../harness/axe';
import type { CodesApp } from '../harness/codes-app';
import { PASSWORD, T0, useCodesApp, uri } from '../codes-window/setup';
import { oathtoolTotp } from '../codes-window/oathtool';
import { readAegisVault } from './aegis-reader';

/**
 * Issue #14 items 1, 2 and 7 in the production renderer, in Chromium, over the real services
 * (test/harness): backups set up and restored from the window, the failure banner, the trash with
 * Undo, and the per-account choice in the import preview. Screenshots (light and dark) go to
 * test-results/screens/backup-*.png, trash-*.png and import-selection-*.png.
 */
const harness = useCodesApp();
const SECRETS = ['KRSXG5CTMVRXEZLU', 'MFRGGZDFMZTWQ2LK', 'NBSWY3DPEB3W64TM', 'ONSWG4TFORXWY2LU'];

async function setUpBackups(app: CodesApp, folder: string) {
  await mkdir(folder, { recursive: true });
  app.fileDialogs.answerFolder(folder);
  await app.page.getByRole('button', { name: 'Settings' }).click();
  const settings = app.page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Set up backups…' }).click();
  await settings.getByLabel('Vault password', { exact: true }).fill(PASSWORD);
  await settings.getByRole('button', { name: 'Choose folder…' }).click();
  await settings.getByText(folder, { exact: true }).waitFor();
  return settings;
}

const versionsIn = async (folder: string) => (await readdir(folder)).filter((n) => n.startsWith('twofold-backup-')).sort();

/** axe-core over the open view in light and dark (the shared harness: colours measured at rest). */
async function expectNoAxeViolations(app: CodesApp, view: string) {
  expect(await axeBothSchemes(app.page, view)).toEqual([]);
}

describe('backups in the codes window', () => {
  it('set up behind the vault password; a change writes a version within the debounce; restore of the third-newest brings back its accounts', async () => {
    const app = await harness.openUnlocked();
    await app.seedAccounts([uri('Start', 'me', 'JBSWY3DPEHPK3PXP')]);
    await app.page.getByText('Automatic backups are off.').waitFor();
    const folder = path.join(app.dataDir, 'backups');
    const settings = await setUpBackups(app, folder);
    expect(await settings.getByText('Your vault password').count()).toBe(1);
    expect(await versionsIn(folder)).toHaveLength(1);
    for (const [i, secret] of SECRETS.entries()) {
      await app.advanceTime(60_000);
      await app.backend.services.vault.addAccounts([{ issuer: `Account${i}`, name: 'me', otp: { type: 'totp', secret, algorithm: 'SHA1', digits: 6, period: 30 }, tags: [], favourite: false, note: '' }]);
      await app.advanceTime(2000);
      await app.backend.services.backup.settled();
      expect(await versionsIn(folder)).toHaveLength(i + 2);
    }
    const newest = readAegisVault(await readFile(path.join(folder, (await versionsIn(folder)).at(-1)!), 'utf8'), PASSWORD);
    expect(newest.entries.map((e) => e.issuer)).toEqual(['Start', 'Account0', 'Account1', 'Account2', 'Account3']);

    await settings.getByRole('button', { name: 'Restore from backup…' }).click();
    const restore = app.page.getByRole('dialog', { name: 'Restore from backup' });
    const items = restore.getByRole('list', { name: 'Backup versions' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(5);
    expect(await items.allInnerTexts()).toEqual([expect.stringContaining('5 accounts'), expect.stringContaining('4 accounts'), expect.stringContaining('3 accounts'), expect.stringContaining('2 accounts'), expect.stringContaining('1 account')]);
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`backup-restore-list-${scheme}`);
    }
    await expectNoAxeViolations(app, 'restore list');
    // Empty the vault, then restore the third-newest version (Start, Account0, Account1).
    for (const account of app.backend.services.vault.accounts()) await app.backend.services.vault.removeAccount(account.id);
    await items.nth(2).getByRole('button', { name: /^Restore the backup of/ }).click();
    const preview = app.page.getByRole('dialog', { name: 'Import accounts' });
    await preview.getByRole('heading', { name: 'Will be added (3)' }).waitFor();
    await preview.getByRole('button', { name: 'Import 3 accounts' }).click();
    await app.toast().filter({ hasText: 'Imported 3 accounts' }).waitFor();
    expect(app.backend.services.vault.accounts().map((a) => [a.issuer, a.otp.secret])).toEqual([
      ['Start', 'JBSWY3DPEHPK3PXP'],
      ['Account0', SECRETS[0]],
      ['Account1', SECRETS[1]],
    ]);
  });

  it('an unwritable folder shows the banner, the tray is told, and the vault still saves', async () => {
    const app = await harness.openUnlocked();
    await app.seedAccounts([uri('Start', 'me', 'JBSWY3DPEHPK3PXP')]);
    const folder = path.join(app.dataDir, 'usb-stick');
    const settings = await setUpBackups(app, folder);
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`backup-settings-${scheme}`);
    }
    await expectNoAxeViolations(app, 'backup settings');
    await settings.getByRole('button', { name: 'Done' }).click();
    await settings.waitFor({ state: 'detached' });
    // The stick is pulled out: the folder disappears.
    await rm(folder, { recursive: true });
    await app.addAccountByKey({ issuer: 'After', name: 'me', secret: SECRETS[0]! });
    await app.advanceTime(2000);
    await app.backend.services.backup.settled();
    const banner = app.page.getByRole('alert').filter({ hasText: 'The last backup failed.' });
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/is missing \(was a drive unplugged/);
    expect(app.backupNotices).toHaveLength(1);
    expect(app.backend.services.vault.accounts().map((a) => a.issuer)).toEqual(['Start', 'After']);
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`backup-failed-banner-${scheme}`);
    }
    // Plugged in again: "Try again" writes the version and the banner goes.
    await mkdir(folder);
    await banner.getByRole('button', { name: 'Try again' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await versionsIn(folder)).toHaveLength(1);
  });

  it('a wrong vault password sets nothing up and opens no folder dialog', async () => {
    const app = await harness.openUnlocked();
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const settings = app.page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Set up backups…' }).click();
    await settings.getByLabel('Vault password', { exact: true }).fill('not my password');
    await settings.getByRole('button', { name: 'Choose folder…' }).click();
    await settings.getByText(/^Wrong password/).waitFor();
    expect(app.fileDialogs.asked).toEqual([]);
  });
});

describe('the trash in the codes window', () => {
  it('delete → Undo restores the same account and its code equals oathtool’s; the Trash view restores and deletes for good', async () => {
    const app = await harness.openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', 'JBSWY3DPEHPK3PXP'), uri('Dropbox', 'bob', SECRETS[0]!)]);
    const id = app.backend.services.vault.accounts()[0]!.id;
    await deleteAccount(app, 'GitHub');
    await app.toast().filter({ hasText: /^Moved GitHub.* to the trash/ }).waitFor();
    expect(await app.accountOrder()).toEqual(['Dropbox']);
    await app.toast().getByRole('button', { name: 'Undo' }).click();
    await app.row('GitHub').waitFor();
    expect(await app.accountOrder()).toEqual(['GitHub', 'Dropbox']);
    expect(app.backend.services.vault.accounts()[0]!.id).toBe(id);
    expect(await app.codeShownFor('GitHub')).toBe(oathtoolTotp('JBSWY3DPEHPK3PXP', T0));

    await deleteAccount(app, 'Dropbox');
    await deleteAccount(app, 'GitHub');
    await app.page.getByRole('button', { name: 'Trash', exact: true }).click();
    const trash = app.page.getByRole('dialog', { name: 'Trash' });
    await expect.poll(() => trash.getByRole('listitem').count()).toBe(2);
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`trash-view-${scheme}`);
    }
    await expectNoAxeViolations(app, 'trash view');
    await trash.getByRole('button', { name: /^Restore GitHub/ }).click();
    await expect.poll(() => trash.getByRole('listitem').count()).toBe(1);
    await trash.getByRole('button', { name: /^Delete Dropbox.* for good$/ }).click();
    await trash.getByRole('button', { name: /^Confirm: delete Dropbox/ }).click();
    await trash.getByText('The trash is empty.').waitFor();
    expect(app.backend.services.vault.trashed()).toEqual([]);
  });
});

async function deleteAccount(app: CodesApp, label: string) {
  await app.row(label).getByRole('button', { name: /^Delete / }).click();
  const confirm = app.page.getByRole('alertdialog');
  await confirm.getByRole('button', { name: 'Delete account' }).click();
  await confirm.waitFor({ state: 'detached' });
  await expect.poll(async () => (await app.accountOrder()).includes(label)).toBe(false);
}

describe('import selection, Bitwarden CSV and tolerant links in the codes window', () => {
  it('adds exactly the ticked accounts of a Bitwarden CSV; select all / none', async () => {
    const app = await harness.openUnlocked();
    const bytes = new Uint8Array(readFileSync(path.join(import.meta.dirname, '..', 'import', 'fixtures', 'bitwarden_export.csv')));
    const dialog = await app.openAddMenuItem('Import from a file…');
    const script = `(([name, data]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type: 'text/csv' }));
      const target = document.querySelector('.import-drop');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    })(${JSON.stringify(['bitwarden_export.csv', [...bytes]])})`;
    await app.page.evaluate(script);
    await dialog.getByRole('heading', { name: 'Will be added (4)' }).waitFor();
    await expect.poll(() => dialog.textContent()).toContain('Bitwarden CSV export');
    await dialog.getByRole('button', { name: 'Select none' }).click();
    expect(await dialog.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Select all' }).click();
    await dialog.getByRole('checkbox', { name: /SPDX/ }).uncheck();
    await dialog.getByRole('checkbox', { name: /Boeing/ }).uncheck();
    await dialog.getByText('2 of 4 chosen').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`import-selection-${scheme}`);
    }
    await expectNoAxeViolations(app, 'import selection');
    await dialog.getByRole('button', { name: 'Import 2 accounts' }).click();
    await app.toast().filter({ hasText: 'Imported 2 accounts' }).waitFor();
    expect(app.backend.services.vault.accounts().map((a) => a.issuer)).toEqual(['Deno', 'Airbnb']);
  });

  it('an upper-case link is added; a repeated parameter is refused with its name', async () => {
    const app = await harness.openUnlocked();
    let dialog = await app.submitAccountByUri('OTPAUTH://TOTP/ACME:bob?SECRET=JBSWY3DPEHPK3PXP&ISSUER=ACME');
    await dialog.waitFor({ state: 'detached' });
    await app.row('ACME').waitFor();
    expect(await app.codeShownFor('ACME')).toBe(oathtoolTotp('JBSWY3DPEHPK3PXP', T0));
    dialog = await app.submitAccountByUri('otpauth://totp/X:y?secret=KRSXG5CTMVRXEZLU&algorithm=SHA1&algorithm=SHA256');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/"algorithm" parameter more than once/);
  });
});
