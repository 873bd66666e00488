import { describe, expect, it } from 'vitest';
import type { CodeView } from '../../shared/otp/code-view';
import type { CodesApp } from '../harness/codes-app';
import { oathtoolTotp } from './oathtool';
import { T0, uri, useCodesApp } from './setup';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const GOOGLE = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** T0 is 12:00:10, 20 s before the period ends; this puts the clock 3 s before it. */
const TO_LAST_SECONDS = 17_000;
const NEXT_PERIOD = Date.UTC(2026, 0, 1, 12, 0, 30);

const { openUnlocked } = useCodesApp();

async function setSetting(app: CodesApp, label: string | RegExp, on: boolean) {
  await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const box = app.page.getByRole('checkbox', { name: label });
  if (on) await box.check();
  else await box.uncheck();
  await app.page.getByRole('button', { name: 'Done' }).click();
}

/** What main answers to codes:current right now, as the page would receive it. */
async function currentCodes(app: CodesApp): Promise<CodeView[]> {
  const result = (await app.backend.invoke('codes:current', [])) as { ok: true; value: CodeView[] };
  return result.value;
}

/** The codes of the accounts in every form a page could show them: "123456" and "123 456". */
function forms(code: string): string[] {
  return [code, `${code.slice(0, 3)} ${code.slice(3)}`];
}

describe('codes window: privacy', () => {
  it('hide codes: main sends no digit, the page holds none until a code is revealed, and it hides again after 10 s', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB), uri('Google', 'bob', GOOGLE)]);
    const github = oathtoolTotp(GITHUB, T0);
    const google = oathtoolTotp(GOOGLE, T0);
    expect(await app.codeShownFor('GitHub')).toBe(github);

    await setSetting(app, 'Hide codes', true);
    await expect.poll(() => app.codeShownFor('GitHub')).toBe('••••••');
    expect(await app.codeShownFor('Google')).toBe('••••••');
    // Not just hidden on screen: not in the page at all, and not in what main sends.
    const html = await app.page.content();
    for (const code of [github, google]) for (const form of forms(code)) expect(html).not.toContain(form);
    expect((await currentCodes(app)).map((c) => [c.code, c.type !== 'hotp' ? c.nextCode : null, c.hidden])).toEqual([
      ['', null, true],
      ['', null, true],
    ]);
    // The next code is withheld too, in the last seconds of the period.
    await app.advanceTime(TO_LAST_SECONDS);
    await app.page.waitForTimeout(1200);
    expect(await app.page.getByTestId('next-code').count()).toBe(0);
    const late = await app.page.content();
    for (const code of [oathtoolTotp(GITHUB, NEXT_PERIOD), oathtoolTotp(GOOGLE, NEXT_PERIOD)]) for (const form of forms(code)) expect(late).not.toContain(form);
    await app.advanceTime(-TO_LAST_SECONDS);

    // A click reveals (it does not copy); Enter on a focused row does the same.
    await app.row('GitHub').getByRole('button', { name: 'Show code for GitHub (alice)' }).click();
    await expect.poll(() => app.codeShownFor('GitHub')).toBe(github);
    expect(app.clipboard.writes).toEqual([]);
    expect(await app.codeShownFor('Google')).toBe('••••••');
    expect(await app.page.content()).not.toContain(forms(google)[1]);
    await app.row('Google').getByRole('button', { name: /Show code for Google/ }).focus();
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.codeShownFor('Google')).toBe(google);
    // Revealed: a click copies.
    await app.copyCode('GitHub');
    await expect.poll(() => app.clipboard.text).toBe(github);

    // 10 s later (main's clock), both are hidden again.
    await app.advanceTime(10_000);
    await expect.poll(() => app.codeShownFor('GitHub')).toBe('••••••');
    await expect.poll(() => app.codeShownFor('Google')).toBe('••••••');
    expect(app.pageErrors).toEqual([]);
  });

  it('copies the next code (equal to oathtool\'s for the next period) when the preview shows it, and not when it is off', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    expect(await app.row('GitHub').getByRole('button', { name: 'Copy next code for GitHub (alice)' }).count()).toBe(0);
    await app.advanceTime(TO_LAST_SECONDS);
    const copyNext = app.row('GitHub').getByRole('button', { name: 'Copy next code for GitHub (alice)' });
    await copyNext.waitFor();
    await copyNext.click();
    await expect.poll(() => app.clipboard.text).toBe(oathtoolTotp(GITHUB, NEXT_PERIOD));
    expect(app.clipboard.text).not.toBe(oathtoolTotp(GITHUB, T0));
    await expect.poll(() => app.toast().innerText()).toBe('Next code copied — clears in 30 s');

    // Preview off: neither shown nor copyable (main refuses, naming the setting).
    await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await app.page.getByRole('dialog').getByLabel('Next code', { exact: true }).selectOption('off');
    await app.page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => app.page.getByTestId('next-code').count()).toBe(0);
    expect(await copyNext.count()).toBe(0);
    const id = app.backend.services.vault.accounts()[0]?.id;
    expect(await app.backend.invoke('codes:copy-next', [id])).toMatchObject({ ok: false, error: { code: 'next-code-off' } });
  });

  it('blurs the codes while the window is in the background, when asked to', async () => {
    const app = await openUnlocked();
    await app.seedAccounts([uri('GitHub', 'alice', GITHUB)]);
    await setSetting(app, /Blur codes/, true);
    const filter = () => app.page.evaluate(`getComputedStyle(document.querySelector('[data-testid="code"]')).filter`);
    await app.page.evaluate(`window.dispatchEvent(new Event('focus'))`);
    expect(await filter()).toBe('none');
    await app.page.evaluate(`window.dispatchEvent(new Event('blur'))`);
    expect(await filter()).toMatch(/^blur\(/);
    await app.page.evaluate(`window.dispatchEvent(new Event('focus'))`);
    expect(await filter()).toBe('none');
  });
});
