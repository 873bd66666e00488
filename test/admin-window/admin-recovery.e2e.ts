import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminWorld, USER_PASSWORD, codeFor, type AdminWindow } from './admin-app';

/**
 * The admin window's recovery codes, per-user requirement and grace period against the real
 * reference server (issue #13 item 5). One server and one browser; the tests run in order.
 */
describe('admin window: recovery codes, per-user requirement, grace period', () => {
  let world: AdminWorld;
  let win: AdminWindow;

  /** axe-core over the parts this feature adds (the rest of the window is a11y's, issue #15.7). */
  async function axe(...include: string[]): Promise<string[]> {
    let builder = new AxeBuilder({ page: win.page });
    for (const selector of include) builder = builder.include(selector);
    const result = await builder.analyze();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  beforeAll(async () => {
    world = await AdminWorld.start();
    await world.addUser('admin', 'server_admin');
    await world.addUser('alice', 'member');
    await world.addUser('bob', 'member');
    // Alice enrolls on her own and uses 8 of her 10 recovery codes.
    const login = await world.api('POST', '/auth/login', { body: { username: 'alice', password: USER_PASSWORD, issue: 'apiKey' } });
    const token = (login.body.apiKey as { token: string }).token;
    const start = await world.api('POST', '/me/mfa/enrollment', { token, body: { password: USER_PASSWORD } });
    const confirm = await world.api('POST', '/me/mfa/enrollment/confirm', { token, body: { code: codeFor(start.body.secret as string, world.clock.now()) } });
    const codes = confirm.body.recoveryCodes as string[];
    for (const recoveryCode of codes.slice(0, 8)) {
      const first = await world.api('POST', '/auth/login', { body: { username: 'alice', password: USER_PASSWORD, issue: 'apiKey' } });
      const ticket = (first.body.challenge as { ticket: string }).ticket;
      expect((await world.api('POST', '/auth/login/totp', { body: { ticket, recoveryCode } })).status).toBe(200);
    }
    world.nextStep();
    win = await world.openSignedIn('admin');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('Enroll with Twofold shows the 10 recovery codes once, until "I have saved them"; My MFA counts them', async () => {
    await win.tab('My MFA');
    await win.page.getByRole('textbox', { name: 'Server password' }).fill(USER_PASSWORD);
    await win.page.getByRole('button', { name: 'Enroll with Twofold' }).click();
    const panel = win.page.getByTestId('recovery-codes');
    await panel.waitFor();
    const codes = await panel.getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect(await axe('[data-testid="recovery-codes"]', 'form[aria-label="Recovery codes"]')).toEqual([]);
    await win.screenshot('30-recovery-codes-light');
    await win.page.emulateMedia({ colorScheme: 'dark' });
    await win.screenshot('31-recovery-codes-dark');
    await win.page.emulateMedia({ colorScheme: 'light' });
    const done = panel.getByRole('button', { name: 'Done' });
    expect(await done.isDisabled()).toBe(true);
    await panel.getByLabel('I have saved them').check();
    await done.click();
    await panel.waitFor({ state: 'detached' });
    await win.page.getByTestId('my-recovery-remaining').filter({ hasText: '10 of 10 recovery codes left.' }).waitFor();
  });

  it('the users list shows recovery codes left with a warning at 2, and requires MFA for one user', async () => {
    await win.tab('Users');
    const alice = win.userRow('alice');
    await alice.getByTestId('recovery-remaining').filter({ hasText: '2 left: ask them to get new codes' }).waitFor();
    expect(await win.userRow('bob').getByRole('cell', { name: '—' }).count()).toBe(1);
    await win.page.getByRole('button', { name: 'Require MFA for bob' }).click();
    await win.page.getByRole('status').filter({ hasText: 'MFA is now required for bob' }).waitFor();
    await win.userRow('bob').getByText('Required for this user').waitFor();
    const login = await world.api('POST', '/auth/login', { body: { username: 'bob', password: USER_PASSWORD, issue: 'apiKey' } });
    expect(login.body.result).toBe('mfa_enrollment_required');
    expect(await axe('[data-testid="recovery-remaining"]', 'select[aria-label="Enrollment deadline"]', 'td.row-actions')).toEqual([]);
    await win.screenshot('32-users-recovery-required');
    await win.page.emulateMedia({ colorScheme: 'dark' });
    await win.screenshot('33-users-recovery-required-dark');
    await win.page.emulateMedia({ colorScheme: 'light' });
    // Lifting it weakens protection: the window sends the linked vault account's code (step-up).
    world.nextStep();
    await win.page.getByRole('button', { name: 'Stop requiring MFA for bob' }).click();
    await win.page.getByRole('status').filter({ hasText: 'no longer required for bob' }).waitFor();
  });

  it('the policy form takes a grace period, says how many users it gives a deadline, and refuses 31', async () => {
    await win.tab('Policy');
    const field = win.page.getByLabel('Grace period (days)');
    await field.fill('31');
    await win.page.getByTestId('grace-hint').filter({ hasText: 'Enter a whole number of days from 0 to 30.' }).waitFor();
    expect(await win.page.getByRole('button', { name: 'Save policy' }).isDisabled()).toBe(true);
    await field.fill('7');
    await win.page.getByTestId('grace-hint').filter({ hasText: 'Starting Required now gives 1 user a deadline 7 days away.' }).waitFor();
    expect(await axe('[data-testid="grace-hint"]', 'input[type="number"]')).toEqual([]);
    await win.screenshot('34-policy-grace-period');
    await win.page.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(async () => (await world.api('POST', '/auth/login', { body: { username: 'admin', password: USER_PASSWORD, issue: 'apiKey' } })).status).toBe(200);
    expect(world.server.ctx.policy.get().gracePeriodDays).toBe(7);
    expect(world.pageErrors).toEqual([]);
  });
});
