import { describe, expect, it } from 'vitest';
import type { CodesApp } from '../harness/codes-app';
import { PASSWORD, uri, useCodesApp } from './setup';

/**
 * Screenshots of every screen of the codes window, light and dark, saved to
 * test-results/screens/ for people to look at. Each test also checks the screen it shot is the
 * one it meant to shoot.
 */
const { open, openUnlocked } = useCodesApp();
const PERIOD_START = Date.UTC(2026, 0, 1, 12, 0, 0);

async function seedSeveral(app: CodesApp) {
  await app.seedAccounts(
    [
      uri('GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP'),
      uri('Google', 'alice@gmail.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
      uri('Slack', 'alice@acme.example', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'),
      uri('AWS', 'root-account', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', '&digits=8'),
      'otpauth://hotp/Company%20VPN:alice?secret=ONSWG4TFOQ&issuer=Company%20VPN&counter=3',
    ],
    [{ favourite: true }, { tags: ['Personal'] }, { tags: ['Work'] }, { tags: ['Work'] }, { tags: ['Work'] }],
  );
}

for (const scheme of ['light', 'dark'] as const) {
  describe(`screens (${scheme})`, () => {
    it('first run, with the insecure-keychain warning', async () => {
      const app = await open({ colorScheme: scheme, keychain: { available: true, insecure: true, backend: 'basic_text' } });
      await app.waitForFirstRun();
      // The strength meter (zxcvbn-ts): a common password is called weak, with the reason.
      await app.page.getByLabel('Password', { exact: true }).fill('password1');
      await app.page.locator('.strength[data-level="1"]').getByText(/Weak\..*most common passwords/).waitFor();
      await app.screenshot(`${scheme}-01a-first-run-weak-password`);
      await app.page.getByLabel('Password', { exact: true }).fill('tulip-orbit-canyon');
      await app.page.locator('.strength[data-level="4"], .strength[data-level="3"]').waitFor();
      await app.page.getByLabel('Confirm password', { exact: true }).fill('tulip-orbit-canyon');
      await app.screenshot(`${scheme}-01-first-run`);
      await app.page.getByLabel('Also unlock with the system keychain').check();
      await app.page.getByText(/no secure keychain/).waitFor();
      await app.screenshot(`${scheme}-02-first-run-insecure-keychain`);
    });

    it('unlock, with the wrong-password message and the keychain button', async () => {
      const app = await open({ colorScheme: scheme });
      await app.createVault(PASSWORD, { keychain: true });
      await app.lock();
      await app.screenshot(`${scheme}-03-unlock`);
      await app.submitPassword('not my password');
      await app.page.getByRole('alert').waitFor();
      await app.screenshot(`${scheme}-04-unlock-wrong-password`);
    });

    it('empty vault, list with several accounts, the last five seconds, search, copied toast', async () => {
      const app = await openUnlocked({ colorScheme: scheme, now: PERIOD_START + 10_000 });
      await app.screenshot(`${scheme}-05-empty`);
      await seedSeveral(app);
      await app.screenshot(`${scheme}-06-list`);
      await app.advanceTime(16_000);
      await app.row('GitHub').getByTestId('next-code').waitFor();
      await app.copyCode('Google');
      await app.toast().waitFor();
      await app.screenshot(`${scheme}-07-list-last-seconds-and-toast`);
      await app.search('work');
      await expect.poll(() => app.accountOrder()).toEqual(['Slack', 'AWS', 'Company VPN']);
      await app.screenshot(`${scheme}-08-search`);
    });

    it('add menu, add dialog with advanced and errors, link dialog, edit, delete, settings', async () => {
      const app = await openUnlocked({ colorScheme: scheme, now: PERIOD_START + 10_000 });
      await seedSeveral(app);
      await app.page.getByRole('button', { name: 'Add account', exact: true }).click();
      await app.page.getByRole('menu').waitFor();
      await app.screenshot(`${scheme}-09-add-menu`);
      await app.page.keyboard.press('Escape');

      const dialog = await app.submitAccountByKey({ issuer: 'Dropbox', name: 'alice', secret: 'JBSWY3DPEHPK3PX0', advanced: { algorithm: 'SHA256' } });
      await dialog.getByRole('alert').waitFor();
      await app.screenshot(`${scheme}-10-add-key-advanced-error`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      const link = await app.submitAccountByUri('otpauth://totp/Dropbox:alice?issuer=Dropbox&digits=9&secret=JBSWY3DPEHPK3PXP');
      await link.getByRole('alert').waitFor();
      await app.screenshot(`${scheme}-11-add-link-error`);
      await link.getByRole('button', { name: 'Cancel' }).click();

      await app.row('Slack').getByRole('button', { name: /^Edit Slack/ }).click();
      await app.page.getByRole('dialog', { name: 'Edit account' }).waitFor();
      await app.screenshot(`${scheme}-12-edit`);
      await app.page.keyboard.press('Escape');

      await app.row('Slack').getByRole('button', { name: /^Delete Slack/ }).click();
      await app.page.getByRole('alertdialog').waitFor();
      await app.screenshot(`${scheme}-13-delete-confirm`);
      await app.page.keyboard.press('Escape');

      await app.page.getByRole('button', { name: 'Settings' }).click();
      await app.page.getByRole('dialog', { name: 'Settings' }).waitFor();
      await app.screenshot(`${scheme}-14-settings`);
      expect(app.backend.internalErrors).toEqual([]);
    });

    it('password-gated settings: keychain change and export ask for the vault password; a wrong one, then the delay', async () => {
      const app = await openUnlocked({ colorScheme: scheme });
      await seedSeveral(app);
      await app.page.getByRole('button', { name: 'Settings' }).click();
      const dialog = app.page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByLabel('Unlock with the system keychain').check();
      const confirm = dialog.getByRole('form', { name: 'Confirm keychain change' });
      const password = confirm.getByLabel('Your Twofold password', { exact: true });
      const submit = confirm.getByRole('button', { name: 'Turn on keychain unlock' });
      await password.fill('not my password');
      await submit.click();
      await expect.poll(() => confirm.getByRole('alert').innerText()).toMatch(/Wrong password/);
      await confirm.scrollIntoViewIfNeeded();
      await app.screenshot(`${scheme}-15-keychain-wrong-password`);
      for (let i = 0; i < 4; i++) {
        await password.fill(`guess ${i}`);
        await submit.click();
        await expect.poll(() => app.backend.services.passwordGate.failureCount()).toBe(i + 2);
      }
      await password.fill(PASSWORD);
      await submit.click();
      await expect.poll(() => confirm.getByRole('alert').innerText()).toMatch(/Too many wrong passwords\. Wait 1 second/);
      await app.screenshot(`${scheme}-16-keychain-delay`);
      await confirm.getByRole('button', { name: 'Cancel' }).click();

      await dialog.getByRole('button', { name: 'Export backup…' }).click();
      const backup = dialog.getByRole('region', { name: 'Encrypted backup' });
      await backup.scrollIntoViewIfNeeded();
      await app.screenshot(`${scheme}-17-export-backup-asks-password`);
      await dialog.getByRole('button', { name: 'Cancel' }).first().click();
      await dialog.getByRole('button', { name: 'Export links…' }).click();
      await dialog.getByRole('region', { name: 'Plain list of links' }).scrollIntoViewIfNeeded();
      await app.screenshot(`${scheme}-18-export-links-asks-password`);
      expect(app.backend.internalErrors).toEqual([]);
    });
  });
}
