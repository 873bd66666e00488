import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** The WCAG 2.1 A and AA rules (colour contrast included) every view of both windows must pass. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per violated rule and node: rule id, impact, the element and axe's reason. */
export function describeViolations(violations: readonly Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}) ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ').trim() ?? v.help}`),
  );
}

/**
 * Runs axe-core over what the window shows now (open dialogs included: they are in the page)
 * and returns the violations as readable lines, `view` first; [] when the view passes.
 * A test covers one more view with one line:
 *   expect(await axeViolations(app.page, 'settings (dark)')).toEqual([]);
 * Animations are off in the harness (reducedMotion), so colours are measured at rest.
 */
export async function axeViolations(page: Page, view: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return describeViolations(results.violations).map((line) => `${view}: ${line}`);
}

/**
 * Sets the window's colour scheme (prefers-color-scheme) without reopening it, and waits until
 * the page is painted in it: colour transitions are switched off first, or axe would measure a
 * button half-way between its light and dark colours.
 */
export async function useColorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  // A constructed style sheet: the windows' Content-Security-Policy (style-src 'self') refuses a
  // <style> element, and rightly so; adopted sheets are not inline markup.
  await page.evaluate(`(() => {
    if (window.__axeNoTransitions) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    window.__axeNoTransitions = true;
  })()`);
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))`);
}

/**
 * Checks the view in light and dark and returns every violation found in either. The scheme is
 * switched by emulation, so the same state (an open dialog, a typed field) is measured twice.
 */
export async function axeBothSchemes(page: Page, view: string): Promise<string[]> {
  const was = (await page.evaluate(`matchMedia('(prefers-color-scheme: dark)').matches`)) ? 'dark' : 'light';
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await useColorScheme(page, scheme);
    found.push(...(await axeViolations(page, `${view} (${scheme})`)));
  }
  await useColorScheme(page, was);
  return found;
}
