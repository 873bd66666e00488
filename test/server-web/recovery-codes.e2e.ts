import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, SelfServicePage } from './self-service-page';
import { PASSWORD, startWebServer, type WebServer } from './web-server';

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
  expect(problems).toEqual([]);
});

async function axeViolations(p: SelfServicePage): Promise<string[]> {
  const result = await new AxeBuilder({ page: p.page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const CODE_PATTERN = /^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/;

describe('self-service page: recovery codes', () => {
  it('shows the codes once after enrollment, with Copy all, Download .txt and "I have saved them"', async () => {
    await web.addUser('alice');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.baseUrl });
    await page.signIn('alice', PASSWORD);
    await page.waitForView('view-profile');
    await page.page.getByRole('button', { name: 'Set up authenticator' }).click();
    await page.page.getByLabel('Your password').first().fill(PASSWORD);
    await page.page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForView('view-enroll');
    const { secret } = await page.manualKey();
    await page.confirmEnrollment(web.freshCode(secret));

    const codes = await page.recoveryCodesShown();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(CODE_PATTERN);
    expect(await page.focused()).toBe('#recovery-title');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot('11-recovery-codes-light');

    // Continuing without ticking the box is refused, with the reason.
    await page.page.locator('#recovery-ack-form').getByRole('button', { name: 'Continue' }).click();
    expect(await page.errorIn('#recovery-ack-form')).toContain('tick “I have saved them”');
    expect(await page.focused()).toBe('#recovery-saved');

    await page.page.getByRole('button', { name: 'Copy all' }).click();
    await expect.poll(() => page.page.locator('[data-recovery-status]').textContent()).toBe('All 10 codes copied.');
    expect(await page.page.evaluate('navigator.clipboard.readText()')).toBe(codes.join('\n'));

    const [download] = await Promise.all([page.page.waitForEvent('download'), page.page.getByRole('button', { name: 'Download .txt' }).click()]);
    expect(download.suggestedFilename()).toBe('twofold-recovery-codes-alice.txt');
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Twofold recovery codes for alice on ${new URL(web.baseUrl).host}`);
    expect(lines[1]).toMatch(/^Created \d{4}-\d\d-\d\d\. Each code works once, in place of a 6-digit code\.$/);
    expect(lines.slice(3, 13)).toEqual(codes);

    // Keyboard: Space ticks the box, Enter continues.
    await page.page.getByLabel('I have saved them').focus();
    await page.page.keyboard.press('Space');
    await page.page.keyboard.press('Enter');
    await page.waitForView('view-profile');
    await expect.poll(() => page.page.locator('[data-profile-notice]').textContent()).toContain('Two-step verification is on.');
    expect(await page.page.locator('[data-recovery-summary]').textContent()).toBe('Recovery codes: 10 recovery codes left (of 10).');
    // Shown once: gone from the page, and a reload does not bring them back.
    expect(await page.page.locator('[data-recovery-list] li').count()).toBe(0);
    await page.goto();
    expect(await page.visibleView()).toBe('view-profile');
    expect(await page.page.content()).not.toContain(codes[0]);
  });

  it('signs in with a recovery code (any case, spaces), shows what is left, warns at 2 and regenerates from the profile', async () => {
    await web.addUser('alice');
    const { secret, codes } = await web.enrollWithCodesViaApi('alice');
    page = await SelfServicePage.open(browser, web.baseUrl);
    await page.signIn('alice', PASSWORD);
    await page.waitForView('view-totp');
    await page.page.locator('#view-totp').getByRole('button', { name: 'Use a recovery code' }).click();
    expect(await page.focused()).toBe('#totp-code');
    expect(await page.page.locator('#totp-code').getAttribute('inputmode')).toBe('text');
    await page.screenshot('12-totp-recovery-mode');
    // A code that cannot be one is explained before anything is sent.
    await page.enterRecoveryCode('1234');
    expect(await page.errorIn('#totp-form')).toContain('12 letters and digits');
    const spoken = (codes[0] as string).toUpperCase().replace(/-/g, ' ');
    await page.enterRecoveryCode(spoken);
    await page.waitForView('view-profile');
    await expect.poll(() => page.page.locator('[data-profile-notice]').textContent()).toBe(
      'Signed in with a recovery code; it cannot be used again. 9 recovery codes left (of 10).',
    );

    // A used code is refused at the next sign-in, with the reason.
    await page.page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForView('view-sign-in');
    await page.signIn('alice', PASSWORD);
    await page.waitForView('view-totp');
    await page.enterRecoveryCode(codes[0] as string);
    expect(await page.errorIn('#totp-form')).toBe('This recovery code was already used: each works once. Use another one from your list.');

    // Use up to 2 left through the API; the profile then warns.
    for (const c of codes.slice(1, 8)) {
      const login = await web.api('POST', '/auth/login', { body: { username: 'alice', password: PASSWORD, issue: 'apiKey' } });
      const ticket = (login.body as { challenge: { ticket: string } }).challenge.ticket;
      expect((await web.api('POST', '/auth/login/totp', { body: { ticket, recoveryCode: c } })).status).toBe(200);
    }
    await page.enterRecoveryCode(codes[8] as string);
    await page.waitForView('view-profile');
    const summary = page.page.locator('[data-recovery-summary]');
    expect(await summary.textContent()).toBe('Recovery codes: Only 1 recovery code left. Get new ones soon.');
    expect(await summary.getAttribute('class')).toBe('recovery-warning');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot('13-profile-recovery-warning');

    await page.page.getByRole('button', { name: 'Get new recovery codes' }).click();
    expect(await page.focused()).toBe('#recovery-password');
    await page.page.locator('#recovery-password').fill(PASSWORD);
    await page.page.locator('#recovery-code').fill('000000' === web.freshCode(secret) ? '111111' : '000000');
    await page.page.getByRole('button', { name: 'Get new codes' }).click();
    expect(await page.errorIn('#recovery-form')).toContain('That code is not right.');
    await page.page.locator('#recovery-code').fill(web.freshCode(secret));
    await page.page.getByRole('button', { name: 'Get new codes' }).click();
    const fresh = await page.recoveryCodesShown();
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[9]);
    await page.saveRecoveryCodes();
    await expect.poll(() => page.page.locator('[data-profile-notice]').textContent()).toBe('New recovery codes are ready; the old ones no longer work.');
    expect(await summary.textContent()).toBe('Recovery codes: 10 recovery codes left (of 10).');
    // The last code of the old set no longer works.
    const login = await web.api('POST', '/auth/login', { body: { username: 'alice', password: PASSWORD, issue: 'apiKey' } });
    const ticket = (login.body as { challenge: { ticket: string } }).challenge.ticket;
    expect((await web.api('POST', '/auth/login/totp', { body: { ticket, recoveryCode: codes[9] } })).status).toBe(403);
  });

  it('enrollment at sign-in under Required shows the codes before the profile; dark mode and narrow screens', async () => {
    await web.setPolicy('Required');
    await web.addUser('bob');
    page = await SelfServicePage.open(browser, web.baseUrl, { colorScheme: 'dark', width: 420 });
    await page.signIn('bob', PASSWORD);
    await page.waitForView('view-enroll');
    const { secret } = await page.manualKey();
    await page.confirmEnrollment(web.freshCode(secret));
    expect(await page.recoveryCodesShown()).toHaveLength(10);
    expect(await page.overflowsHorizontally()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot('14-recovery-codes-dark-narrow');
    await page.saveRecoveryCodes();
    expect(await page.profileFact('Username')).toBe('bob');
  });

  it('a user in the grace period signs in with the password and sees the deadline', async () => {
    await web.addUser('carol');
    await web.setPolicy('Required', 14);
    page = await SelfServicePage.open(browser, web.baseUrl, { colorScheme: 'dark' });
    await page.signIn('carol', PASSWORD);
    await page.waitForView('view-profile');
    const deadline = page.page.locator('[data-mfa-deadline]');
    await expect.poll(() => deadline.textContent()).toMatch(/^Set up two-step verification by .+\. After that, signing in will ask you to set it up before anything else\.$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot('15-profile-grace-deadline-dark');
  });
});
