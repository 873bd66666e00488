import { describe, expect, it } from 'vitest';
import type { CodesApp } from '../harness/codes-app';
import { oathtoolTotp } from './oathtool';
import { PASSWORD, T0, uri, useCodesApp } from './setup';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const GOOGLE = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

const { openUnlocked } = useCodesApp();

const focused = (app: CodesApp) => app.focusedLabel();

describe('codes window: keyboard only', () => {
  it('unlocks, finds an account and copies its code without a mouse', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB), uri('Google', 'bob', GOOGLE)]);
    await app.lock();

    // The password field has focus on the unlock screen; Enter submits.
    await app.page.keyboard.type(PASSWORD);
    await app.page.keyboard.press('Enter');
    await app.waitForAccounts();

    // Ctrl+F goes to the search field; typing filters; Enter copies the first match.
    await app.page.keyboard.press('Control+f');
    expect(await focused(app)).toBe('Search accounts');
    await app.page.keyboard.type('goo');
    await expect.poll(() => app.accountOrder()).toEqual(['Google']);
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.clipboard.text).toBe(oathtoolTotp(GOOGLE, T0));
    await expect.poll(() => app.toast().innerText()).toBe('Copied — clears in 30 s');

    // Escape clears the search; ArrowDown moves into the list, ArrowDown to the next row, Enter copies.
    await app.page.keyboard.press('Escape');
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Google']);
    await app.page.keyboard.press('ArrowDown');
    expect(await focused(app)).toBe('Copy code for GitHub (alice)');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.clipboard.text).toBe(oathtoolTotp(GITHUB, T0));
    await app.page.keyboard.press('ArrowDown');
    expect(await focused(app)).toBe('Copy code for Google (bob)');
  });

  it('opens the Add menu with the keyboard, traps focus in the dialog, and Escape returns focus', async () => {
    const app = await openUnlocked();
    await app.page.getByRole('button', { name: 'Add account', exact: true }).focus();
    await app.page.keyboard.press('ArrowDown');
    const items = await app.page.getByRole('menuitem').allInnerTexts();
    expect(items).toEqual(expect.arrayContaining(['Enter a setup key…', 'Paste an otpauth:// link…']));
    expect(await focused(app)).toBe(items[0]);
    // Arrow keys move through the entries (wrapping); stop on "Enter a setup key…".
    await app.page.keyboard.press('End');
    expect(await focused(app)).toBe(items.at(-1));
    await app.page.keyboard.press('ArrowDown');
    expect(await focused(app)).toBe(items[0]);
    for (let i = 0; i < items.length && (await focused(app)) !== 'Enter a setup key…'; i += 1) await app.page.keyboard.press('ArrowDown');
    expect(await focused(app)).toBe('Enter a setup key…');
    await app.page.keyboard.press('Enter');
    const dialog = app.page.getByRole('dialog', { name: 'Add account' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await focused(app)).toBe('Issuer');

    // Tab cycles inside the dialog: it never reaches the toolbar behind it.
    for (let i = 0; i < 12; i += 1) {
      await app.page.keyboard.press('Tab');
      expect(await app.focusIsInDialog()).toBe(true);
    }
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(app)).toBe('Add account');
  });

  it('shows a visible focus ring on the focused row', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    await app.page.keyboard.press('Control+f');
    await app.page.keyboard.press('ArrowDown');
    expect(await app.focusOutlineStyle()).toBe('solid');
  });
});
