import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminWorld, USER_PASSWORD, codeFor, type AdminWindow } from './admin-app';

/** Users (issue #15.5) and the audit log with its export (issue #15.6), against the real server. */
describe('admin window: users and audit log', () => {
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
    win = await world.openSignedIn('admin');
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('lists users with totals and page count, and searches as you type', async () => {
    await win.tab('Users');
    await win.page.getByTestId('users-summary').filter({ hasText: '64 users · 1 enrolled · 0 Server Admins enrolled' }).waitFor();
    await win.page.getByTestId('users-page').filter({ hasText: 'Page 1 of 2' }).waitFor();
    expect(await win.usersTable().getByRole('row').count()).toBe(51);
    await win.page.getByRole('button', { name: 'Next' }).click();
    await win.page.getByTestId('users-page').filter({ hasText: 'Page 2 of 2' }).waitFor();
    expect(await win.usersTable().getByRole('row').count()).toBe(15);
    // No Search button: typing is enough, and one request follows the last keystroke.
    expect(await win.page.getByRole('button', { name: 'Search' }).count()).toBe(0);
    const before = world.backend.calls.filter((c) => c === 'admin:users').length;
    await win.page.getByLabel('Search users').pressSequentially('car', { delay: 30 });
    await win.userRow('carol').waitFor();
    await win.page.getByTestId('users-matched').filter({ hasText: '1 user matches' }).waitFor();
    await win.page.getByTestId('users-page').filter({ hasText: 'Page 1 of 1' }).waitFor();
    expect(await win.usersTable().getByRole('row').count()).toBe(2);
    expect(world.backend.calls.filter((c) => c === 'admin:users').length - before).toBe(1);
    await win.page.getByLabel('MFA status').selectOption('enrolled');
    await win.page.getByText('No user matches.').waitFor();
    await win.page.getByLabel('MFA status').selectOption('');
    await win.page.getByLabel('Search users').fill('');
    await win.userRow('dave').waitFor();
    await win.page.getByTestId('users-page').filter({ hasText: 'Page 1 of 2' }).waitFor();
    await win.screenshot('08-users');
  });

  it('shows when a locked user is locked until; your own row says why it has no Reset; Reset is secondary until confirmed', async () => {
    const until = world.clock.now() + 15 * 60_000;
    world.server.ctx.db.prepare('UPDATE users SET totp_failures = 5, totp_locked_until = ? WHERE id = ?').run(until, ids.dave);
    await win.page.getByLabel('MFA status').selectOption('locked');
    const row = win.userRow('dave');
    const d = new Date(until);
    const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    // The date is shown too when the lock does not end today (the test clock is in 2026-01).
    await row.getByTestId('locked-until').filter({ hasText: new RegExp(`Locked until (\\d{4}-\\d{2}-\\d{2} )?${hhmm}$`) }).waitFor();
    await win.screenshot('08b-users-locked');
    const reset = row.getByRole('button', { name: 'Reset MFA of dave' });
    expect(await reset.getAttribute('class')).not.toContain('btn-danger');
    // Unlock clears the lock and keeps dave's authenticator.
    await row.getByRole('button', { name: 'Unlock dave' }).click();
    await win.page.getByText('dave is unlocked. Their authenticator still works.').waitFor();
    await win.page.getByText('No user matches.').waitFor();
    await win.page.getByLabel('MFA status').selectOption('');
    await win.userRow('dave').getByText('Enrolled', { exact: true }).waitFor();
    expect(await win.userRow('dave').getByTestId('locked-until').count()).toBe(0);
    await win.userRow('admin').getByText('You: change your own MFA under My MFA').waitFor();
    expect(await win.userRow('admin').getByRole('button').count()).toBe(0);
  });

  it("resets a member's TOTP after a confirmation naming them and the admin's own code; their authenticator stops working", async () => {
    // Not enrolled yet: the dialog says a reset needs the admin's own code before anything is sent.
    await win.userRow('dave').getByRole('button', { name: 'Reset MFA of dave' }).click();
    const dialog = win.page.getByRole('alertdialog', { name: 'Reset MFA of dave?' });
    await dialog.getByTestId('reset-reason').filter({ hasText: 'Enroll yourself under My MFA first.' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Reset MFA' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await win.tab('My MFA');
    await win.page.getByRole('textbox', { name: 'Server password' }).fill(USER_PASSWORD);
    await win.page.getByRole('button', { name: 'Enroll with Twofold' }).click();
    await win.page.getByTestId('my-mfa-status').filter({ hasText: /^Enrolled$/ }).waitFor();
    world.nextStep();
    await win.tab('Users');
    await win.userRow('dave').getByRole('button', { name: 'Reset MFA of dave' }).click();
    await dialog.getByText(/must enroll again/).waitFor();
    await dialog.getByTestId('reset-code-source').waitFor();
    expect(await dialog.getByRole('button', { name: 'Reset MFA' }).getAttribute('class')).toContain('btn-danger');
    await win.screenshot('09-reset-confirm');
    await dialog.getByRole('button', { name: 'Reset MFA' }).click();
    await win.page.getByText('MFA of dave was reset.').waitFor();
    await win.userRow('dave').getByText('Not enrolled').waitFor();
    // Dave's old authenticator no longer signs him in: no code is asked (Optional, not enrolled).
    const login = await world.api('POST', '/auth/login', { body: { username: 'dave', password: USER_PASSWORD, issue: 'apiKey' } });
    expect(login.body.result).toBe('authenticated');
    expect(codeFor(daveSecret, world.clock.now())).toMatch(/^\d{6}$/);
  });

  it('a member without users:edit sees no reset, and a forced call gets the server 403 message', async () => {
    const other = await world.openWindow();
    await other.waitSignedIn();
    await other.page.getByRole('button', { name: 'Servers', exact: true }).click();
    await other.addServer(world.serverUrl.replace('127.0.0.1', 'localhost'), 'Acme via localhost');
    await other.enterPassword('bob');
    await other.waitSignedIn();
    await other.tab('Users');
    await other.userRow('dave').waitFor();
    expect(await other.page.getByRole('button', { name: /Reset MFA/ }).count()).toBe(0);
    await other.screenshot('11-users-view-only');
    const bobProfile = await other.serverId(1);
    const forced = (await other.page.evaluate(`window.twofold.admin.resetUserMfa(${JSON.stringify(bobProfile)}, ${JSON.stringify(ids.carol)})`)) as { ok: boolean; error: { code: string; message: string } };
    expect(forced).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^You are not allowed to do this\. The server says: .+/) } });
    await other.context.close();
    world.windows.splice(world.windows.indexOf(other), 1);
  });

  it('shows the audit log in words and local time (UTC on hover), with labelled From and To', async () => {
    await win.tab('Audit log');
    const table = win.page.getByRole('table', { name: 'Audit events' });
    await table.getByRole('cell', { name: 'MFA reset', exact: true }).first().waitFor();
    await table.getByRole('cell', { name: 'Enrolled in MFA' }).first().waitFor();
    await table.getByRole('cell', { name: /confirming enrollment/ }).first().waitFor();
    const time = table.locator('time').first();
    expect(await time.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    await win.page.getByLabel('Event type').selectOption({ label: 'MFA reset' });
    await table.getByRole('cell', { name: 'dave', exact: true }).first().waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    await win.page.getByLabel('Event type').selectOption('');
    await win.screenshot('13-audit');
    const now = new Date(world.clock.now());
    const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const nextDay = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
    await win.page.getByLabel('From', { exact: true }).fill(nextDay);
    await table.getByText('No events match these filters.').waitFor();
    await win.page.getByLabel('From', { exact: true }).fill(day);
    await win.page.getByLabel('To', { exact: true }).fill(day);
    await table.getByRole('cell', { name: 'MFA reset', exact: true }).first().waitFor();
    await win.page.getByLabel('From', { exact: true }).fill(nextDay);
    await win.alert().filter({ hasText: 'The From date is after the To date.' }).waitFor();
    await win.page.getByLabel('From', { exact: true }).fill('');
    await win.page.getByLabel('To', { exact: true }).fill('');
    await table.getByRole('cell', { name: 'MFA reset', exact: true }).first().waitFor();
  });

  it('exports thousands of filtered events as CSV and JSON Lines through the save dialog', async () => {
    world.appendAuditEvents(3000);
    const dir = await world.tempDir();
    await win.page.getByLabel('Event type').selectOption({ label: 'Sign-in failed' });
    world.fileDialogs.answerExport(join(dir, 'failed.csv'));
    await win.page.getByRole('button', { name: 'Export CSV' }).click();
    await win.page.getByText(/Exported 3,000 events to failed\.csv\./).waitFor();
    await win.screenshot('13b-audit-exported');
    const asked = world.fileDialogs.asked.at(-1)!;
    expect(asked).toMatchObject({ kind: 'export', title: 'Export audit events' });
    expect((asked as { defaultName: string }).defaultName).toMatch(/^audit-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(join(dir, 'failed.csv'), 'utf8')).trimEnd().split('\r\n');
    expect(csv).toHaveLength(3001);
    expect(csv[1]).toMatch(/^\d+,\d{4}-.*Z,login-failed,Sign-in failed,bulk,bulk,api,wrong password,/);

    world.fileDialogs.answerExport(join(dir, 'failed.jsonl'));
    await win.page.getByRole('button', { name: 'Export JSON Lines' }).click();
    await win.page.getByText(/Exported 3,000 events to failed\.jsonl\./).waitFor();
    const lines = (await readFile(join(dir, 'failed.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(3000);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'login-failed', event: 'Sign-in failed', details: 'wrong password' });

    // Cancelling the dialog writes nothing and says nothing.
    world.fileDialogs.answerExport(null);
    await win.page.getByRole('button', { name: 'Export CSV' }).click();
    await win.page.getByRole('button', { name: 'Export CSV' }).isEnabled();
    expect(world.pageErrors).toEqual([]);
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
