import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeBothSchemes, useColorScheme } from '../harness/axe';
import { focusedElement } from '../harness/focus';
import { AdminWorld, USER_PASSWORD, type AdminWindow } from './admin-app';

/**
 * The admin window with the keyboard alone, against the real reference server: add a server,
 * sign in, the tabs (WAI-ARIA tabs pattern), enroll, change the policy, reset a user, read the
 * audit log. After every step the test says which control has focus (never the page body), and
 * axe-core (WCAG 2.1 A/AA, colour contrast included) checks every view it passes, light and
 * dark. The steps run in order on one server, as an administrator's session would.
 */
describe('admin window: keyboard alone, and axe-core over every view', () => {
  let world: AdminWorld;
  let win: AdminWindow;
  const found: string[] = [];
  const check = async (view: string) => {
    found.push(...(await axeBothSchemes(win.page, view)));
  };
  const focus = () => focusedElement(win.page);
  const key = async (...keys: string[]) => {
    for (const k of keys) await win.page.keyboard.press(k);
  };
  const type = (text: string) => win.page.keyboard.type(text);
  async function tabTo(name: string | RegExp, shift = false): Promise<void> {
    for (let i = 0; i < 40; i += 1) {
      const now = await focus();
      if (typeof name === 'string' ? now === name : name.test(now)) return;
      await key(shift ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached "${name}"; focus is on "${await focus()}"`);
  }
  const shoot = async (name: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await useColorScheme(win.page, scheme);
      await win.screenshot(`a11y-${scheme}-${name}`);
    }
    await useColorScheme(win.page, 'light');
  };
  const selectedTab = () => win.page.getByRole('tab', { selected: true }).innerText();

  beforeAll(async () => {
    world = await AdminWorld.start();
    await world.addUser('admin', 'server_admin');
    await world.addUser('dave', 'member');
    await world.enrollOther('dave');
    win = await world.openWindow();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('adds a server and signs in; focus starts on the selected tab', async () => {
    await win.heading('MFA servers').waitFor();
    expect(await focus()).toBe('textbox Server address');
    await check('servers, empty');
    await type('http://mfa.example.com');
    await key('Enter');
    await win.alert().waitFor();
    await check('servers, address refused');
    expect(await focus()).toBe('textbox Server address');
    await key('Control+a');
    await type(world.serverUrl);
    await key('Tab');
    expect(await focus()).toBe('textbox Name (optional)');
    await type('Acme MFA');
    await key('Enter');
    await win.heading('Sign in to Acme MFA').waitFor();
    await expect.poll(focus).toBe('textbox Username');
    await check('sign in');

    await type('admin');
    await key('Tab');
    expect(await focus()).toBe('textbox Password');
    await type('wrong password');
    await key('Enter');
    await win.page.getByText('Wrong username or password').waitFor();
    await check('sign in, wrong password');
    expect(await focus()).not.toBe('BODY');
    await win.page.getByLabel('Password', { exact: true }).focus();
    await key('Control+a');
    await type(USER_PASSWORD);
    await key('Enter');
    await win.waitSignedIn();
    await expect.poll(focus).toBe('tab Policy');
    await check('policy');
    await shoot('tabs-policy-focused');
  });

  it('tabs: one tab stop, arrow keys, Home and End, aria-selected and aria-controls', async () => {
    const tabs = win.page.getByRole('tab');
    expect(await tabs.evaluateAll((els) => els.map((el) => el.getAttribute('tabindex')))).toEqual(['0', '-1', '-1', '-1']);
    await key('ArrowRight');
    expect(await focus()).toBe('tab Users');
    expect(await selectedTab()).toBe('Users');
    await win.usersTable().waitFor();
    await check('users');
    await key('End');
    expect(await focus()).toBe('tab Audit log');
    await win.page.getByRole('table', { name: 'Audit events' }).waitFor();
    await check('audit log');
    await key('ArrowRight');
    expect(await focus()).toBe('tab Policy');
    await key('ArrowLeft');
    expect(await focus()).toBe('tab Audit log');
    await key('Home');
    expect(await focus()).toBe('tab Policy');
    const panel = win.page.getByRole('tabpanel');
    const panelId = await panel.getAttribute('id');
    expect(await win.page.getByRole('tab', { name: 'Policy' }).getAttribute('aria-controls')).toBe(panelId);
    expect(await panel.getAttribute('aria-labelledby')).toBe(await win.page.getByRole('tab', { name: 'Policy' }).getAttribute('id'));
    // Tab leaves the tab list for the panel: the other tabs are not tab stops.
    await key('Tab');
    expect(await focus()).not.toMatch(/^tab /);
    await key('Shift+Tab');
    expect(await focus()).toBe('tab Policy');
  });

  it('enrolls with Twofold from My MFA', async () => {
    await key('ArrowRight', 'ArrowRight');
    expect(await focus()).toBe('tab My MFA');
    await win.page.getByTestId('my-mfa-status').filter({ hasText: 'Not enrolled' }).waitFor();
    await check('my MFA, not enrolled');
    await tabTo('textbox Server password');
    await type(USER_PASSWORD);
    await key('Enter');
    await win.page.getByTestId('my-mfa-status').filter({ hasText: 'Enrolled' }).waitFor();
    // The enroll form is gone; the Disable form took its place, and its first field has focus.
    await expect.poll(focus).toBe('textbox Server password');
    expect(await win.page.getByRole('form', { name: 'Disable MFA' }).getByLabel('Server password', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await check('my MFA, enrolled');
  });

  it('switches the policy to Required with the arrow keys, confirms, and keeps focus', async () => {
    world.nextStep();
    await win.page.getByRole('tab', { name: 'My MFA' }).focus();
    await key('Home');
    expect(await focus()).toBe('tab Policy');
    await tabTo(/^radio Optional/);
    await key('ArrowDown');
    expect(await focus()).toMatch(/^radio Required/);
    await win.page.getByTestId('policy-code-source').waitFor();
    await check('policy, Required with the code from the vault');
    await tabTo('button Save policy');
    await key('Enter');
    const confirm = win.page.getByRole('alertdialog', { name: 'Switch to Required?' });
    await confirm.waitFor();
    expect(await focus()).toBe('button Switch to Required');
    await check('policy, confirm mode');
    await shoot('policy-confirm-mode');
    await key('Enter');
    await confirm.waitFor({ state: 'detached' });
    await win.page.getByTestId('policy-mode').filter({ hasText: 'Required' }).waitFor();
    // Save is disabled again (nothing left to save): focus goes to the mode just saved.
    await expect.poll(focus).toMatch(/^radio Required/);
    await check('policy, saved');
  });

  it("resets a user's MFA: the confirmation starts on Cancel, focus goes to what takes the Reset button's place", async () => {
    // The step-up code comes from the vault; the policy change used this step's code.
    world.nextStep();
    await win.page.getByRole('tab', { name: 'Policy' }).focus();
    await key('ArrowRight');
    await win.userRow('dave').waitFor();
    await tabTo('button Reset MFA of dave');
    await key('Enter');
    const dialog = win.page.getByRole('alertdialog', { name: 'Reset MFA of dave?' });
    await dialog.waitFor();
    expect(await focus()).toBe('button Cancel');
    await check('users, reset confirm');
    await tabTo('button Reset MFA');
    await key('Enter');
    await win.page.getByText('MFA of dave was reset.').waitFor();
    await win.userRow('dave').getByText('Not enrolled').waitFor();
    // Dave's Reset button is gone with his enrollment; focus goes to the nearest control before
    // it, his row's "Require MFA" (issue #13).
    await expect.poll(focus).toBe('button Require MFA for dave');
    await check('users, after reset');
  });

  it('reads the audit log with the keyboard: filters by user', async () => {
    await win.page.getByRole('tab', { name: 'Users' }).focus();
    await key('End');
    expect(await focus()).toBe('tab Audit log');
    const table = win.page.getByRole('table', { name: 'Audit events' });
    await table.getByRole('row').nth(1).waitFor();
    await check('audit log, events');
    await key('Tab');
    expect(await focus()).toBe('select User');
    // Type-ahead on the closed list picks "dave" and filters at once; focus stays on the filter.
    await type('dave');
    // Only the header row lacks "dave" once the filter applies.
    await expect.poll(() => table.getByRole('row').filter({ hasNotText: 'dave' }).count()).toBe(1);
    expect(await focus()).toBe('select User');
    await check('audit log, filtered');
    expect(found).toEqual([]);
    expect(world.pageErrors).toEqual([]);
  });

  it('signs out and back in with a code; the servers list and the remove confirmation', async () => {
    await tabTo('button Sign out', true);
    await key('Enter');
    await win.heading('Sign in to Acme MFA').waitFor();
    await expect.poll(focus).not.toBe('BODY');
    world.nextStep();
    await win.page.getByLabel('Username').focus();
    await key('Control+a');
    await type('admin');
    await key('Tab');
    await type(USER_PASSWORD);
    await key('Enter');
    await win.codeField().waitFor();
    await expect.poll(focus).toBe('textbox Authenticator code');
    await check('sign in, code from the vault');
    await shoot('sign-in-code');
    await key('Enter');
    await win.waitSignedIn();
    // Back on the view the admin left (the audit log), its tab focused.
    await expect.poll(focus).toBe('tab Audit log');
    expect(await selectedTab()).toBe('Audit log');

    await tabTo('button Servers', true);
    await key('Enter');
    await win.heading('MFA servers').waitFor();
    await expect.poll(focus).not.toBe('BODY');
    await check('servers, one server');
    await tabTo('button Remove Acme MFA');
    await key('Enter');
    const dialog = win.page.getByRole('alertdialog', { name: 'Remove Acme MFA?' });
    await dialog.waitFor();
    await check('servers, remove confirm');
    await key('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focus()).toBe('button Remove Acme MFA');
    expect(found).toEqual([]);
    expect(world.pageErrors).toEqual([]);
  });

  it('"Sign in again" after a 401 mid-edit: Escape leaves the window read-only, focus stays in it', async () => {
    await key('Shift+Tab');
    expect(await focus()).toMatch(/^button Acme MFA/);
    await key('Enter');
    await win.waitSignedIn();
    await win.page.getByRole('tab', { name: 'Policy' }).focus();
    await key('Home');
    await tabTo('textbox Issuer');
    await key('Control+a');
    await type('Typed but not saved');
    // Another window signs out: this window's key is revoked.
    await world.backend.services.admin.signOut(await win.serverId());
    await key('Enter');
    const dialog = win.page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await check('sign in again');
    await key('Escape');
    await dialog.waitFor({ state: 'detached' });
    await win.page.getByTestId('read-only').waitFor();
    // The Issuer field it came from is read-only now: focus went to a control that works.
    await expect.poll(focus).toMatch(/^(tab Policy|button Sign in)$/);
    await check('read-only after the sign-in ended');
    expect(found).toEqual([]);
    expect(world.pageErrors).toEqual([]);
  });
});
