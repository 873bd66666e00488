import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENS_DIR = join(process.cwd(), 'test-results', 'screens', 'server-web');

/** The policy the server is asked to send with the page; the page must work under it unchanged. */
export const STRICT_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * The self-service page driven as a person would (page object, as Signal Desktop's tests do):
 * every action goes through labels, buttons and the keyboard, and every read is what is on screen.
 */
export class SelfServicePage {
  /** Content-Security-Policy violations and script errors seen while the page ran. */
  readonly problems: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) this.problems.push(m.text());
    });
    page.on('pageerror', (e) => this.problems.push(String(e)));
  }

  /**
   * Opens a fresh browser context on the server's page. The static files are re-served with
   * STRICT_CSP so a stray inline script or style would be refused and reported in `problems`.
   */
  static async open(browser: Browser, baseUrl: string, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<SelfServicePage> {
    const context = await browser.newContext({ viewport: { width: opts.width ?? 1100, height: 820 }, colorScheme: opts.colorScheme ?? 'light', locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.route(
      (url) => url.origin === baseUrl && !url.pathname.startsWith('/api/'),
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
      },
    );
    const self = new SelfServicePage(page, baseUrl);
    await self.goto();
    return self;
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.waitForSelector('#view-loading', { state: 'hidden' });
  }

  /** The id of the view on screen: view-sign-in, view-totp, view-enroll or view-profile. */
  visibleView(): Promise<string> {
    return this.page.locator('.view:visible').first().getAttribute('id').then((id) => id ?? '');
  }

  async waitForView(id: string): Promise<void> {
    await this.page.locator(`#${id}`).waitFor({ state: 'visible' });
  }

  /** The text of the alert region inside `scope` once it shows a message. */
  async errorIn(scope: string): Promise<string> {
    const alert = this.page.locator(`${scope} [role="alert"]`).first();
    await this.page.waitForFunction((el) => (el?.textContent ?? '') !== '', await alert.elementHandle());
    return (await alert.textContent()) ?? '';
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.locator('#sign-in-form').getByRole('button', { name: 'Sign in' }).click();
  }

  async enterTotp(code: string): Promise<void> {
    await this.page.locator('#view-totp').getByLabel('6-digit code').fill(code);
    await this.page.locator('#view-totp').getByRole('button', { name: 'Verify' }).click();
  }

  /** The manual key as shown (groups of four), and without its spaces. */
  async manualKey(): Promise<{ shown: string; secret: string }> {
    const shown = ((await this.page.locator('#enroll-key').innerText()) ?? '').replace(/\s+/g, ' ').trim();
    return { shown, secret: shown.replace(/ /g, '') };
  }

  /** Decodes the QR code on screen with zbarimg, as a phone would read it. */
  async scanQr(): Promise<string> {
    const file = join(tmpdir(), `twofold-web-qr-${process.pid}-${Date.now()}.png`);
    writeFileSync(file, await this.page.locator('[data-qr]').screenshot());
    return execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }).trim();
  }

  async confirmEnrollment(code: string): Promise<void> {
    await this.page.getByLabel('6-digit code from the app').fill(code);
    await this.page.locator('#enroll-form button[type="submit"]').click();
  }

  /** The recovery codes on screen (the one-time view after enrollment or a new set). */
  async recoveryCodesShown(): Promise<string[]> {
    await this.waitForView('view-recovery-codes');
    return this.page.locator('[data-recovery-list] li').allInnerTexts();
  }

  /** Ticks "I have saved them" and continues to the profile. */
  async saveRecoveryCodes(): Promise<void> {
    await this.page.getByLabel('I have saved them').check();
    await this.page.locator('#recovery-ack-form').getByRole('button', { name: 'Continue' }).click();
    await this.waitForView('view-profile');
  }

  /** At the code prompt: switches to a recovery code and submits it. */
  async enterRecoveryCode(code: string): Promise<void> {
    const view = this.page.locator('#view-totp');
    if ((await view.getByLabel('Recovery code').count()) === 0) await view.getByRole('button', { name: 'Use a recovery code' }).click();
    await view.getByLabel('Recovery code').fill(code);
    await view.getByRole('button', { name: 'Verify' }).click();
  }

  async profileFact(name: 'Username' | 'Role'): Promise<string> {
    return (await this.page.locator('.facts div', { hasText: name }).locator('dd').textContent()) ?? '';
  }

  async mfaBadge(): Promise<string> {
    return (await this.page.locator('[data-mfa-badge]').textContent()) ?? '';
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENS_DIR, { recursive: true });
    await this.page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
  }

  /** Which element has focus, as `#id` or the tag name (`body` when nothing does). */
  async focused(): Promise<string> {
    const focus = this.page.locator(':focus');
    if ((await focus.count()) === 0) return 'body';
    return focus.first().evaluate((el) => (el.id ? `#${el.id}` : el.tagName.toLowerCase()));
  }

  /** True when the page is wider than the window (a horizontal scrollbar). */
  overflowsHorizontally(): Promise<boolean> {
    return this.page.locator('html').evaluate((el) => el.scrollWidth > el.clientWidth);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
