import type { Page } from 'playwright-core';

/**
 * Records what the window's announcer (renderer/ui/announce.ts) says: every text its polite and
 * assertive live regions take, in order, as "polite: …" / "assertive: …". Evaluated in the page
 * (the test project has no DOM types).
 */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__announced = [];
    for (const kind of ['polite', 'assertive']) {
      const node = document.querySelector('[data-testid="live-' + kind + '"]');
      if (!node) throw new Error('no ' + kind + ' live region in the page');
      new MutationObserver(() => {
        const text = node.textContent.trim();
        if (text) window.__announced.push(kind + ': ' + text);
      }).observe(node, { childList: true, characterData: true, subtree: true });
    }
  })()`);
}

export function announcements(page: Page): Promise<string[]> {
  return page.evaluate(`window.__announced ?? []`);
}
