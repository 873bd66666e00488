import { describe, expect, it } from 'vitest';
import { axeBothSchemes, useColorScheme } from '../harness/axe';
import type { CodesApp } from '../harness/codes-app';
import { PASSWORD, uri, useCodesApp } from './setup';

/**
 * axe-core (WCAG 2.1 A and AA, colour contrast included) over every view of the codes window,
 * open dialogs included, each in light and dark. A view another change adds is covered by one
 * more `check(app, 'name')` line where the test reaches it.
 */
const { open, openUnlocked } = useCodesApp();
const PERIOD_START = Date.UTC(2026, 0, 1, 12, 0, 0);

const found: string[] = [];
const check = async (app: CodesApp, view: string) => {
  found.push(...(await axeBothSchemes(app.page, view)));
};
/** Screenshots of a view this work changed, light and dark, in test-results/screens/a11y-*. */
const shoot = async (app: CodesApp, name: string) => {
  for (const scheme of ['light', 'dark'] as const) {
    await useColorScheme(app.page, scheme);
    await app.screenshot(`a11y-${scheme}-${name}`);
  }
  await useColorScheme(app.page, 'light');
};

async function seed(app: CodesApp) {
  await app.seedAccounts(
    [
      uri('GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP'),
      uri('Google', 'alice@gmail.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
      uri('AWS', 'root-account', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', '&digits=8'),
      'otpauth://hotp/Company%20VPN:alice?secret=ONSWG4TFOQ&issuer=Company%20VPN&counter=3',
    ],
    [{ favourite: true }, { tags: ['Personal'] }, { tags: ['Work'] }, { tags: ['Work'] }],
  );
}

describe('codes window: axe-core, light and dark', () => {
  it('first run, unlock and their errors', async () => {
    found.length = 0;
    const app = await open({ keychain: { available: true, insecure: true, backend: 'basic_text' } });
    await app.waitForFirstRun();
    await check(app, 'first run');
    await app.page.getByRole('button', { name: 'Create vault' }).click();
    await app.page.getByRole('alert').first().waitFor();
    await check(app, 'first run, errors');
    await app.page.getByLabel('Also unlock with the system keychain').check();
    await app.page.getByText(/no secure keychain/).waitFor();
    await check(app, 'first run, insecure keychain');
    await app.page.getByLabel('Also unlock with the system keychain').uncheck();
    await app.createVault(PASSWORD);
    await app.lock();
    await check(app, 'unlock');
    await app.submitPassword('not my password');
    await app.page.getByRole('alert').waitFor();
    await check(app, 'unlock, wrong password');
    expect(found).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('the vault: empty, list, last seconds, search, no match, toast, menu', async () => {
    found.length = 0;
    const app = await openUnlocked({ now: PERIOD_START + 10_000 });
    await check(app, 'empty vault');
    await seed(app);
    await check(app, 'list');
    await app.advanceTime(16_000);
    await app.row('GitHub').getByTestId('next-code').waitFor();
    await app.copyCode('Google');
    await app.toast().waitFor();
    await check(app, 'list, last seconds, copied toast');
    await shoot(app, 'list-section-headings-next-code');
    await app.search('work');
    await expect.poll(() => app.accountOrder()).toEqual(['AWS', 'Company VPN']);
    await check(app, 'search');
    // Alt+ArrowDown during a search cannot reorder: an error toast says so.
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Alt+ArrowDown');
    await app.toast().filter({ hasText: 'Clear the search' }).waitFor();
    await check(app, 'search, error toast');
    await shoot(app, 'error-toast');
    await app.search('nothing like this');
    await app.page.getByText(/No accounts match/).waitFor();
    await check(app, 'search, no match');
    await app.search('');
    await app.page.getByRole('button', { name: 'Add account', exact: true }).click();
    await app.page.getByRole('menu').waitFor();
    await check(app, 'add menu');
    expect(found).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('every dialog: add (advanced, errors, discard prompt), link, scan, import, edit, delete, settings with export panels', async () => {
    found.length = 0;
    const app = await openUnlocked({ now: PERIOD_START + 10_000 });
    await seed(app);
    const dialog = await app.submitAccountByKey({ issuer: 'Dropbox', name: 'alice', secret: 'JBSWY3DPEHPK3PX0', advanced: { algorithm: 'SHA256' } });
    await dialog.getByRole('alert').waitFor();
    await check(app, 'add key, advanced, error');
    await app.page.mouse.click(5, 5);
    await app.page.getByRole('alertdialog').waitFor();
    await check(app, 'add key, discard prompt');
    await shoot(app, 'discard-prompt');
    await app.page.getByRole('button', { name: 'Discard' }).click();

    const link = await app.submitAccountByUri('otpauth://totp/Dropbox:alice?issuer=Dropbox&digits=9&secret=JBSWY3DPEHPK3PXP');
    await link.getByRole('alert').waitFor();
    await check(app, 'add link, error');
    await app.page.keyboard.press('Escape');

    await app.openAddMenuItem(/Scan QR code/);
    await check(app, 'scan');
    await app.page.getByRole('button', { name: 'Scan screen' }).click();
    await app.page.getByRole('dialog').getByRole('alert').or(app.page.getByRole('dialog').getByRole('status')).first().waitFor();
    await check(app, 'scan, no screen');
    await shoot(app, 'scan-sources');
    await app.page.keyboard.press('Escape');

    await app.openAddMenuItem(/Import from a file/);
    await check(app, 'import');
    await app.page.keyboard.press('Escape');

    await app.row('GitHub').getByRole('button', { name: /^Edit GitHub/ }).click();
    await app.page.getByRole('dialog', { name: 'Edit account' }).waitFor();
    await check(app, 'edit');
    await app.page.keyboard.press('Escape');

    await app.row('GitHub').getByRole('button', { name: /^Delete GitHub/ }).click();
    await app.page.getByRole('alertdialog').waitFor();
    await check(app, 'delete');
    await shoot(app, 'delete-confirm');
    await app.page.getByRole('button', { name: 'Delete account' }).click();
    await app.toast().getByRole('button').first().waitFor();
    await check(app, 'deleted, toast with undo');

    await app.page.getByRole('button', { name: 'Trash', exact: true }).click();
    const trash = app.page.getByRole('dialog', { name: 'Trash' });
    await trash.getByRole('button', { name: /^Restore GitHub/ }).waitFor();
    await check(app, 'trash');
    await trash.getByRole('button', { name: /^Delete GitHub .* for good/ }).click();
    await trash.getByRole('button', { name: /^Confirm: delete GitHub/ }).waitFor();
    await check(app, 'trash, confirm delete for good');
    await trash.getByRole('button', { name: /^Restore GitHub/ }).click();
    await app.row('GitHub').waitFor();
    await app.page.keyboard.press('Escape');
    await trash.waitFor({ state: 'detached' });

    await app.page.getByRole('button', { name: 'Settings' }).click();
    const settings = app.page.getByRole('dialog', { name: 'Settings' });
    await settings.waitFor();
    await check(app, 'settings');
    await settings.getByRole('button', { name: 'Export backup…' }).click();
    await check(app, 'settings, export backup');
    await settings.getByRole('button', { name: 'Export links…' }).click();
    await check(app, 'settings, export links');
    const qr = settings.getByRole('region', { name: 'QR code of one account' });
    await qr.getByRole('button', { name: 'Show QR code…' }).click();
    await qr.getByLabel('Your Twofold password', { exact: true }).fill(PASSWORD);
    await qr.getByRole('button', { name: 'Show QR code', exact: true }).click();
    await settings.getByRole('img', { name: /QR code of/ }).waitFor();
    await check(app, 'settings, account QR');
    expect(app.backend.internalErrors).toEqual([]);
    expect(found).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
