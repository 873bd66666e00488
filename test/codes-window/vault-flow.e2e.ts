import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium';
import { CodesApp } from '../harness/codes-app';
import { oathtoolTotp } from './oathtool';

const PASSWORD = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXP';
const T0 = Date.UTC(2026, 0, 1, 12, 0, 10);

let browser: Browser;
let app: CodesApp | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('codes window: vault life cycle', () => {
  it('first run → create → add by key → oathtool code → copy and clear → lock → unlock → restart keeps the account', async () => {
    app = await CodesApp.launch({ now: T0, browser });
    await app.waitForFirstRun();
    await app.createVault(PASSWORD);
    await app.heading('No accounts yet').waitFor();

    await app.addAccountByKey({ issuer: 'GitHub', name: 'alice@example.com', secret: 'jbsw y3dp ehpk 3pxp' });
    expect(await app.codeShownFor('GitHub')).toBe(oathtoolTotp(SECRET, T0));
    expect(await app.row('GitHub').getByTestId('code').innerText()).toMatch(/^\d{3} \d{3}$/);

    // The code follows the services' clock: one period later it is oathtool's next code.
    await app.advanceTime(30_000);
    await expect.poll(() => app!.codeShownFor('GitHub')).toBe(oathtoolTotp(SECRET, T0 + 30_000));

    await app.copyCode('GitHub');
    await expect.poll(() => app!.toast().innerText()).toBe('Copied — clears in 30 s');
    expect(app.clipboard.text).toBe(oathtoolTotp(SECRET, T0 + 30_000));
    await app.advanceTime(29_000);
    expect(app.clipboard.text).not.toBe('');
    await app.advanceTime(1_000);
    expect(app.clipboard.text).toBe('');

    await app.lock();
    expect(await app.accountList().count()).toBe(0);
    await app.unlock(PASSWORD);
    await app.row('GitHub').waitFor();

    await app.restart();
    await app.unlock(PASSWORD);
    expect(await app.accountOrder()).toEqual(['GitHub']);
    expect(await app.codeShownFor('GitHub')).toBe(oathtoolTotp(SECRET, app.clock.now()));
    expect(app.backend.internalErrors).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses a wrong password with a clear message and stays locked', async () => {
    app = await CodesApp.launch({ now: T0, browser });
    await app.createVault(PASSWORD);
    await app.lock();
    await app.submitPassword('Correct Horse Battery Staple');
    await expect.poll(() => app!.page.getByRole('alert').innerText()).toBe('Wrong password.');
    expect(await app.heading('Unlock Twofold').isVisible()).toBe(true);
    expect(await app.page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await app.unlock(PASSWORD);
  });

  it('refuses mismatched passwords on first run and creates nothing', async () => {
    app = await CodesApp.launch({ now: T0, browser });
    await app.waitForFirstRun();
    await app.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await app.page.getByLabel('Confirm password', { exact: true }).fill(`${PASSWORD}!`);
    await app.page.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => app!.page.getByRole('alert').innerText()).toMatch(/do not match/);
    expect(app.backend.services.vault.status().state).toBe('missing');
  });

  it('unlocks with the system keychain when the vault has a keychain slot', async () => {
    app = await CodesApp.launch({ now: T0, browser });
    await app.createVault(PASSWORD, { keychain: true });
    await app.lock();
    await app.page.getByRole('button', { name: 'Unlock with system keychain' }).click();
    await app.waitForAccounts();
  });

  it('warns about an insecure keychain and requires an explicit opt-in in main\'s native dialog', async () => {
    app = await CodesApp.launch({ now: T0, browser, keychain: { available: true, insecure: true, backend: 'basic_text' } });
    await app.waitForFirstRun();
    await app.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await app.page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
    await app.page.getByLabel('Also unlock with the system keychain').check();
    await app.page.getByText(/no secure keychain/).waitFor();
    await app.page.getByText(/confirm this in a system dialog/).waitFor();
    app.confirmDialog.answer(false);
    await app.page.getByRole('button', { name: 'Create vault' }).click();
    await app.page.getByText(/the risk was not confirmed/).waitFor();
    expect(app.confirmDialog.shown.map((r) => r.title)).toEqual(['Store the vault key without protection?']);
    expect(app.backend.services.vault.status().state).toBe('missing');
    app.confirmDialog.answer(true);
    await app.page.getByRole('button', { name: 'Create vault' }).click();
    await app.waitForAccounts();
    expect(app.backend.services.vault.status().hasKeychainSlot).toBe(true);
  });
});
