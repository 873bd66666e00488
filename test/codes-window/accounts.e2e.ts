import { describe, expect, it } from 'vitest';
import { oathtoolHotp, oathtoolTotp } from './oathtool';
import { T0, uri, useCodesApp } from './setup';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const GOOGLE = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SLACK = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

const { openUnlocked } = useCodesApp();

describe('codes window: accounts', () => {
  it('shows the parser message for a bad otpauth link and saves nothing; a good link adds the account', async () => {
    const app = await openUnlocked();
    const dialog = await app.submitAccountByUri('otpauth://totp/GitHub:alice?issuer=GitHub');
    const message = await dialog.getByRole('alert').innerText();
    expect(message).toMatch(/secret/i);
    expect(await dialog.getByLabel('otpauth:// link').getAttribute('aria-invalid')).toBe('true');
    expect(app.backend.services.vault.accounts()).toHaveLength(0);

    await dialog.getByLabel('otpauth:// link').fill(uri('GitHub', 'alice', GITHUB, '&digits=8'));
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await app.codeShownFor('GitHub')).toBe(oathtoolTotp(GITHUB, T0, { digits: 8 }));
  });

  it('shows a bad key under the Secret key field and keeps the form', async () => {
    const app = await openUnlocked();
    const dialog = await app.submitAccountByKey({ issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PX0' });
    const field = dialog.getByLabel('Secret key', { exact: true });
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('alert').innerText()).toMatch(/not base32.*"0"/);
    expect(await dialog.getByLabel('Issuer', { exact: true }).inputValue()).toBe('GitHub');
    expect(app.backend.services.vault.accounts()).toHaveLength(0);
  });

  it('adds with advanced parameters (SHA-256, 8 digits, 60 s) and shows oathtool\'s code', async () => {
    const app = await openUnlocked();
    await app.addAccountByKey({ issuer: 'Bank', name: 'alice', secret: GOOGLE, advanced: { algorithm: 'SHA256', digits: 8, period: 60 } });
    expect(await app.codeShownFor('Bank')).toBe(oathtoolTotp(GOOGLE, T0, { algorithm: 'sha256', digits: 8, period: 60 }));
  });

  it('HOTP: shows the counter code and the "next code" button advances it', async () => {
    const app = await openUnlocked();
    await app.addAccountByKey({ issuer: 'VPN', name: 'alice', secret: GITHUB, advanced: { type: 'HOTP', counter: 5 } });
    expect(await app.codeShownFor('VPN')).toBe(oathtoolHotp(GITHUB, 5));
    await app.row('VPN').getByRole('button', { name: /^Next code for VPN/ }).click();
    await expect.poll(() => app.codeShownFor('VPN')).toBe(oathtoolHotp(GITHUB, 6));
  });

  it('shows the next code in the last 5 seconds of the period', async () => {
    const app = await openUnlocked({ now: Date.UTC(2026, 0, 1, 12, 0, 0) });
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    expect(await app.row('GitHub').getByTestId('next-code').count()).toBe(0);
    // 6 s left: main does not give the next code yet, so none is shown.
    await app.advanceTime(24_000);
    const timer = app.row('GitHub').getByRole('timer');
    await expect.poll(() => timer.getAttribute('aria-label')).toBe('6 seconds left');
    expect(await app.row('GitHub').getByTestId('next-code').count()).toBe(0);
    await app.advanceTime(2_000);
    const next = app.row('GitHub').getByTestId('next-code');
    await next.waitFor();
    expect((await next.innerText()).replace(/\s+/g, '')).toBe(`Next${oathtoolTotp(GITHUB, app.clock.now() + 30_000)}`);
    expect(await app.row('GitHub').getByRole('timer').getAttribute('aria-label')).toBe('4 seconds left');
  });

  it('edits issuer, name, tags and note', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    await app.row('GitHub').getByRole('button', { name: 'Edit GitHub (alice)' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Account name', { exact: true }).fill('alice@work.example');
    await app.addTag(dialog, 'Work');
    await app.addTag(dialog, 'Bank');
    await dialog.getByLabel(/^Note/).fill('Recovery codes in the safe');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await app.row('GitHub').getByText('alice@work.example').waitFor();
    await app.tagChips().getByRole('button', { name: 'Work' }).waitFor();
    const [saved] = app.backend.services.vault.accounts();
    expect(saved).toMatchObject({ name: 'alice@work.example', tags: ['Work', 'Bank'], note: 'Recovery codes in the safe' });
  });

  it('deletes only after a confirmation that names the account', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB), uri('Google', 'bob', GOOGLE)]);
    await app.row('GitHub').getByRole('button', { name: 'Delete GitHub (alice)' }).click();
    const confirm = app.page.getByRole('alertdialog', { name: 'Delete GitHub (alice)?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(app.backend.services.vault.accounts()).toHaveLength(2);

    await app.row('GitHub').getByRole('button', { name: 'Delete GitHub (alice)' }).click();
    await confirm.getByRole('button', { name: 'Delete account' }).click();
    await app.row('GitHub').waitFor({ state: 'detached' });
    expect(app.backend.services.vault.accounts().map((a) => a.issuer)).toEqual(['Google']);
    await expect.poll(() => app.toast().innerText()).toMatch(/^Moved GitHub \(alice\) to the trash/);
  });

  it('reorders with Alt+Arrow keys and with the drag handle, and saves the order', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB), uri('Google', 'bob', GOOGLE), uri('Slack', 'carol', SLACK)]);
    await app.row('GitHub').getByRole('button', { name: /^Copy code/ }).focus();
    await app.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => app.accountOrder()).toEqual(['Google', 'GitHub', 'Slack']);
    await app.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => app.accountOrder()).toEqual(['Google', 'Slack', 'GitHub']);
    expect(await app.focusedLabel()).toBe('Copy code for GitHub (alice)');
    await expect.poll(() => app.backend.services.vault.accounts().map((a) => a.issuer)).toEqual(['Google', 'Slack', 'GitHub']);

    await app.row('GitHub').hover();
    await app.row('GitHub').locator('.drag-handle').dragTo(app.row('Google'), { targetPosition: { x: 40, y: 4 } });
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Google', 'Slack']);
    await expect.poll(() => app.backend.services.vault.accounts().map((a) => a.issuer)).toEqual(['GitHub', 'Google', 'Slack']);
  });

  it('pins favourites to the top with the star, and unpins them', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB), uri('Google', 'bob', GOOGLE), uri('Slack', 'carol', SLACK)]);
    const star = app.row('Slack').getByRole('button', { name: 'Add Slack (carol) to favourites' });
    await star.click();
    await app.heading('Favourites').waitFor();
    await expect.poll(() => app.accountOrder()).toEqual(['Slack', 'GitHub', 'Google']);
    expect(await app.row('Slack').getByRole('button', { name: 'Remove Slack (carol) from favourites' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => app.backend.services.vault.accounts().find((a) => a.issuer === 'Slack')?.favourite).toBe(true);
    await app.row('Slack').getByRole('button', { name: 'Remove Slack (carol) from favourites' }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Google', 'Slack']);
  });

  it('filters as you type (issuer, name, tags) and by tag chip', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB), uri('Google', 'bob', GOOGLE), uri('Slack', 'carol', SLACK)], [{ tags: ['Work'] }, {}, { tags: ['Work'] }]);
    await app.search('goo');
    await expect.poll(() => app.accountOrder()).toEqual(['Google']);
    await app.search('CAROL');
    await expect.poll(() => app.accountOrder()).toEqual(['Slack']);
    await app.search('work');
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Slack']);
    await app.search('nothing like this');
    await app.page.getByText(/No accounts match/).waitFor();
    await app.search('');
    await app.page.getByRole('button', { name: 'Work', exact: true }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Slack']);
    await app.page.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => app.accountOrder()).toEqual(['GitHub', 'Google', 'Slack']);
  });
});
