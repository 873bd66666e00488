import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeBothSchemes, useColorScheme } from '../harness/axe';
import type { CodesApp } from '../harness/codes-app';
import { PASSWORD, uri, useCodesApp } from './setup';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const CODES = ['7kq4-m2xp-9fhd', '2bqr-88tn-w4ce', 'h3vd-k9pa-tt5m', 'q8ze-1wcx-ry7b', 'n4fu-6gjd-e2sk'];

const { openUnlocked } = useCodesApp();

/** The account's details (Edit) → its recovery codes dialog, by keyboard. */
async function openRecoveryCodes(app: CodesApp) {
  await app.row('GitHub').getByRole('button', { name: 'Edit GitHub (alice)' }).focus();
  await app.page.keyboard.press('Enter');
  const edit = app.page.getByRole('dialog', { name: 'Edit account' });
  await edit.getByRole('button', { name: /^(Add|Show or add)…/ }).focus();
  await app.page.keyboard.press('Enter');
  const dialog = app.page.getByRole('dialog', { name: 'Recovery codes' });
  await dialog.waitFor();
  return dialog;
}

async function seeded() {
  const app = await openUnlocked();
  await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
  const id = app.backend.services.vault.accounts()[0]!.id;
  await app.backend.services.recoveryCodes.add(id, CODES.join('\n'), 'append');
  return app;
}

describe('codes window: recovery codes of an account (issue #13.6)', () => {
  it('pastes codes in any common format with the keyboard alone; the details show only the count', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    const dialog = await openRecoveryCodes(app);
    await dialog.getByText('No recovery codes are kept for this account yet.').waitFor();
    await dialog.getByLabel('Recovery codes, one per line').focus();
    await app.page.keyboard.type('GitHub recovery codes\n\n1. 7kq4-m2xp-9fhd\n2. 2BQR 88TN W4CE\n- h3vd-k9pa-tt5m\n');
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.press('Enter');
    await dialog.getByTestId('recovery-add-result').filter({ hasText: '3 codes read; the account now keeps 3 (3 unused). 1 line was not a code and left out: “GitHub recovery codes”.' }).waitFor();
    expect(app.backend.services.vault.accounts()[0]!.recoveryCodes).toEqual([
      { code: '7kq4-m2xp-9fhd', used: false },
      { code: '2BQR 88TN W4CE', used: false },
      { code: 'h3vd-k9pa-tt5m', used: false },
    ]);
    await dialog.getByTestId('recovery-summary').filter({ hasText: '3 recovery codes kept, 3 unused.' }).waitFor();
    // The codes are not in the page: the window got a count.
    expect(await app.page.content()).not.toContain('7kq4-m2xp-9fhd');
    // The account's details show the count.
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await app.row('GitHub').getByRole('button', { name: 'Edit GitHub (alice)' }).click();
    const edit = app.page.getByRole('dialog', { name: 'Edit account' });
    await edit.getByTestId('recovery-count').filter({ hasText: '3 kept, 3 unused' }).waitFor();
    expect(await axeBothSchemes(app.page, 'edit account with recovery codes')).toEqual([]);
    await useColorScheme(app.page, 'light');
    await app.screenshot('recovery-codes-edit-light');
    await useColorScheme(app.page, 'dark');
    await app.screenshot('recovery-codes-edit-dark');
    expect(app.pageErrors).toEqual([]);
  });

  it('reveals with the vault password (a wrong one is refused), copies one through main, strikes a used one; light and dark, axe clean', async () => {
    const app = await seeded();
    const dialog = await openRecoveryCodes(app);
    await dialog.getByTestId('recovery-summary').filter({ hasText: '5 recovery codes kept, 5 unused.' }).waitFor();
    expect(await app.page.content()).not.toContain(CODES[0]);
    const password = dialog.getByLabel('Vault password', { exact: true });
    await password.fill('not my password');
    await app.page.keyboard.press('Enter');
    await dialog.getByText(/Wrong password: enter your Twofold vault password to show recovery codes/).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByTestId('recovery-code').count()).toBe(0);
    await useColorScheme(app.page, 'light');
    await app.screenshot('recovery-codes-locked-light');

    await password.fill(PASSWORD);
    await app.page.keyboard.press('Enter');
    const codes = dialog.getByTestId('recovery-code');
    await expect.poll(() => codes.allInnerTexts()).toEqual(CODES);

    await dialog.getByRole('button', { name: 'Copy code 2' }).focus();
    await app.page.keyboard.press('Enter');
    await app.toast().filter({ hasText: /Recovery code 2 copied — clears in \d+ s/ }).waitFor();
    expect(app.clipboard.text).toBe(CODES[1]);

    await dialog.getByRole('checkbox', { name: 'Code 2 used' }).focus();
    await app.page.keyboard.press('Space');
    const used = dialog.getByRole('listitem').nth(1);
    await used.locator('s', { hasText: CODES[1]! }).waitFor();
    // Said in text, not only by the strike-through: a screen reader hears "(used)".
    expect(await used.getByTestId('recovery-code').textContent()).toBe(`${CODES[1]} (used)`);
    await dialog.getByRole('status').filter({ hasText: 'Recovery code 2 marked used.' }).waitFor();
    expect(app.backend.services.vault.accounts()[0]!.recoveryCodes?.[1]).toEqual({ code: CODES[1], used: true });
    await app.page.getByTestId('recovery-summary').filter({ hasText: '5 recovery codes, 4 unused.' }).waitFor();

    expect(await axeBothSchemes(app.page, 'recovery codes revealed')).toEqual([]);
    await useColorScheme(app.page, 'light');
    await app.screenshot('recovery-codes-revealed-light');
    await useColorScheme(app.page, 'dark');
    await app.screenshot('recovery-codes-revealed-dark');
    await useColorScheme(app.page, 'light');

    // Replace is offered now that the codes are shown; the new set replaces the old one.
    await dialog.getByLabel('Recovery codes, one per line').fill('1111 2222 3333\n4444 5555 6666');
    await dialog.getByRole('radio', { name: /Replace them/ }).check();
    await dialog.getByRole('button', { name: 'Replace codes' }).click();
    await expect.poll(() => codes.allInnerTexts()).toEqual(['1111 2222 3333', '4444 5555 6666']);

    // Closing forgets the reveal in main: copying needs the password again.
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const id = app.backend.services.vault.accounts()[0]!.id;
    await expect.poll(async () => (await app.backend.services.recoveryCodes.copy(id, 0).then(() => 'copied', (e: Error) => e.message))).toMatch(/Show the recovery codes/);
    expect(app.pageErrors).toEqual([]);
  });

  it('adds from a .txt file through main; a huge file is refused with a clear message, nothing added', async () => {
    const app = await seeded();
    const huge = join(app.dataDir, 'huge.txt');
    await writeFile(huge, '1234-5678\n'.repeat(200_000));
    const dialog = await openRecoveryCodes(app);
    app.fileDialogs.answerImport(huge);
    await dialog.getByRole('button', { name: 'From a .txt file…' }).click();
    await dialog.getByText(/That file is 1\.9 MB; a recovery-codes file is at most 64 KB\. Nothing was added/).waitFor();
    expect(app.backend.services.vault.accounts()[0]!.recoveryCodes).toHaveLength(5);
    const small = join(app.dataDir, 'codes.txt');
    await writeFile(small, '\uFEFF* abcd-1234-efgh\r\n* ijkl-5678-mnop\r\n');
    app.fileDialogs.answerImport(small);
    await dialog.getByRole('button', { name: 'From a .txt file…' }).click();
    await dialog.getByTestId('recovery-add-result').filter({ hasText: '2 codes read; the account now keeps 7 (7 unused).' }).waitFor();
    expect(await axeBothSchemes(app.page, 'recovery codes add')).toEqual([]);
  });
});
