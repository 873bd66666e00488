import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { CodesApp } from '../harness/codes-app';
import { T0, uri, useCodesApp } from './setup';

const { openUnlocked } = useCodesApp();

const ACCOUNTS = [
  uri('GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP'),
  uri('Google', 'bob@gmail.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  uri('Proton', 'carol@proton.me', 'JBSWY3DPEHPK3PXQ'),
  uri('Acme Intranet', 'dave', 'JBSWY3DPEHPK3PXR'),
  uri('Cloudflare', 'erin@example.com', 'JBSWY3DPEHPK3PXS'),
  uri('Bitwarden', 'frank@example.com', 'JBSWY3DPEHPK3PXT'),
];

/** axe-core over the parts this feature added (the rest of the window is audited on its own). */
async function axeViolations(app: CodesApp, include: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page: app.page });
  for (const selector of include) builder = builder.include(selector);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openSettings(app: CodesApp) {
  await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  return dialog;
}

describe('codes window: quick access', () => {
  it('records a global shortcut, explains a combination another app owns, and saves the tray and login switches', async () => {
    const app = await openUnlocked({ takenShortcuts: ['CommandOrControl+Alt+T'] });
    const dialog = await openSettings(app);
    const record = dialog.getByRole('button', { name: 'Record…' });
    await record.click();
    await app.page.keyboard.press('Control+Alt+KeyT');
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/CommandOrControl\+Alt\+T is already used by the system or another app/);
    expect(app.backend.services.settings.get().globalShortcut).toBeNull();
    // A bare key would be taken from every other app: refused with the reason.
    await record.click();
    await app.page.keyboard.press('Shift+KeyK');
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/needs Ctrl, Alt, Super/);
    await record.click();
    await app.page.keyboard.press('Control+Shift+Digit2');
    await expect.poll(() => app.backend.services.settings.get().globalShortcut).toBe('CommandOrControl+Shift+2');
    expect(await dialog.locator('.shortcut-current').innerText()).toBe('CommandOrControl+Shift+2');

    await dialog.getByRole('checkbox', { name: /Keep running in the tray/ }).uncheck();
    await dialog.getByRole('checkbox', { name: /Start Twofold when I log in/ }).check();
    await expect.poll(() => app.backend.services.settings.get()).toMatchObject({ closeToTray: false, startAtLogin: true });
    await dialog.getByRole('checkbox', { name: /screenshots and screen sharing/ }).uncheck();
    await expect.poll(() => app.backend.services.settings.get().contentProtection).toBe(false);
  });

  it('Ctrl+N opens Add, F2 edits, Delete moves to the trash (Undo), ? lists the shortcuts, Ctrl+L locks', async () => {
    const app = await openUnlocked();
    await app.seedAccounts(ACCOUNTS.slice(0, 2));
    await app.page.keyboard.press('Control+n');
    await app.page.getByRole('menu', { name: 'Add account' }).waitFor();
    await app.page.keyboard.press('Escape');
    await app.row('GitHub').getByRole('button', { name: /^Copy code/ }).focus();
    await app.page.keyboard.press('F2');
    await app.page.getByRole('dialog', { name: 'Edit account' }).waitFor();
    await app.page.keyboard.press('Escape');
    // Delete moves the focused account to the trash at once; Undo in the toast brings it back.
    await app.page.keyboard.press('Delete');
    await expect.poll(() => app.accountOrder()).toEqual(['Google']);
    expect(await app.focusedLabel()).toBe('Copy code for Google (bob@gmail.com)');
    await expect.poll(() => app.toast().innerText()).toMatch(/Moved GitHub \(alice@example.com\) to the trash/);
    await app.toast().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Google']);
    await app.page.keyboard.press('?');
    const shortcuts = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await shortcuts.waitFor();
    expect(await shortcuts.innerText()).toMatch(/Ctrl\+L\s+Lock/);
    await app.screenshot('shortcuts-light');
    expect(await axeViolations(app, ['.shortcut-list'])).toEqual([]);
    await app.page.keyboard.press('Escape');
    await app.page.keyboard.press('Control+l');
    await app.waitForUnlock();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`screenshots in ${scheme}: list, hidden codes, compact, columns, settings sections`, async () => {
      const app = await openUnlocked({ colorScheme: scheme });
      await app.seedAccounts(ACCOUNTS, [{ favourite: true }, { favourite: true }, { tags: ['Work'] }]);
      await app.advanceTime(0);
      await app.screenshot(`list-${scheme}`);
      expect(await axeViolations(app, ['.account-list', '.list-controls'])).toEqual([]);
      await app.backend.services.settings.set({ hideCodes: true });
      await expect.poll(() => app.codeShownFor('GitHub')).toBe('••••••');
      await app.row('Google').getByRole('button', { name: /^Show code/ }).click();
      await expect.poll(() => app.codeShownFor('Google')).not.toBe('••••••');
      await app.screenshot(`list-hidden-${scheme}`);
      expect(await axeViolations(app, ['.account-list'])).toEqual([]);
      await app.backend.services.settings.set({ hideCodes: false, listDensity: 'compact' });
      await app.page.waitForTimeout(300);
      await app.screenshot(`list-compact-${scheme}`);
      await app.backend.services.settings.set({ listDensity: 'comfortable' });
      await app.advanceTime(17_000);
      await app.page.getByTestId('next-code').first().waitFor();
      await app.screenshot(`list-next-code-${scheme}`);
      await app.advanceTime(-17_000);
      await app.page.setViewportSize({ width: 1440, height: 800 });
      await app.page.waitForTimeout(300);
      await app.screenshot(`list-columns-1440-${scheme}`);
      await app.page.setViewportSize({ width: 440, height: 1400 });
      const dialog = await openSettings(app);
      await dialog.getByRole('heading', { name: 'Privacy' }).scrollIntoViewIfNeeded();
      await app.screenshot(`settings-privacy-${scheme}`);
      await dialog.getByRole('button', { name: 'Record…' }).scrollIntoViewIfNeeded();
      await app.screenshot(`settings-desktop-${scheme}`);
      expect(await axeViolations(app, ['[aria-labelledby="settings-privacy"]', '[aria-labelledby="settings-desktop"]'])).toEqual([]);
      expect(T0).toBeGreaterThan(0);
    });
  }
});
