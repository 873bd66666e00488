import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountDraftSchema } from '../../shared/otp/account';
import { generateCode } from '../../shared/otp/generate';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { AdminWorld, USER_PASSWORD, codeFor, type AdminWindow } from './admin-app';

/**
 * The admin window against the real reference server. The tests run in order on one server
 * and one browser (the machine is shared): each builds on the state the previous one left,
 * as an administrator's session would.
 */
describe('admin window', () => {
  let world: AdminWorld;
  let win: AdminWindow;
  const ids: Record<string, string> = {};
  let daveSecret = '';

  beforeAll(async () => {
    world = await AdminWorld.start();
    ids.admin = await world.addUser('admin', 'server_admin');
    ids.carol = await world.addUser('carol', 'server_admin');
    ids.bob = await world.addUser('bob', 'member', ['users:view']);
    ids.dave = await world.addUser('dave', 'member');
    for (let i = 0; i < 60; i++) await world.addUser(`user${String(i).padStart(3, '0')}`, 'member');
    daveSecret = await world.enrollOther('dave');
    win = await world.openWindow();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('refuses bad server addresses with a clear message and saves nothing', async () => {
    await win.heading('MFA servers').waitFor();
    await win.screenshot('01-servers-empty');
    const cases: Array<[string, RegExp]> = [
      ['http://mfa.example.com', /http:\/\/ is only allowed for this computer.*use https:\/\//],
      ['ftp://mfa.example.com', /must start with https:\/\//],
      ['http://', /is not a web address/],
      [world.notAServerUrl, /is not a Twofold MFA server/],
      [await AdminWorld.closedPortUrl(), /refused the connection/],
    ];
    for (const [url, message] of cases) {
      await win.addServer(url);
      await win.page.getByRole('alert').filter({ hasText: message }).waitFor();
    }
    await win.screenshot('02-servers-not-a-server');
    expect(world.backend.services.settings.get().adminServers).toEqual([]);
    await win.addServer(world.serverUrl, 'Acme MFA');
    await win.heading('Sign in to Acme MFA').waitFor();
    expect(world.backend.services.settings.get().adminServers.map((p) => p.url)).toEqual([world.serverUrl]);
  });

  it('signs in with a password when the admin is not enrolled (policy Optional)', async () => {
    await win.screenshot('03-sign-in');
    await win.enterPassword('admin', 'wrong password');
    await win.page.getByText('Wrong username or password').waitFor();
    expect(await win.page.getByLabel('Username').inputValue()).toBe('admin');
    await win.enterPassword('admin');
    await win.waitSignedIn();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Optional' }).waitFor();
    // The API key is in the vault, never in settings.
    const profileId = await win.serverId();
    expect(world.backend.services.vault.getSecret(`admin-server:${profileId}`)).toMatch(/.{20,}/);
    expect(JSON.stringify(world.backend.services.settings.get())).not.toContain(world.backend.services.vault.getSecret(`admin-server:${profileId}`));
  });

  it('explains before sending that Required needs an enrolled Server Admin, and the server refuses', async () => {
    await win.page.getByLabel('Enforcement').selectOption('Required');
    const precheck = win.page.getByTestId('policy-precheck');
    await precheck.filter({ hasText: 'No Server Admin is enrolled' }).waitFor();
    await win.screenshot('04-policy-precheck');
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    await win.alert().filter({ hasText: 'No Server Admin is enrolled in MFA, so Required would lock every admin out' }).waitFor();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Optional' }).waitFor();
  });

  it('enrolls with Twofold in one step, then Required is accepted with the code from the vault', async () => {
    await win.tab('My MFA');
    await win.page.getByTestId('my-mfa-status').filter({ hasText: 'Not enrolled' }).waitFor();
    await win.page.getByRole('textbox', { name: 'Server password' }).fill(USER_PASSWORD);
    await win.page.getByRole('button', { name: 'Enroll with Twofold' }).click();
    await win.page.getByTestId('my-mfa-status').filter({ hasText: 'Enrolled' }).waitFor();
    await win.page.getByText('"Twofold (admin)" is in your vault').waitFor();
    await win.screenshot('05-my-mfa-enrolled');
    const accounts = world.backend.services.vault.accounts().filter((a) => a.name === 'admin');
    expect(accounts.map((a) => a.issuer)).toEqual(['Twofold']);

    world.nextStep();
    await win.tab('Policy');
    await win.page.getByLabel('Enforcement').selectOption('Required');
    const code = win.page.getByLabel('Your authenticator code');
    await win.page.getByTestId('policy-code-source').filter({ hasText: 'Twofold (admin)' }).waitFor();
    expect(await code.inputValue()).toBe(generateCode(accounts[0]!.otp, world.clock.now()));
    expect(await win.page.getByTestId('policy-precheck').count()).toBe(0);
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Required' }).waitFor();
    await win.page.getByText(/Policy saved/).waitFor();
    await win.screenshot('06-policy-required');
  });

  it('signs in with the TOTP code filled in from the vault, and refuses a code of the wrong length', async () => {
    await win.page.getByRole('button', { name: 'Sign out' }).click();
    world.nextStep();
    await win.enterPassword('admin');
    const field = win.codeField();
    await field.waitFor();
    await win.page.getByTestId('code-source').filter({ hasText: 'Filled in from your vault: Twofold (admin)' }).waitFor();
    const account = world.backend.services.vault.accounts().find((a) => a.name === 'admin')!;
    expect(await field.inputValue()).toBe(generateCode(account.otp, world.clock.now()));
    await win.screenshot('07-sign-in-code-from-vault');
    const filled = await field.inputValue();
    await field.fill('12345');
    await win.page.getByRole('button', { name: 'Sign in' }).click();
    await win.page.getByText('Enter the 6-digit code from your authenticator (you entered 5 characters).').waitFor();
    await field.fill(filled);
    await win.page.getByRole('button', { name: 'Sign in' }).click();
    await win.waitSignedIn();
  });

  it('on a first sign-in never fills in another service\'s account with the same username', async () => {
    const vault = world.backend.services.vault;
    const mine = vault.accounts().find((a) => a.name === 'admin' && a.issuer === 'Twofold')!;
    // Only GitHub's "admin" can match by username now; this server's account is set aside.
    await vault.updateAccount(mine.id, { name: 'admin-set-aside' });
    await vault.addAccounts([AccountDraftSchema.parse(parseOtpauthUri('otpauth://totp/GitHub:admin?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub'))]);
    const other = await world.openWindow();
    await other.waitSignedIn();
    await other.page.getByRole('button', { name: 'Servers', exact: true }).click();
    const localhost = world.serverUrl.replace('127.0.0.1', 'localhost');
    await other.addServer(localhost, 'Acme first sign-in');
    await other.heading('Sign in to Acme first sign-in').waitFor();
    // The issuer comes from the anonymous /health, before anyone signs in to this profile.
    expect(world.backend.services.settings.get().adminServers.find((p) => p.url === localhost)?.issuer).toBe('Twofold');
    world.nextStep();
    await other.enterPassword('admin');
    const field = other.codeField();
    await field.waitFor();
    expect(await other.page.getByTestId('code-source').count()).toBe(0);
    expect(await field.inputValue()).toBe('');
    await other.screenshot('07b-first-sign-in-other-issuer-not-filled');
    await field.fill(generateCode(mine.otp, world.clock.now()));
    await other.page.getByRole('button', { name: 'Sign in' }).click();
    await other.waitSignedIn();
    await vault.updateAccount(mine.id, { name: 'admin' });
    await world.backend.services.admin.removeServer(await other.serverId(1));
    await other.context.close();
    world.windows.splice(world.windows.indexOf(other), 1);
  });

  it('lists users with status badges, search, filter and pages', async () => {
    await win.tab('Users');
    await win.page.getByTestId('users-summary').filter({ hasText: '64 users · 2 enrolled · 1 Server Admin enrolled' }).waitFor();
    expect(await win.usersTable().getByRole('row').count()).toBe(51);
    await win.page.getByRole('button', { name: 'Next' }).click();
    await win.page.getByText('Page 2').waitFor();
    expect(await win.usersTable().getByRole('row').count()).toBe(15);
    await win.page.getByLabel('MFA status').selectOption('enrolled');
    await win.userRow('dave').waitFor();
    expect(await win.usersTable().getByRole('row').count()).toBe(3);
    await win.screenshot('08-users-enrolled');
    await win.page.getByLabel('MFA status').selectOption('');
    await win.page.getByLabel('Search users').fill('car');
    await win.page.getByRole('button', { name: 'Search' }).click();
    await win.userRow('carol').waitFor();
    expect(await win.usersTable().getByRole('row').count()).toBe(2);
    await win.page.getByLabel('Search users').fill('');
    await win.page.getByRole('button', { name: 'Search' }).click();
    await win.userRow('dave').waitFor();
  });

  it("resets a member's TOTP after a confirmation naming them; their next login asks for enrollment", async () => {
    await win.userRow('dave').getByRole('button', { name: 'Reset MFA of dave' }).click();
    const dialog = win.page.getByRole('alertdialog', { name: 'Reset MFA of dave?' });
    await dialog.getByText(/must enroll again: the policy is Required, so they are asked to enroll at their next sign-in/).waitFor();
    await win.screenshot('09-reset-confirm');
    await dialog.getByRole('button', { name: 'Reset MFA' }).click();
    await win.page.getByText('MFA of dave was reset.').waitFor();
    await win.userRow('dave').getByText('Not enrolled').waitFor();
    const login = await world.api('POST', '/auth/login', { body: { username: 'dave', password: USER_PASSWORD, issue: 'apiKey' } });
    expect(login.body.result).toBe('mfa_enrollment_required');
    // Dave's old authenticator no longer signs him in.
    expect(codeFor(daveSecret, world.clock.now())).toMatch(/^\d{6}$/);
  });

  it('a member without users:edit sees no reset, and a forced call gets the server 403 message', async () => {
    const other = await world.openWindow();
    // The new window opens on the first server, where admin is signed in.
    await other.waitSignedIn();
    await other.page.getByRole('button', { name: 'Servers', exact: true }).click();
    const localhost = world.serverUrl.replace('127.0.0.1', 'localhost');
    await other.addServer(localhost, 'Acme via localhost');
    world.nextStep();
    await other.enterPassword('bob');
    // Required and bob has no authenticator: one-click enrollment into the vault.
    await other.page.getByRole('button', { name: 'Enroll with Twofold' }).click();
    await other.waitSignedIn();
    expect(world.backend.services.vault.accounts().some((a) => a.name === 'bob' && a.issuer === 'Twofold')).toBe(true);
    await other.tab('Users');
    await other.userRow('dave').waitFor();
    expect(await other.page.getByRole('button', { name: /Reset MFA/ }).count()).toBe(0);
    await other.screenshot('11-users-view-only');
    const bobProfile = await other.serverId(1);
    const forced = (await other.page.evaluate(`window.twofold.admin.resetUserMfa(${JSON.stringify(bobProfile)}, ${JSON.stringify(ids.carol)})`)) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(forced.ok).toBe(false);
    expect(forced.error.code).toBe('forbidden');
    expect(forced.error.message).toMatch(/^You are not allowed to do this\. The server says: .+/);
    await other.context.close();
    world.windows.splice(world.windows.indexOf(other), 1);
  });

  it('the last enrolled Server Admin cannot be reset under Required, and the window says why', async () => {
    const other = await world.openWindow();
    await other.waitSignedIn();
    await other.page.getByRole('button', { name: 'Servers', exact: true }).click();
    await other.chooseServer('Acme via localhost');
    await other.waitSignedIn();
    await other.page.getByRole('button', { name: 'Sign out' }).click();
    world.nextStep();
    await other.enterPassword('carol');
    await other.page.getByRole('button', { name: 'Enroll with Twofold' }).click();
    await other.waitSignedIn();
    // admin resets carol: her signed-in session passed MFA and stays, but she is no longer enrolled,
    // so admin is now the only enrolled Server Admin.
    await win.tab('Users');
    await win.userRow('carol').getByRole('button', { name: 'Reset MFA of carol' }).click();
    await win.page.getByRole('alertdialog', { name: 'Reset MFA of carol?' }).getByRole('button', { name: 'Reset MFA' }).click();
    await win.page.getByText('MFA of carol was reset.').waitFor();

    await other.tab('Users');
    await other.userRow('admin').getByRole('button', { name: 'Reset MFA of admin' }).click();
    const dialog = other.page.getByRole('alertdialog', { name: 'Reset MFA of admin?' });
    await dialog.getByRole('button', { name: 'Reset MFA' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'This is the last Server Admin enrolled in MFA. Under Required, resetting them would leave no admin able to sign in.' }).waitFor();
    await other.screenshot('12-reset-last-admin-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await other.userRow('admin').getByText('Enrolled', { exact: true }).waitFor();
    await other.context.close();
    world.windows.splice(world.windows.indexOf(other), 1);
  });

  it('two windows change the policy at once: the second gets 412, reloads and says what changed', async () => {
    const second = await world.openWindow();
    await second.waitSignedIn();
    await win.tab('Policy');
    await second.page.getByTestId('policy-mode').filter({ hasText: 'Required' }).waitFor();
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Required' }).waitFor();

    await win.page.getByLabel('Enforcement').selectOption('Optional');
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    await win.page.getByText(/Policy saved \(version 3\)/).waitFor();

    await second.page.getByLabel('Issuer').fill('Acme');
    await second.page.getByRole('button', { name: 'Save policy' }).click();
    await second.alert().filter({ hasText: /admin changed the policy at .*: enforcement Required → Optional\. Your edit was not sent/ }).waitFor();
    expect(await second.page.getByLabel('Issuer').inputValue()).toBe('Twofold');
    await second.page.getByTestId('policy-mode').filter({ hasText: 'Optional' }).waitFor();
    await second.screenshot('10-policy-412');
    await second.context.close();
    world.windows.splice(world.windows.indexOf(second), 1);
  });

  it('shows the audit log with filters by user, event type and time', async () => {
    await win.tab('Audit log');
    const table = win.page.getByRole('table', { name: 'Audit events' });
    await table.getByRole('cell', { name: 'policy-changed' }).first().waitFor();
    await win.page.getByLabel('Event type').selectOption('mfa-reset');
    await table.getByRole('cell', { name: 'dave', exact: true }).first().waitFor();
    expect(await table.getByRole('row').count()).toBe(3);
    expect(await table.getByRole('cell', { name: 'carol', exact: true }).count()).toBe(1);
    await win.page.getByLabel('Event type').selectOption('');
    await win.page.getByLabel('User', { exact: true }).selectOption({ label: 'bob' });
    await table.getByRole('cell', { name: 'mfa-enrolled' }).first().waitFor();
    await win.screenshot('13-audit-user');
    const day = new Date(world.clock.now()).toISOString().slice(0, 10);
    const nextDay = new Date(world.clock.now() + 86_400_000).toISOString().slice(0, 10);
    await win.page.getByLabel('From').fill(nextDay);
    await table.getByText('No events match these filters.').waitFor();
    // From and To on the same day: the server gets [day 00:00Z, next day 00:00Z) and keeps the whole day.
    await win.page.getByLabel('From').fill(day);
    await win.page.getByLabel('To').fill(day);
    await table.getByRole('cell', { name: 'mfa-enrolled' }).first().waitFor();
    expect(await win.page.getByRole('button', { name: 'Load older events' }).count()).toBe(0);
    await win.page.getByLabel('From').fill(nextDay);
    await win.alert().filter({ hasText: 'The From date is after the To date. Pick a From date on or before the To date.' }).waitFor();
    await table.getByText('No events match these filters.').waitFor();
    await win.page.getByLabel('From').fill('');
    await win.page.getByLabel('To').fill('');
    await table.getByRole('cell', { name: 'mfa-enrolled' }).first().waitFor();
    expect(await win.alert().filter({ hasText: 'The From date is after' }).count()).toBe(0);
  });

  it('shows the server version and warns when the clocks differ by more than 15 s', async () => {
    await win.page.getByText(/^server \d+\.\d+/).waitFor();
    expect(await win.page.getByText(/The server's clock is/).count()).toBe(0);
    world.serverClockOffsetMs = 40_000;
    const skewed = await world.openWindow();
    await skewed.alert().filter({ hasText: "The server's clock is 40 s ahead of this computer's." }).waitFor();
    await skewed.screenshot('14-clock-skew');
    world.serverClockOffsetMs = 0;
    await skewed.context.close();
    world.windows.splice(world.windows.indexOf(skewed), 1);
  });

  it('a 401 opens sign-in over the views and keeps what the user typed', async () => {
    await win.tab('Policy');
    await win.page.getByLabel('Issuer').fill('Typed but not saved');
    // Another window signs out: the key is revoked and gone from the vault.
    await world.backend.services.admin.signOut(await win.serverId());
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    const dialog = win.page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.getByText(/Sign in to Acme MFA first/).waitFor();
    await win.screenshot('15-session-ended');
    world.nextStep();
    await dialog.getByLabel('Username').fill('admin');
    await dialog.getByLabel('Password', { exact: true }).fill(USER_PASSWORD);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByTestId('code-source').waitFor();
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await win.page.getByLabel('Issuer').inputValue()).toBe('Typed but not saved');
  });

  it('keeps working when the server goes down mid-session', async () => {
    await world.stopServer();
    await win.tab('Users');
    await win.alert().filter({ hasText: /refused the connection/ }).first().waitFor();
    await win.screenshot('16-server-down');
    await win.tab('My MFA');
    await win.page.getByRole('tab', { name: 'My MFA', selected: true }).waitFor();
    expect(world.pageErrors).toEqual([]);
    expect(world.backend.internalErrors).toEqual([]);
  });
});
