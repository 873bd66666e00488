import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenCapture } from '../../electron/main/services/scan/scan-ports';
import type { CodesApp } from '../harness/codes-app';
import { focusedElement } from '../harness/focus';
import { qrCanvas } from '../scan/support/qr-images';
import { oathtoolTotp } from './oathtool';
import { PASSWORD, T0, uri, useCodesApp } from './setup';

/**
 * The codes window's main tasks with the keyboard alone: after every step the test says which
 * control has focus; never the page body (where Tab restarts at the top and Escape reaches no
 * dialog). WCAG 2.1 SC 2.1.1 Keyboard, 2.4.3 Focus Order.
 */
const GITHUB = 'JBSWY3DPEHPK3PXP';
const GOOGLE = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SLACK = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const SCANNED = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA';

/** A screen that shows one QR code (the scan service decodes it for real). */
const screenWithQr: ScreenCapture = {
  async captureAll() {
    const image = qrCanvas([uri('Scanned Bank', 'erin', SCANNED)], 4);
    return { kind: 'captured', displays: [{ id: '1', label: 'Display 1 (test)', image }] };
  },
};

const { open, openUnlocked } = useCodesApp();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-kbd-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const key = (app: CodesApp, ...keys: string[]) => keys.reduce((p, k) => p.then(() => app.page.keyboard.press(k)), Promise.resolve());
const focus = (app: CodesApp) => focusedElement(app.page);

/** Presses Tab until `name` has focus (at most 30 times): how a keyboard user reaches a control. */
async function tabTo(app: CodesApp, name: string, shift = false): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    if ((await focus(app)) === name) return;
    await app.page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached "${name}"; focus is on "${await focus(app)}"`);
}

/** Opens an entry of the Add menu from the toolbar button with the arrow keys and Enter. */
async function openAddEntry(app: CodesApp, entry: string): Promise<void> {
  await app.page.getByRole('button', { name: 'Add account', exact: true }).focus();
  await key(app, 'ArrowDown');
  for (let i = 0; i < 8 && (await focus(app)) !== `menuitem ${entry}`; i += 1) await key(app, 'ArrowDown');
  expect(await focus(app)).toBe(`menuitem ${entry}`);
  await key(app, 'Enter');
}

describe('codes window: the main tasks with the keyboard alone', () => {
  it('creates the vault and lands on the first way to add an account; unlocks and lands on the search field', async () => {
    const app = await open({ now: T0 });
    await app.waitForFirstRun();
    expect(await focus(app)).toBe('textbox Password');
    await app.page.keyboard.type(PASSWORD);
    await key(app, 'Tab', 'Tab');
    expect(await focus(app)).toBe('textbox Confirm password');
    await app.page.keyboard.type(PASSWORD);
    await key(app, 'Enter');
    await app.waitForAccounts();
    // An empty vault has no search field: focus starts on the first way to add an account.
    await expect.poll(() => focus(app)).toBe('button Scan QR code');

    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    await tabTo(app, 'button Lock');
    await key(app, 'Enter');
    await app.waitForUnlock();
    expect(await focus(app)).toBe('textbox Password');
    await app.page.keyboard.type(PASSWORD);
    await key(app, 'Enter');
    await app.waitForAccounts();
    await expect.poll(() => focus(app)).toBe('searchbox Search accounts');
  });

  it('adds, copies, edits and deletes an account; focus follows each step', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB), uri('Google', 'bob', GOOGLE), uri('Slack', 'carol', SLACK)]);

    // Add: the menu, the form typed field by field, Enter submits; focus returns to the menu button.
    await openAddEntry(app, 'Enter a setup key…');
    expect(await focus(app)).toBe('textbox Issuer');
    await app.page.keyboard.type('Dropbox');
    await key(app, 'Tab');
    await app.page.keyboard.type('dave');
    await key(app, 'Tab');
    expect(await focus(app)).toBe('textbox Secret key');
    await app.page.keyboard.type(GITHUB);
    await key(app, 'Enter');
    await app.row('Dropbox').waitFor();
    await expect.poll(() => focus(app)).toBe('button Add account');

    // Copy: Ctrl+F, type, Enter copies the first match; focus stays in the search field.
    await key(app, 'Control+f');
    expect(await focus(app)).toBe('searchbox Search accounts');
    await app.page.keyboard.type('goo');
    await key(app, 'Enter');
    await expect.poll(() => app.clipboard.text).toBe(oathtoolTotp(GOOGLE, T0));
    expect(await focus(app)).toBe('searchbox Search accounts');
    await key(app, 'Escape');
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Google', 'Slack', 'Dropbox']);

    // Edit: from the row's copy button, Tab to its Edit button; Enter opens, Enter saves, focus returns.
    await key(app, 'ArrowDown', 'ArrowDown');
    expect(await focus(app)).toBe('button Copy code for Google (bob)');
    await tabTo(app, 'button Edit Google (bob)');
    await key(app, 'Enter');
    await app.page.getByRole('dialog', { name: 'Edit account' }).waitFor();
    expect(await focus(app)).toBe('textbox Issuer');
    await key(app, 'Control+a');
    await app.page.keyboard.type('Google Work');
    await key(app, 'Enter');
    await app.row('Google Work').waitFor();
    await expect.poll(() => focus(app)).toBe('button Edit Google Work (bob)');

    // Delete: Tab to Delete, Enter; the confirmation starts on Cancel; Tab, Enter deletes;
    // focus moves to the next row's copy button.
    await key(app, 'Tab');
    expect(await focus(app)).toBe('button Delete Google Work (bob)');
    await key(app, 'Enter');
    await app.page.getByRole('alertdialog').waitFor();
    expect(await focus(app)).toBe('button Cancel');
    await key(app, 'Tab');
    expect(await focus(app)).toBe('button Delete account');
    await key(app, 'Enter');
    await app.page.getByRole('alertdialog').waitFor({ state: 'detached' });
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Slack', 'Dropbox']);
    await expect.poll(() => focus(app)).toBe('button Copy code for Slack (carol)');

    // Deleting the last row: focus goes to the row before it.
    await tabTo(app, 'button Delete Dropbox (dave)');
    await key(app, 'Enter', 'Tab', 'Enter');
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Slack']);
    await expect.poll(() => focus(app)).toBe('button Copy code for Slack (carol)');

    // Edit → "Delete…" → confirm: focus still lands on the next row, not on the page.
    await key(app, 'Shift+Tab');
    expect(await focus(app)).toBe('button Delete GitHub (alice)');
    await tabTo(app, 'button Edit GitHub (alice)', true);
    await key(app, 'Enter');
    await tabTo(app, 'button Delete…');
    await key(app, 'Enter');
    await app.page.getByRole('alertdialog').waitFor();
    await key(app, 'Tab', 'Enter');
    await expect.poll(() => app.accountOrder()).toEqual(['Slack']);
    await expect.poll(() => focus(app)).toBe('button Copy code for Slack (carol)');
    expect(app.pageErrors).toEqual([]);
  });

  it('scans the screen: the pressed button keeps focus, Escape works throughout, Add returns focus to the menu', async () => {
    const app = await openUnlocked({ scan: { capture: screenWithQr } });
    await openAddEntry(app, 'Scan QR code…');
    const dialog = app.page.getByRole('dialog', { name: 'Scan a QR code' });
    await dialog.waitFor();
    await tabTo(app, 'button Scan screen');
    await key(app, 'Enter');
    await dialog.getByRole('heading', { name: /1 account found/ }).waitFor({ timeout: 30_000 });
    expect(await focus(app)).toBe('button Scan screen');
    await tabTo(app, 'button Add account');
    await key(app, 'Enter');
    await app.row('Scanned Bank').waitFor();
    await expect.poll(() => focus(app)).toBe('button Add account');

    // Scan again, then Escape closes the dialog from wherever focus is.
    await openAddEntry(app, 'Scan QR code…');
    await tabTo(app, 'button Scan screen');
    await key(app, 'Enter');
    await dialog.getByText('Already in Twofold').waitFor({ timeout: 30_000 });
    await key(app, 'Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focus(app)).toBe('button Add account');
  });

  it('imports a file: Choose file, the preview, Import; focus is never on the page body', async () => {
    const app = await openUnlocked();
    const file = join(dir, 'links.txt');
    await writeFile(file, [uri('Imported One', 'a', GITHUB), uri('Imported Two', 'b', GOOGLE)].join('\n'));
    app.fileDialogs.answerImport(file);
    await openAddEntry(app, 'Import from a file…');
    await app.page.getByRole('dialog', { name: 'Import accounts' }).waitFor();
    expect(await focus(app)).toBe('button Choose file…');
    await key(app, 'Enter');
    await app.page.getByRole('button', { name: 'Import 2 accounts' }).waitFor();
    // "Choose file…" is gone: focus went to what took its place, inside the dialog.
    expect(await focus(app)).not.toBe('BODY');
    expect(await app.focusIsInDialog()).toBe(true);
    await tabTo(app, 'button Import 2 accounts');
    await key(app, 'Enter');
    await app.row('Imported Two').waitFor();
    await expect.poll(() => focus(app)).toBe('button Add account');
  });

  it('settings: "Show QR code" hands focus to "Hide QR code", and Escape still closes the dialog', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    await tabTo(app, 'button Settings');
    await key(app, 'Enter');
    const settings = app.page.getByRole('dialog', { name: 'Settings' });
    await settings.waitFor();
    await tabTo(app, 'button Show QR code…');
    await key(app, 'Enter');
    await tabTo(app, 'textbox Your Twofold password');
    await app.page.keyboard.type(PASSWORD);
    await tabTo(app, 'button Show QR code');
    await key(app, 'Enter');
    await settings.getByRole('img', { name: /QR code of GitHub/ }).waitFor();
    await expect.poll(() => focus(app)).toBe('button Hide QR code');
    await key(app, 'Enter');
    // The password form is back; the Hide button is gone: focus is in the dialog, not on <body>.
    await expect.poll(() => app.focusIsInDialog()).toBe(true);
    await key(app, 'Escape');
    await settings.waitFor({ state: 'detached' });
    expect(await focus(app)).toBe('button Settings');
  });

  it('asks before a click outside discards a half-filled form; Escape there keeps editing', async () => {
    const app = await openUnlocked();
    await openAddEntry(app, 'Enter a setup key…');
    const dialog = app.page.getByRole('dialog', { name: 'Add account' });
    await app.page.keyboard.type('Half filled');
    await app.page.mouse.click(5, 5);
    const ask = app.page.getByRole('alertdialog', { name: 'Discard what you entered in this dialog?' });
    await ask.waitFor();
    expect(await focus(app)).toBe('button Keep editing');
    await key(app, 'Escape');
    await ask.waitFor({ state: 'detached' });
    expect(await dialog.getByLabel('Issuer', { exact: true }).inputValue()).toBe('Half filled');
    expect(await focus(app)).toBe('textbox Issuer');
    await app.page.mouse.click(5, 5);
    await ask.getByRole('button', { name: 'Discard' }).click();
    await dialog.waitFor({ state: 'detached' });
    // A dialog with nothing typed closes on an outside click at once.
    await openAddEntry(app, 'Enter a setup key…');
    await app.page.mouse.click(5, 5);
    await dialog.waitFor({ state: 'detached' });
    expect(await focus(app)).toBe('button Add account');
  });
});
