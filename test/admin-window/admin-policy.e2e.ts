import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../shared/otp/generate';
import { AdminWorld, USER_PASSWORD, type AdminWindow } from './admin-app';

/**
 * The policy form (issue #15.4) with codes that follow the vault (#15.1) and an honest
 * "Sign in again" (#15.2), against the real server.
 */
describe('admin window: policy', () => {
  let world: AdminWorld;
  let win: AdminWindow;
  const adminAccount = () => world.backend.services.vault.accounts().find((a) => a.name === 'admin' && a.issuer === 'Twofold')!;
  const putCalls = () => world.backend.calls.filter((c) => c === 'admin:update-policy').length;

  beforeAll(async () => {
    world = await AdminWorld.start();
    await world.addUser('admin', 'server_admin');
    await world.addUser('carol', 'server_admin');
    for (let i = 0; i < 5; i++) await world.addUser(`user${i}`, 'member');
    win = await world.openSignedIn('admin');
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('keeps Save disabled with the reason when the server would refuse, and links to My MFA', async () => {
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Optional' }).waitFor();
    await win.page.getByTestId('policy-safeguard').waitFor();
    await win.screenshot('03-policy');
    await win.page.getByRole('radio', { name: /^Required/ }).check();
    const save = win.page.getByRole('button', { name: 'Save policy' });
    await win.page.getByTestId('policy-precheck').filter({ hasText: 'No Server Admin is enrolled' }).waitFor();
    expect(await save.isDisabled()).toBe(true);
    // The reason is attached to the button for screen readers.
    const describedBy = await save.getAttribute('aria-describedby');
    expect(await win.page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/No Server Admin is enrolled/);
    await win.screenshot('04-policy-precheck');
    expect(putCalls()).toBe(0);
    await win.page.getByRole('button', { name: 'Go to My MFA' }).click();
    await win.page.getByRole('tab', { name: 'My MFA', selected: true }).waitFor();
  });

  it('Required right after enrollment: the field waits for the next code, then Save succeeds without typing after a confirmation naming the effect', async () => {
    await win.page.getByRole('textbox', { name: 'Server password' }).fill(USER_PASSWORD);
    await win.page.getByRole('button', { name: 'Enroll with Twofold' }).click();
    await win.page.getByTestId('my-mfa-status').filter({ hasText: /^Enrolled$/ }).waitFor();
    await win.screenshot('05-my-mfa-enrolled');
    await win.tab('Policy');
    await win.page.getByRole('radio', { name: /^Required/ }).check();
    // The enrollment just used this period's code: it is not offered again.
    await win.page.getByTestId('policy-code-source-wait').filter({ hasText: 'The server already took the current code of Twofold (admin)' }).waitFor();
    const field = win.page.getByLabel('Your authenticator code');
    expect(await field.inputValue()).toBe('');
    const save = win.page.getByRole('button', { name: 'Save policy' });
    expect(await save.isDisabled()).toBe(true);
    await win.page.getByTestId('policy-precheck').filter({ hasText: 'Waiting for the next code' }).waitFor();
    await win.screenshot('05b-policy-waiting-for-next-code');

    world.nextStep();
    await win.waitForCode(field, generateCode(adminAccount().otp, world.clock.now()));
    await win.page.getByTestId('policy-code-source').filter({ hasText: `From your vault: Twofold (admin), for ${world.serverUrl}` }).waitFor();
    await save.click();
    const confirm = win.page.getByRole('alertdialog', { name: 'Switch to Required?' });
    await confirm.getByTestId('mode-effect').filter({ hasText: '6 users of 7 are not enrolled and must enroll at their next sign-in. 1 user already enrolled keep signing in with a code.' }).waitFor();
    await win.screenshot('06-policy-confirm-required');
    await confirm.getByRole('button', { name: 'Switch to Required' }).click();
    await win.page.getByText(/Policy saved/).waitFor();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Required' }).waitFor();
    await win.screenshot('06b-policy-required');
  });

  it('a code the server reports as already used is not sent again: the window waits for the next one and says why', async () => {
    // Leaving Required is a step-up change: it needs a code too, filled in from the vault.
    world.nextStep();
    await win.page.getByRole('radio', { name: /^Optional/ }).check();
    await win.waitForCode(win.page.getByLabel('Your authenticator code'), generateCode(adminAccount().otp, world.clock.now()));
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    const confirm = win.page.getByRole('alertdialog', { name: 'Switch to Optional?' });
    await confirm.getByTestId('mode-effect').filter({ hasText: '6 users not enrolled no longer have to enroll.' }).waitFor();
    await confirm.getByRole('button', { name: 'Switch to Optional' }).click();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Optional' }).waitFor();

    world.nextStep();
    await win.page.getByRole('radio', { name: /^Required/ }).check();
    const field = win.page.getByLabel('Your authenticator code');
    const code = generateCode(adminAccount().otp, world.clock.now());
    await win.waitForCode(field, code);
    // Someone (another device) uses this very code first.
    const login = await world.api('POST', '/auth/login', { body: { username: 'admin', password: USER_PASSWORD, issue: 'apiKey' } });
    const used = await world.api('POST', '/auth/login/totp', { body: { ticket: (login.body.challenge as { ticket: string }).ticket, code } });
    expect(used.status).toBe(200);

    const before = putCalls();
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    await win.page.getByRole('alertdialog', { name: 'Switch to Required?' }).getByRole('button', { name: 'Switch to Required' }).click();
    await win.alert().filter({ hasText: 'The server already took this code; each code works once.' }).waitFor();
    await win.page.getByTestId('policy-code-source-wait').waitFor();
    expect(await field.inputValue()).toBe('');
    expect(await win.page.getByRole('button', { name: 'Save policy' }).isDisabled()).toBe(true);
    await win.screenshot('06c-policy-code-already-used');
    await new Promise((r) => setTimeout(r, 1500));
    expect(putCalls()).toBe(before + 1);

    world.nextStep();
    await win.waitForCode(field, generateCode(adminAccount().otp, world.clock.now()));
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    await win.page.getByRole('alertdialog', { name: 'Switch to Required?' }).getByRole('button', { name: 'Switch to Required' }).click();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Required' }).waitFor();
    expect(putCalls()).toBe(before + 2);
  });

  it('a code edited to 5 digits is explained next to Save and never sent', async () => {
    world.nextStep();
    await win.page.getByRole('radio', { name: /^Optional/ }).check();
    await win.waitForCode(win.page.getByLabel('Your authenticator code'), generateCode(adminAccount().otp, world.clock.now()));
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    await win.page.getByRole('alertdialog', { name: 'Switch to Optional?' }).getByRole('button', { name: 'Switch to Optional' }).click();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Optional' }).waitFor();
    world.nextStep();
    await win.page.getByRole('radio', { name: /^Required/ }).check();
    const field = win.page.getByLabel('Your authenticator code');
    await win.waitForCode(field, generateCode(adminAccount().otp, world.clock.now()));
    await field.fill('12345');
    await win.page.getByTestId('policy-precheck').filter({ hasText: 'The code must be exactly 6 digits (you entered 5).' }).waitFor();
    expect(await win.page.getByRole('button', { name: 'Save policy' }).isDisabled()).toBe(true);
    await win.page.getByRole('radio', { name: /^Optional/ }).check();
  });

  it('a 401 mid-edit: "Sign in again" shows no error yet, closing it keeps the window read-only, and signing in restores the edit', async () => {
    await win.page.getByLabel('Issuer').fill('Typed but not saved');
    // Another window signs out: the key is revoked and gone from the vault.
    await world.backend.services.admin.signOut(await win.serverId());
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    const dialog = win.page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.getByText('your unsaved changes are kept').waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await dialog.getByLabel('Username').inputValue()).toBe('admin');
    await win.screenshot('15-session-ended');

    await win.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await win.page.getByTestId('read-only').waitFor();
    expect(await win.page.getByLabel('Issuer').isDisabled()).toBe(true);
    expect(await win.page.getByLabel('Issuer').inputValue()).toBe('Typed but not saved');
    expect(await win.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(world.backend.services.vault.getSecret(`admin-server:${await win.serverId()}`)).toBeUndefined();
    await win.screenshot('15b-read-only');
    // Another tab and back: the edit is kept in the window's store, not in the form alone.
    await win.tab('My MFA');
    await win.tab('Policy');
    expect(await win.page.getByLabel('Issuer').inputValue()).toBe('Typed but not saved');

    await win.page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
    world.nextStep();
    await dialog.getByLabel('Password', { exact: true }).fill(USER_PASSWORD);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await win.waitForCode(dialog.getByLabel('Authenticator code'), generateCode(adminAccount().otp, world.clock.now()));
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });
    await win.page.getByRole('tab', { name: 'Policy', selected: true }).waitFor();
    expect(await win.page.getByLabel('Issuer').inputValue()).toBe('Typed but not saved');
    expect(await win.page.getByLabel('Issuer').isDisabled()).toBe(false);
    await win.page.getByLabel('Issuer').fill('Twofold');
  });

  it('two windows change the policy at once: the second gets 412, reloads and says what changed', async () => {
    const second = await world.openWindow();
    await second.waitSignedIn();
    await second.page.getByTestId('policy-mode').filter({ hasText: 'Optional' }).waitFor();

    world.nextStep();
    await win.page.getByRole('radio', { name: /^Disabled/ }).check();
    await win.waitForCode(win.page.getByLabel('Your authenticator code'), generateCode(adminAccount().otp, world.clock.now()));
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    await win.page.getByRole('alertdialog', { name: 'Switch to Disabled?' }).getByTestId('mode-effect').filter({ hasText: '1 user enrolled stop being asked for a code' }).waitFor();
    await win.page.getByRole('alertdialog', { name: 'Switch to Disabled?' }).getByRole('button', { name: 'Switch to Disabled' }).click();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Disabled' }).waitFor();

    await second.page.getByLabel('Issuer').fill('Acme');
    await second.page.getByRole('button', { name: 'Save policy' }).click();
    await second.alert().filter({ hasText: /admin changed the policy at .*: MFA turned off, enforcement Optional → Disabled\. Your edit was not sent/ }).waitFor();
    // Shown once: the refusal is one message, not a pre-check and an error.
    expect(await second.alert().count()).toBe(1);
    expect(await second.page.getByLabel('Issuer').inputValue()).toBe('Twofold');
    await second.page.getByTestId('policy-mode').filter({ hasText: 'Disabled' }).waitFor();
    await second.screenshot('10-policy-412');
    await second.context.close();
    world.windows.splice(world.windows.indexOf(second), 1);
  });

  it('warns about the clocks only when they differ (a server 40 s ahead)', async () => {
    await win.page.getByText(/^server \d+\.\d+/).waitFor();
    expect(await win.page.getByText(/The server's clock is/).count()).toBe(0);
    world.serverClockOffsetMs = 40_000;
    const skewed = await world.openWindow();
    await skewed.alert().filter({ hasText: "The server's clock is 40 s ahead of this computer's." }).waitFor();
    await skewed.screenshot('14-clock-skew');
    world.serverClockOffsetMs = 0;
    await skewed.context.close();
    world.windows.splice(world.windows.indexOf(skewed), 1);
    expect(world.pageErrors).toEqual([]);
    expect(world.backend.internalErrors).toEqual([]);
  });
});
