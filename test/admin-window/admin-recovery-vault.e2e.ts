import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../shared/otp/generate';
import { axeBothSchemes } from '../harness/axe';
import { AdminWorld, USER_PASSWORD, type AdminWindow } from './admin-app';

/**
 * Issue #13.6 in the admin window, against the real reference server on 127.0.0.1: "Enroll with
 * Twofold" keeps the server's recovery codes in the vault account it creates and links, "Get new
 * recovery codes" replaces them there, and a recovery-code sign-in can take a stored code (the
 * window never sees it) and strikes the one the server accepted. The tests run in order.
 */
describe('admin window: recovery codes kept in the vault', () => {
  let world: AdminWorld;
  let win: AdminWindow;

  const vaultAccount = () => {
    const found = world.backend.services.vault.accounts().find((a) => a.issuer && a.name === 'admin');
    if (!found) throw new Error('no vault account for admin');
    return found;
  };
  const stored = () => vaultAccount().recoveryCodes ?? [];
  async function signOutAndEnterPassword(): Promise<void> {
    await win.page.getByRole('button', { name: 'Sign out' }).click();
    await win.enterPassword('admin');
    await win.codeField().waitFor();
  }

  beforeAll(async () => {
    world = await AdminWorld.start();
    await world.addUser('admin', 'server_admin');
    win = await world.openSignedIn('admin');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('Enroll with Twofold stores the 10 codes in the account it created, and the window says so', async () => {
    await win.tab('My MFA');
    await win.page.getByRole('textbox', { name: 'Server password' }).fill(USER_PASSWORD);
    await win.page.getByRole('button', { name: 'Enroll with Twofold' }).click();
    const panel = win.page.getByTestId('recovery-codes');
    await panel.waitFor();
    const shown = await panel.getByRole('listitem').allInnerTexts();
    expect(shown).toHaveLength(10);
    const saved = panel.getByTestId('recovery-codes-saved');
    expect(await saved.innerText()).toMatch(/Saved in your Twofold vault with “.*\(admin\)”/);
    expect(stored()).toEqual(shown.map((code) => ({ code, used: false })));
    expect(world.server.ctx.policy.get()).toBeTruthy();
    expect(await axeBothSchemes(win.page, 'My MFA: recovery codes saved in the vault')).toEqual([]);
    await win.screenshot('40-recovery-codes-saved-in-vault');
    await panel.getByLabel('I have saved them').check();
    await panel.getByRole('button', { name: 'Done' }).click();
  });

  it('Get new recovery codes replaces the stored set', async () => {
    const old = stored().map((c) => c.code);
    world.nextStep();
    const form = win.page.getByRole('form', { name: 'Recovery codes' });
    await form.getByRole('textbox', { name: 'Server password' }).fill(USER_PASSWORD);
    await form.getByRole('textbox', { name: 'Current authenticator code' }).fill(generateCode(vaultAccount().otp, world.clock.now()));
    await form.getByRole('button', { name: 'Get new recovery codes' }).click();
    const panel = win.page.getByTestId('recovery-codes');
    await panel.getByTestId('recovery-codes-saved').waitFor();
    const shown = await panel.getByRole('listitem').allInnerTexts();
    expect(shown).toHaveLength(10);
    expect(shown.some((c) => old.includes(c))).toBe(false);
    expect(stored()).toEqual(shown.map((code) => ({ code, used: false })));
    await panel.getByLabel('I have saved them').check();
    await panel.getByRole('button', { name: 'Done' }).click();
  });

  it('a recovery-code sign-in takes an unused code from the linked vault account and strikes it once the server accepted it', async () => {
    world.nextStep();
    await signOutAndEnterPassword();
    await win.page.getByRole('button', { name: 'Use a recovery code' }).click();
    const offer = win.page.getByTestId('vault-recovery-codes');
    await offer.filter({ hasText: 'keeps 10 unused recovery codes for this server' }).waitFor();
    expect(await axeBothSchemes(win.page, 'sign-in with a recovery code')).toEqual([]);
    await win.screenshot('41-sign-in-recovery-code');
    const first = stored()[0]!.code;
    // The window never holds a stored code: none is in the page.
    expect(await win.page.content()).not.toContain(first);
    await win.page.getByRole('button', { name: 'Use a recovery code from your vault' }).click();
    await win.waitSignedIn();
    expect(stored()[0]).toEqual({ code: first, used: true });
    expect(stored().filter((c) => c.used)).toHaveLength(1);
    await win.tab('My MFA');
    await win.page.getByTestId('my-recovery-remaining').filter({ hasText: '9 of 10 recovery codes left.' }).waitFor();
  });

  it('a typed recovery code (other case and spacing) is struck in the vault too; keyboard alone', async () => {
    world.nextStep();
    await signOutAndEnterPassword();
    const typed = stored()[1]!.code.toUpperCase().replace(/-/g, ' ');
    await win.page.getByRole('button', { name: 'Use a recovery code' }).focus();
    await win.page.keyboard.press('Enter');
    await win.page.getByTestId('vault-recovery-codes').filter({ hasText: '9 unused' }).waitFor();
    await win.page.getByLabel('Recovery code').focus();
    await win.page.keyboard.type(typed);
    await win.page.keyboard.press('Enter');
    await win.waitSignedIn();
    expect(stored().slice(0, 2).map((c) => c.used)).toEqual([true, true]);
    expect(stored().filter((c) => c.used)).toHaveLength(2);
    expect(world.pageErrors).toEqual([]);
  });
});
