import { describe, expect, it } from 'vitest';
import { deliverLinksWhileUnlocked, OtpauthInbox } from '../../electron/main/desktop/otpauth-links';
import { oathtoolTotp } from '../codes-window/oathtool';
import { PASSWORD, useCodesApp } from '../codes-window/setup';
import type { CodesApp } from '../harness/codes-app';

/**
 * An otpauth:// link opened with Twofold, end to end in Chromium: the backend receives it the
 * way desktop/shell.ts hands it over (ScanService.receiveLink, here called from the test
 * process), main sends 'scan:review-ready', and the codes window opens the review in the scan
 * dialog. Screenshots: test-results/screens/link-review-*.png.
 */
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const LINK = `otpauth://totp/Link%20Co:erin@example.com?secret=${SECRET}&issuer=Link%20Co&algorithm=SHA256&digits=8&period=60`;
const OTHER = 'otpauth://totp/Other%20Co:frank?secret=KRSXG5CTMVRXEZLU&issuer=Other%20Co';

const harness = useCodesApp();

function linkDialog(app: CodesApp) {
  return app.page.getByRole('dialog', { name: 'Add from a link' });
}

/** The candidate row of `issuer` in the link dialog. */
function candidate(app: CodesApp, issuer: string) {
  return linkDialog(app).getByRole('listitem').filter({ hasText: `${issuer} · ` });
}

describe('a link opened with Twofold', () => {
  it('opens its review while the window is unlocked; Add puts the account in the list with the code oathtool computes', async () => {
    const app = await harness.openUnlocked();
    app.backend.services.scan.receiveLink(LINK);
    const dialog = linkDialog(app);
    await dialog.waitFor();
    const found = dialog.getByRole('list', { name: 'Accounts found' }).getByRole('listitem');
    await expect.poll(() => found.allInnerTexts()).toEqual([expect.stringMatching(/Link Co · erin@example\.com[\s\S]*SHA256[\s\S]*8 digits[\s\S]*from an opened link/)]);
    expect(await found.getByRole('checkbox').isChecked()).toBe(true);
    expect(app.backend.services.vault.accounts()).toEqual([]);
    await app.screenshot('link-review-dialog');

    await dialog.getByRole('button', { name: 'Add account' }).click();
    await dialog.waitFor({ state: 'detached' });
    await app.toast().filter({ hasText: 'Added Link Co' }).waitFor();
    await expect.poll(() => app.codeShownFor('Link Co')).toBe(oathtoolTotp(SECRET, app.clock.now(), { algorithm: 'sha256', digits: 8, period: 60 }));
    expect(app.backend.services.vault.accounts().map((a) => [a.issuer, a.otp.secret])).toEqual([['Link Co', SECRET]]);
    expect(app.pageErrors).toEqual([]);
    expect(app.backend.internalErrors).toEqual([]);
  });

  it('flags an account already in Twofold and leaves it unticked', async () => {
    const app = await harness.openUnlocked();
    await app.seedAccounts([LINK]);
    app.backend.services.scan.receiveLink(LINK);
    const dialog = linkDialog(app);
    await dialog.getByText('Already in Twofold').waitFor();
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(false);
    expect(await dialog.getByRole('button', { name: 'Add account' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(app.backend.services.vault.accounts()).toHaveLength(1);
  });

  it('waits while another dialog is open, keeping what the user typed, then opens; links show one after the other', async () => {
    const app = await harness.openUnlocked();
    const typed = await app.openAddMenuItem(/setup key/);
    await typed.getByLabel('Issuer', { exact: true }).fill('Half typed');
    app.backend.services.scan.receiveLink(LINK);
    app.backend.services.scan.receiveLink(OTHER);
    // The links' reviews wait: the user's dialog and its text stay.
    await app.page.waitForTimeout(300);
    expect(await linkDialog(app).count()).toBe(0);
    expect(await typed.getByLabel('Issuer', { exact: true }).inputValue()).toBe('Half typed');
    await typed.getByRole('button', { name: 'Cancel' }).click();

    const first = linkDialog(app);
    await candidate(app, 'Link Co').waitFor();
    await first.getByRole('button', { name: 'Cancel' }).click();
    await candidate(app, 'Other Co').waitFor();
    await linkDialog(app).getByRole('button', { name: 'Add account' }).click();
    await app.row('Other Co').waitFor();
    expect(await app.accountOrder()).toEqual(['Other Co']);
    expect(app.pageErrors).toEqual([]);
    expect(app.backend.internalErrors).toEqual([]);
  });

  it('reaches a window opened after the link came (closed to the tray), once', async () => {
    const app = await harness.openUnlocked();
    const windowUrl = app.page.url();
    await app.page.goto('about:blank');
    app.backend.services.scan.receiveLink(LINK);
    // A fresh window on the same, still unlocked, services.
    await app.page.goto(windowUrl);
    await app.waitForAccounts();
    await candidate(app, 'Link Co').waitFor();
    await linkDialog(app).getByRole('button', { name: 'Add account' }).click();
    await app.row('Link Co').waitFor();
    await app.page.waitForTimeout(300);
    expect(await linkDialog(app).count()).toBe(0);
    expect(app.backend.services.vault.accounts()).toHaveLength(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('received while the vault is locked, it is shown right after the unlock', async () => {
    const app = await harness.openUnlocked();
    // The shell's part (desktop/shell.ts): the inbox, delivered only while unlocked.
    const { vault, scan } = app.backend.services;
    const inbox = new OtpauthInbox();
    const follow = deliverLinksWhileUnlocked(inbox, () => vault.status().state !== 'unlocked', (uri) => scan.receiveLink(uri));
    const off = vault.onChange(follow);
    follow();
    await app.lock();
    inbox.push(LINK);
    await app.page.waitForTimeout(300);
    expect(await linkDialog(app).count()).toBe(0);
    expect(inbox.size).toBe(1);

    await app.unlock(PASSWORD);
    const dialog = linkDialog(app);
    await candidate(app, 'Link Co').waitFor();
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await app.row('Link Co').waitFor();
    await expect.poll(() => app.codeShownFor('Link Co')).toBe(oathtoolTotp(SECRET, app.clock.now(), { algorithm: 'sha256', digits: 8, period: 60 }));
    off();
    expect(app.pageErrors).toEqual([]);
  });
});
