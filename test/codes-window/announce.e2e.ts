import { describe, expect, it } from 'vitest';
import { announcements, recordAnnouncements } from '../harness/announcements';
import { uri, useCodesApp } from './setup';

/**
 * What a screen reader hears, through the window's live regions: copied codes and errors, and
 * the end of a code's countdown for the row the user is on; not a message every second, and
 * nothing for the rows the user is not on. WCAG 2.1 SC 4.1.3 Status Messages.
 */
const { openUnlocked } = useCodesApp();
const PERIOD_START = Date.UTC(2026, 0, 1, 12, 0, 0);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('codes window: announcements', () => {
  it('announces a copied code politely and an error at once', async () => {
    const app = await openUnlocked({ now: PERIOD_START + 10_000 });
    await app.seedAccounts([uri('GitHub', 'alice', 'JBSWY3DPEHPK3PXP'), uri('Google', 'bob', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')]);
    await recordAnnouncements(app.page);
    await app.copyCode('GitHub');
    await expect.poll(() => announcements(app.page)).toEqual(['polite: Copied — clears in 30 s']);
    await app.search('git');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => announcements(app.page)).toEqual(['polite: Copied — clears in 30 s', 'assertive: Clear the search and choose the manual order to reorder accounts.']);
  });

  it("announces the end of the focused row's countdown once a period, and nothing while it counts down", async () => {
    const app = await openUnlocked({ now: PERIOD_START + 10_000 });
    await app.seedAccounts([uri('GitHub', 'alice', 'JBSWY3DPEHPK3PXP'), uri('Google', 'bob', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')]);
    await app.row('GitHub').getByRole('button', { name: /^Copy code/ }).focus();
    await recordAnnouncements(app.page);
    // Seconds go by within the period: the ring counts down, nobody speaks.
    for (let i = 0; i < 3; i += 1) {
      await app.advanceTime(1000);
      await wait(1100);
    }
    expect(await announcements(app.page)).toEqual([]);
    // The period ends: one message, for the focused row only (Google's code changed too).
    const before = await app.codeShownFor('GitHub');
    await app.advanceTime(20_000);
    await expect.poll(() => app.codeShownFor('GitHub')).not.toBe(before);
    await expect.poll(() => announcements(app.page)).toEqual(['polite: New code for GitHub (alice)']);
    await app.advanceTime(1000);
    await wait(2200);
    expect(await announcements(app.page)).toEqual(['polite: New code for GitHub (alice)']);
  });
});
