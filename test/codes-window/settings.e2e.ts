import { describe, expect, it } from 'vitest';
import { PASSWORD, uri, useCodesApp } from './setup';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const { openUnlocked } = useCodesApp();

async function openSettings(app: Awaited<ReturnType<typeof openUnlocked>>) {
  await app.page.getByRole('button', { name: 'Settings' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  return dialog;
}

describe('codes window: settings', () => {
  it('the clipboard delay chosen in Settings is the one main uses and the toast announces', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    const dialog = await openSettings(app);
    await dialog.getByLabel('Clear copied codes').selectOption({ label: 'After 10 seconds' });
    await expect.poll(() => app.backend.services.settings.get().clipboardClearSeconds).toBe(10);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await app.copyCode('GitHub');
    await expect.poll(() => app.toast().innerText()).toBe('Copied — clears in 10 s');
    await app.advanceTime(10_000);
    expect(app.clipboard.text).toBe('');
  });

  it('auto-locks after the idle time chosen in Settings and shows the unlock screen', async () => {
    const app = await openUnlocked();
    const dialog = await openSettings(app);
    await dialog.getByLabel('Lock automatically').selectOption({ label: 'After 1 minute' });
    await expect.poll(() => app.backend.services.vault.status().autoLockMinutes).toBe(1);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await app.advanceTime(59_000);
    expect(app.backend.services.vault.status().state).toBe('unlocked');
    await app.advanceTime(1_000);
    await app.waitForUnlock();
  });

  it('changes the password: the wrong current one is refused, the new one unlocks', async () => {
    const app = await openUnlocked();
    const dialog = await openSettings(app);
    const form = dialog.getByRole('group', { name: 'Change password' });
    await form.getByLabel('Current password', { exact: true }).fill('not it at all');
    await form.getByLabel('New password', { exact: true }).fill('a whole new password');
    await form.getByLabel('Confirm new password', { exact: true }).fill('a whole new password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/Wrong password/);

    await form.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => app.toast().innerText()).toBe('Password changed');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await app.lock();
    await app.submitPassword(PASSWORD);
    await expect.poll(() => app.page.getByRole('alert').innerText()).toBe('Wrong password.');
    await app.unlock('a whole new password');
  });

  it('turns keychain unlock on from Settings, after the vault password', async () => {
    const app = await openUnlocked();
    const dialog = await openSettings(app);
    await dialog.getByLabel('Unlock with the system keychain').check();
    const confirm = dialog.getByRole('form', { name: 'Confirm keychain change' });
    await confirm.getByLabel('Your Twofold password', { exact: true }).fill('not the password');
    await confirm.getByRole('button', { name: 'Turn on keychain unlock' }).click();
    await expect.poll(() => confirm.getByRole('alert').innerText()).toMatch(/Wrong password/);
    expect(app.backend.services.vault.status().hasKeychainSlot).toBe(false);
    await confirm.getByLabel('Your Twofold password', { exact: true }).fill(PASSWORD);
    await confirm.getByRole('button', { name: 'Turn on keychain unlock' }).click();
    await expect.poll(() => app.backend.services.vault.status().hasKeychainSlot).toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await app.lock();
    await app.page.getByRole('button', { name: 'Unlock with system keychain' }).click();
    await app.waitForAccounts();
  });

  it('follows the appearance setting over the system colour scheme', async () => {
    const app = await openUnlocked({ colorScheme: 'light' });
    const dialog = await openSettings(app);
    await dialog.getByLabel('Appearance').selectOption({ label: 'Dark' });
    await expect.poll(() => app.page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    // Polled: with reduced motion every property still transitions for 1 ms.
    await expect.poll(() => app.page.evaluate(`getComputedStyle(document.body).backgroundColor`)).toBe('rgb(18, 20, 24)');
  });
});
