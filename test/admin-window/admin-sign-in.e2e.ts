import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountDraftSchema } from '../../shared/otp/account';
import { generateCode } from '../../shared/otp/generate';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { AdminWorld, USER_PASSWORD, type AdminWindow } from './admin-app';

/**
 * Sign-in codes come only from the vault account linked to that server (issue #12.3) and follow
 * the vault each period (issue #15.1). The rogue servers are proxies on 127.0.0.1 in front of the
 * real server that lie in /health about their issuer.
 */
describe('admin window: codes for the linked server only', () => {
  let world: AdminWorld;
  let win: AdminWindow;
  const adminAccount = () => world.backend.services.vault.accounts().find((a) => a.name === 'admin' && a.issuer === 'Twofold')!;

  beforeAll(async () => {
    world = await AdminWorld.start();
    await world.addUser('admin', 'server_admin');
    win = await world.openSignedIn('admin');
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('"Enroll with Twofold" links the new account; at sign-in the field follows it each period and names the origin', async () => {
    await win.tab('My MFA');
    await win.page.getByRole('textbox', { name: 'Server password' }).fill(USER_PASSWORD);
    await win.page.getByRole('button', { name: 'Enroll with Twofold' }).click();
    await win.page.getByTestId('my-mfa-status').filter({ hasText: /^Enrolled$/ }).waitFor();
    const profile = world.backend.services.settings.get().adminServers[0]!;
    expect(profile.link).toMatchObject({ accountId: adminAccount().id, username: 'admin', issuer: 'Twofold', origin: world.serverUrl, via: 'enrollment' });

    await win.page.getByRole('button', { name: 'Sign out' }).click();
    world.nextStep();
    await win.enterPassword('admin');
    const field = win.codeField();
    await win.waitForCode(field, generateCode(adminAccount().otp, world.clock.now()));
    await win.page.getByTestId('code-source').filter({ hasText: `From your vault: Twofold (admin), for ${world.serverUrl}.` }).waitFor();
    await win.screenshot('07-sign-in-code-from-vault');
    // The next period: the field follows without anyone typing.
    world.nextStep();
    await win.waitForCode(field, generateCode(adminAccount().otp, world.clock.now()));

    // Edited to 5 digits: said clearly, nothing sent; the field no longer follows until asked to.
    await field.fill('12345');
    await win.page.getByRole('button', { name: 'Sign in' }).click();
    await win.page.getByText('Enter the 6-digit code from your authenticator (you entered 5 characters).').waitFor();
    world.nextStep();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await field.inputValue()).toBe('12345');
    await win.page.getByRole('button', { name: 'Use the code from your vault' }).click();
    await win.waitForCode(field, generateCode(adminAccount().otp, world.clock.now()));
    await win.page.getByRole('button', { name: 'Sign in' }).click();
    await win.waitSignedIn();
  });

  it("a rogue server whose /health names another vault account's issuer gets no code suggested and none sent", async () => {
    const vault = world.backend.services.vault;
    await vault.addAccounts([AccountDraftSchema.parse(parseOtpauthUri('otpauth://totp/GitHub:admin?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub'))]);
    const rogue = await world.startProxy(() => 'GitHub');
    try {
      await win.page.getByRole('button', { name: 'Servers', exact: true }).click();
      await win.addServer(rogue.url, 'Rogue');
      await win.heading('Sign in to Rogue').waitFor();
      world.nextStep();
      await win.enterPassword('admin');
      const field = win.codeField();
      await field.waitFor();
      const none = win.page.getByTestId('code-source-none');
      await none.filter({ hasText: `No vault account is linked to ${rogue.url} yet.` }).waitFor();
      await new Promise((r) => setTimeout(r, 1200));
      expect(await field.inputValue()).toBe('');
      expect(await win.page.getByTestId('code-source').count()).toBe(0);
      await win.screenshot('07b-rogue-server-not-filled');
      await win.page.getByRole('button', { name: 'Sign in' }).click();
      await win.page.getByText(/Enter the 6-digit code/).waitFor();
      expect(rogue.requests.filter((r) => r.startsWith('POST /api/v1/auth/login/totp'))).toEqual([]);
      expect(world.backend.services.settings.get().adminServers.find((p) => p.url === rogue.url)?.link).toBeUndefined();
    } finally {
      await rogue.close();
    }
  });

  it('a server whose /health changes issuer between calls: nothing is filled until the user links again, seeing the origin', async () => {
    let issuer = 'Twofold';
    const flipping = await world.startProxy(() => issuer);
    try {
      await win.page.getByRole('button', { name: 'Use a different account' }).click();
      await win.page.getByRole('button', { name: 'Other servers' }).click();
      await win.addServer(flipping.url, 'Flipping');
      await win.heading('Sign in to Flipping').waitFor();
      world.nextStep();
      await win.enterPassword('admin');
      await win.page.getByRole('button', { name: 'Link a vault account…' }).click();
      const dialog = win.page.getByRole('dialog', { name: 'Link a vault account' });
      await dialog.getByTestId('link-origin').filter({ hasText: flipping.url }).waitFor();
      // Nothing is preselected by the issuer name.
      expect(await dialog.getByLabel('Vault account').inputValue()).toBe('');
      await win.screenshot('07c-link-account');
      await dialog.getByLabel('Vault account').selectOption({ label: 'Twofold (admin)' });
      // The window's Link button only asks: main's native dialog, naming the origin, decides.
      world.confirmDialog.answer(true);
      await dialog.getByRole('button', { name: 'Link' }).click();
      const field = win.codeField();
      await win.waitForCode(field, generateCode(adminAccount().otp, world.clock.now()));
      expect(world.confirmDialog.shown.at(-1)?.message).toBe(`Codes of "Twofold (admin)" will be filled in for ${flipping.url}.`);

      // The server now names another issuer: the next sign-in fills nothing and says why.
      issuer = 'GitHub';
      await win.page.getByRole('button', { name: 'Use a different account' }).click();
      world.nextStep();
      await win.enterPassword('admin');
      const none = win.page.getByTestId('code-source-none');
      await none.filter({ hasText: `${flipping.url} now names its issuer "GitHub"; it was "Twofold"` }).waitFor();
      expect(await field.inputValue()).toBe('');
      await win.screenshot('07d-issuer-changed');
      // Switching back does not restore filling: only linking again does.
      issuer = 'Twofold';
      await win.page.getByRole('button', { name: 'Use a different account' }).click();
      await win.enterPassword('admin');
      await none.filter({ hasText: 'now names its issuer "GitHub"' }).waitFor();
      expect(await field.inputValue()).toBe('');
      await win.page.getByRole('button', { name: 'Link again…' }).click();
      await dialog.getByLabel('Vault account').selectOption({ label: 'Twofold (admin) (linked before)' });
      world.confirmDialog.answer(true);
      await dialog.getByRole('button', { name: 'Link' }).click();
      await win.waitForCode(field, generateCode(adminAccount().otp, world.clock.now()));
      await win.page.getByRole('button', { name: 'Sign in' }).click();
      await win.waitSignedIn();
      expect(world.pageErrors).toEqual([]);
      expect(world.backend.internalErrors).toEqual([]);
    } finally {
      await flipping.close();
    }
  });
});
