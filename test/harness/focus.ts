import type { Page } from 'playwright-core';

/**
 * What has keyboard focus, as a user of a screen reader would hear it: "<role or tag> <name>",
 * e.g. "button Add account", "searchbox Search accounts", "tab Policy". "BODY" when focus fell
 * to the page body (which a test of focus handling asserts never happens).
 * Evaluated in the page (the test project has no DOM types).
 */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    const role = el.getAttribute('role') ?? (el.tagName !== 'INPUT' ? el.tagName.toLowerCase() : el.type === 'search' ? 'searchbox' : el.type === 'checkbox' || el.type === 'radio' ? el.type : 'textbox');
    const labelledBy = el.getAttribute('aria-labelledby');
    const name = el.getAttribute('aria-label')
      ?? (labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : null)
      ?? el.labels?.[0]?.textContent
      ?? el.textContent ?? '';
    return (role + ' ' + name.replace(/\\s+/g, ' ').trim()).trim();
  })()`);
}
