import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, SelfServicePage } from './self-service-page';
import { PASSWORD, startWebServer, totpCode, type WebServer } from './web-server';

let browser: Browser;
let web: WebServer;
let page: SelfServicePage;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  web = await startWebServer();
});
afterEach(async () => {
  const problems = page?.problems ?? [];
  await page?.close();
  await web?.close();
  // A refused inline script/style or an uncaught error anywhere in a test is a failure.
  expect(problems).toEqual([]);
});

describe('self-service page: sign-in', () => {
  it('signs in with the password alone when the account has no MFA, and shows who is signed in', async () => {
    await web.addUser('alice');
    page = await SelfServicePage.open(browser, web.baseUrl);
    expect(await page.visibleView()).toBe('view-sign-in');
    expect(await page.focused()).toBe('#sign-in-username');
    await page.screenshot('01-sign-in-light');

    await page.signIn('alice', PASSWORD);
    await page.waitForView('view-profile');
    expect(await page.profileFact('Username')).toBe('alice');
    expect(await page.profileFact('Role')).toBe('Member');
    expect(await page.mfaBadge()).toBe('Off');
    await expect(page.page.locator('[data-mfa-policy]').textContent()).resolves.toContain('Policy: Optional');
    expect(await page.page.getByRole('button', { name: 'Set up authenticator' }).isVisible()).toBe(true);
    expect(await page.focused()).toBe('#profile-title');
    await page.screenshot('05-profile-mfa-off');

    // A reload keeps the session (HttpOnly cookie) and lands on the profile again.
    await page.goto();
    expect(await page.visibleView()).toBe('view-profile');
  });

  it('says when the password is wrong and keeps the username typed', async () => {
    await web.addUser('alice');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.signIn('alice', 'not the password');
    expect(await page.errorIn('#sign-in-form')).toBe('The username or password is wrong. Check them and try again.');
    expect(await page.page.getByLabel('Username').inputValue()).toBe('alice');
    expect(await page.page.getByLabel('Password', { exact: true }).inputValue()).toBe('not the password');
    expect(await page.focused()).toBe('#sign-in-password');
    await page.screenshot('02-sign-in-wrong-password');
  });

  it('asks for both fields before calling the server', async () => {
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.page.locator('#sign-in-form').getByRole('button', { name: 'Sign in' }).click();
    expect(await page.errorIn('#sign-in-form')).toBe('Enter your username and password.');
    expect(await page.page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
  });

  it('says plainly when the server cannot be reached, and loses nothing typed', async () => {
    await web.addUser('alice');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    await page.signIn('alice', PASSWORD);
    expect(await page.errorIn('#sign-in-form')).toContain('The server could not be reached');
    expect(await page.page.getByLabel('Username').inputValue()).toBe('alice');
    expect(await page.page.getByLabel('Password', { exact: true }).inputValue()).toBe(PASSWORD);
    await page.screenshot('03-sign-in-network-failure');

    await page.page.unroute('**/api/v1/**');
    await page.page.locator('#sign-in-form').getByRole('button', { name: 'Sign in' }).click();
    await page.waitForView('view-profile');
  });
});

describe('self-service page: enrollment from the profile and the TOTP step', () => {
  it('enrolls with the QR code or the manual key, refuses a wrong code, and then signs in with the TOTP step', async () => {
    await web.addUser('alice');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.signIn('alice', PASSWORD);
    await page.waitForView('view-profile');

    await page.page.getByRole('button', { name: 'Set up authenticator' }).click();
    expect(await page.focused()).toBe('#enroll-password');
    await page.page.getByLabel('Your password').first().fill('wrong');
    await page.page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.errorIn('#enroll-start-form')).toBe('The username or password is wrong. Check them and try again.');
    await page.page.getByLabel('Your password').first().fill(PASSWORD);
    await page.page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForView('view-enroll');
    const key = await page.manualKey();
    expect(key.shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const uri = new URL(await page.scanQr());
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(key.secret);
    expect(await page.page.getByRole('link', { name: 'Open in an authenticator app on this device' }).getAttribute('href')).toBe(uri.href);
    await page.screenshot('06-enroll-from-profile');

    const right = web.freshCode(key.secret);
    const wrong = right === '000000' ? '111111' : '000000';
    await page.confirmEnrollment(wrong);
    expect(await page.errorIn('#enroll-form')).toContain('That code is not right.');
    expect(await page.page.getByLabel('6-digit code from the app').inputValue()).toBe(wrong);
    await page.screenshot('07-enroll-wrong-code');

    // Authenticator apps show codes as "123 456"; the page accepts that.
    await page.confirmEnrollment(`${right.slice(0, 3)} ${right.slice(3)}`);
    expect(await page.recoveryCodesShown()).toHaveLength(10);
    await page.saveRecoveryCodes();
    expect(await page.mfaBadge()).toBe('On');
    await expect.poll(() => page.page.locator('[data-profile-notice]').textContent()).toContain('Two-step verification is on.');
    expect(await page.page.locator('#enroll-key').innerText()).toBe('');
    expect(await page.page.getByRole('button', { name: 'Turn off two-step verification' }).isEnabled()).toBe(true);
    await page.screenshot('08-profile-mfa-on');

    await page.page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForView('view-sign-in');
    await expect.poll(() => page.page.locator('#sign-in-form [data-notice]').textContent()).toBe('You have signed out.');
    await page.goto();
    expect(await page.visibleView()).toBe('view-sign-in');

    // Keyboard only from here: type, Tab, type, Enter.
    await page.page.getByLabel('Username').focus();
    await page.page.keyboard.type('alice');
    await page.page.keyboard.press('Tab');
    await page.page.keyboard.type(PASSWORD);
    await page.page.keyboard.press('Enter');
    await page.waitForView('view-totp');
    expect(await page.focused()).toBe('#totp-code');
    const codeField = page.page.locator('#totp-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    await page.screenshot('04-totp-step');

    await page.page.keyboard.type(wrong);
    await page.page.keyboard.press('Enter');
    expect(await page.errorIn('#totp-form')).toContain('That code is not right.');
    expect(await page.focused()).toBe('#totp-code');
    await page.page.keyboard.type(web.freshCode(key.secret));
    await page.page.keyboard.press('Enter');
    await page.waitForView('view-profile');
    expect(await page.profileFact('Username')).toBe('alice');
  });

  it('turns two-step verification off with the password and a current code', async () => {
    await web.addUser('alice');
    const secret = await web.enrollViaApi('alice');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.signIn('alice', PASSWORD);
    await page.enterTotp(web.freshCode(secret));
    await page.waitForView('view-profile');

    await page.page.getByRole('button', { name: 'Turn off two-step verification' }).click();
    expect(await page.focused()).toBe('#disable-password');
    await page.page.locator('#disable-password').fill(PASSWORD);
    await page.page.locator('#disable-code').fill(web.freshCode(secret));
    await page.screenshot('09-disable-form');
    await page.page.getByRole('button', { name: 'Turn off', exact: true }).click();
    await expect.poll(() => page.mfaBadge()).toBe('Off');
    await expect.poll(() => page.page.locator('[data-profile-notice]').textContent()).toContain('Two-step verification is off.');
    const status = await web.api('POST', '/auth/login', { body: { username: 'alice', password: PASSWORD, issue: 'apiKey' } });
    expect((status.body as { result: string }).result).toBe('authenticated');
  });

  it('shows when code checks are locked after repeated wrong codes, with the time to try again', async () => {
    await web.addUser('alice');
    const secret = await web.enrollViaApi('alice');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.signIn('alice', PASSWORD);
    await page.waitForView('view-totp');
    const right = totpCode(secret, web.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    const alert = page.page.locator('#totp-form [role="alert"]');
    let message = '';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await alert.evaluate((el) => (el.textContent = ''));
      await page.enterTotp(wrong);
      message = await page.errorIn('#totp-form');
    }
    // The server clock runs up to a few TOTP steps ahead of the browser's here, hence 15-17.
    expect(message).toMatch(/^Too many wrong codes were entered, so code checks are paused for this account\. Try again at \d\d:\d\d \(in 1[5-7] minutes\)\.$/);
    expect(await page.page.locator('#totp-code').inputValue()).toBe(wrong);
    await page.screenshot('10-too-many-attempts');
  });
});

describe('self-service page: policy Required', () => {
  it('routes an unenrolled user into enrollment and keeps them from the profile until it is confirmed', async () => {
    await web.setPolicy('Required');
    await web.addUser('bob');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.signIn('bob', PASSWORD);
    await page.waitForView('view-enroll');
    await expect.poll(() => page.page.locator('[data-enroll-lead]').textContent()).toContain('Your organization requires two-step verification');
    expect(await page.focused()).toBe('#enroll-title');
    await page.screenshot('11-required-enrollment-at-sign-in');

    // No session was issued: a reload lands on the sign-in form, and the API refuses /me.
    await page.goto();
    expect(await page.visibleView()).toBe('view-sign-in');
    const me = await page.page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
    expect(me).toBe(401);

    // Cancelling does not let them in either.
    await page.signIn('bob', PASSWORD);
    await page.waitForView('view-enroll');
    await page.page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await page.waitForView('view-sign-in');
    await expect.poll(() => page.page.locator('#sign-in-form [data-notice]').textContent()).toContain('you will be asked to set it up the next time you sign in');

    await page.signIn('bob', PASSWORD);
    await page.waitForView('view-enroll');
    const { secret } = await page.manualKey();
    expect(new URL(await page.scanQr()).searchParams.get('secret')).toBe(secret);
    await page.confirmEnrollment('000000' === totpCode(secret, web.clock.now()) ? '111111' : '000000');
    expect(await page.errorIn('#enroll-form')).toContain('That code is not right.');
    expect(await page.visibleView()).toBe('view-enroll');

    await page.confirmEnrollment(web.freshCode(secret));
    expect(await page.recoveryCodesShown()).toHaveLength(10);
    await page.saveRecoveryCodes();
    expect(await page.profileFact('Username')).toBe('bob');
    expect(await page.mfaBadge()).toBe('On');
    await expect.poll(() => page.page.locator('[data-mfa-policy]').textContent()).toContain('Policy: Required');

    // Under Required the turn-off button is disabled and says why.
    const off = page.page.getByRole('button', { name: 'Turn off two-step verification' });
    expect(await off.isDisabled()).toBe(true);
    await expect.poll(() => page.page.locator('#disable-explain').textContent()).toContain('Your organization requires two-step verification, so you cannot turn it off.');
    await page.screenshot('12-profile-required');
  });

  it('refuses to turn off MFA when the policy became Required meanwhile, and says why', async () => {
    await web.addUser('carol');
    const secret = await web.enrollViaApi('carol');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.signIn('carol', PASSWORD);
    await page.enterTotp(web.freshCode(secret));
    await page.waitForView('view-profile');
    await page.page.getByRole('button', { name: 'Turn off two-step verification' }).click();
    await page.page.locator('#disable-password').fill(PASSWORD);
    await page.page.locator('#disable-code').fill(web.freshCode(secret));

    // An admin switches the policy to Required while the form is open. Carol's session was
    // verified with a code, so it stays valid; the server refuses the disable.
    await web.setPolicy('Required');
    await page.page.getByRole('button', { name: 'Turn off', exact: true }).click();
    expect(await page.errorIn('#view-profile')).toBe('Your organization requires two-step verification, so you cannot turn it off.');
    expect(await page.page.getByRole('button', { name: 'Turn off two-step verification' }).isDisabled()).toBe(true);
    expect(await page.mfaBadge()).toBe('On');
    await page.screenshot('13-disable-refused-required');
  });
  it('sends a password-only session back to sign-in when the policy becomes Required, then into enrollment', async () => {
    await web.addUser('dave');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.signIn('dave', PASSWORD);
    await page.waitForView('view-profile');

    await web.setPolicy('Required');
    await page.page.getByRole('button', { name: 'Set up authenticator' }).click();
    await page.page.getByLabel('Your password').first().fill(PASSWORD);
    await page.page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForView('view-sign-in');
    expect(await page.errorIn('#sign-in-form')).toBe('Your organization now requires two-step verification. Sign in again with your password and an authenticator code.');
    expect(await page.page.getByLabel('Username').inputValue()).toBe('dave');
    expect(await page.focused()).toBe('#sign-in-password');
    await page.screenshot('14-session-ended-by-required');

    await page.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.page.keyboard.press('Enter');
    await page.waitForView('view-enroll');
  });
});

describe('self-service page: appearance', () => {
  it('renders the sign-in, enrollment and profile views in dark mode and on a narrow screen', async () => {
    await web.addUser('dana');
    page = await SelfServicePage.open(browser, web.baseUrl, { colorScheme: 'dark' });
    await page.screenshot('20-sign-in-dark');
    await page.signIn('dana', PASSWORD);
    await page.waitForView('view-profile');
    await page.screenshot('21-profile-dark');
    await page.page.getByRole('button', { name: 'Set up authenticator' }).click();
    await page.page.getByLabel('Your password').first().fill(PASSWORD);
    await page.page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForView('view-enroll');
    // The QR code stays dark-on-light in dark mode (many scanners cannot read inverted codes).
    expect(new URL(await page.scanQr()).protocol).toBe('otpauth:');
    // Copy key puts the key, without the spaces it is shown with, on the clipboard.
    await page.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.baseUrl });
    await page.page.getByRole('button', { name: 'Copy key' }).click();
    await expect.poll(() => page.page.locator('[data-copy-status]').textContent()).toBe('Key copied.');
    const copied = await page.page.evaluate('navigator.clipboard.readText()');
    expect(copied).toBe((await page.manualKey()).secret);
    await page.screenshot('22-enroll-dark');
    await page.page.setViewportSize({ width: 380, height: 800 });
    await page.screenshot('23-enroll-narrow-dark');
    expect(await page.overflowsHorizontally()).toBe(false);
  });
});
