import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import type { KeychainAvailability } from '../../electron/main/services/vault';
import type { UpdatePorts } from '../../electron/main/app-services';
import type { ScanPorts } from '../../electron/main/services/scan';
import { ManualClock } from '../../electron/main/services/clock';
import { HarnessBackend } from './backend';
import { launchChromium } from './chromium';
import { FakeClipboard, FakeKeyProtector, ScriptedConfirmDialog, ScriptedFileDialogs } from './fakes';
import { preloadInitScript } from './preload-shim';
import { serveDirectory, type StaticServer } from './static-server';

const repoRoot = resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(repoRoot, 'out', 'renderer');
export const PRELOAD_BUNDLE = join(repoRoot, 'out', 'preload', 'index.cjs');
export const SCREENS_DIR = join(repoRoot, 'test-results', 'screens');

export interface LaunchOptions {
  /** Folder of vault.json and settings.json; a fresh temporary folder by default (removed on close). */
  dataDir?: string;
  /** The services' clock starts here (Unix ms). Default 2026-01-01T00:00:00Z. */
  now?: number;
  /** What the fake OS keychain reports; `null` = no keychain at all. */
  keychain?: KeychainAvailability | null;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Global shortcuts the fake desktop reports as owned by another app. */
  takenShortcuts?: readonly string[];
  /** A browser to reuse (one per test file saves a Chromium start per test); closed by its owner. */
  browser?: Browser;
  /** The updater behind the Settings → Updates section (default none: "not installed"). */
  updates?: UpdatePorts;
  /** What "Scan screen" and friends see (e.g. a capture showing a QR code). */
  scan?: ScanPorts;
}

/** What CodesApp.forPage offers: the methods that only drive and read the window. */
export type CodesWindowUi = Pick<
  CodesApp,
  | 'page'
  | 'heading'
  | 'waitForFirstRun'
  | 'waitForUnlock'
  | 'waitForAccounts'
  | 'createVault'
  | 'submitPassword'
  | 'unlock'
  | 'lock'
  | 'accountList'
  | 'row'
  | 'accountOrder'
  | 'openAddMenuItem'
  | 'submitAccountByKey'
  | 'addAccountByKey'
  | 'submitAccountByUri'
  | 'codeShownFor'
  | 'copyCode'
  | 'toast'
  | 'search'
  | 'screenshot'
>;

export interface TypedAccountFields {
  issuer: string;
  name: string;
  secret: string;
  /** Typed into the Tags field, each followed by Enter. */
  tags?: string[];
  advanced?: { type?: 'TOTP' | 'HOTP' | 'Steam'; algorithm?: 'SHA1' | 'SHA256' | 'SHA512'; digits?: 6 | 7 | 8; period?: number; counter?: number };
}

/**
 * Page object for the codes window (Signal Desktop's style): tests say what a user does
 * (`app.unlock(pw)`, `app.copyCode('GitHub')`) and read what a user sees (`app.codeShownFor`).
 * Behind the page: the production renderer build in Debian's Chromium, the real preload bundle,
 * and the app's real services in this process (see backend.ts). Time is a ManualClock the
 * test moves with `advanceTime`.
 */
export class CodesApp {
  readonly clock: ManualClock;
  readonly clipboard = new FakeClipboard();
  /** The OS open/save dialogs: script the user's pick with `answerImport` / `answerExport`. */
  readonly fileDialogs = new ScriptedFileDialogs();
  /** The native confirmation main shows (plain export, insecure keychain): script it with `answer`. */
  readonly confirmDialog = new ScriptedConfirmDialog();
  readonly keyProtector: FakeKeyProtector | undefined;
  /** "Backup failed" notices the tray would have shown. */
  readonly backupNotices: string[] = [];
  /** Console errors and page errors seen so far (a test can assert there are none). */
  readonly pageErrors: string[] = [];
  /** Every URL the page requested, from the first navigation on (a test can check none left the harness's origin). */
  readonly requests: string[] = [];
  backend!: HarnessBackend;
  page!: Page;
  private context!: BrowserContext;

  /** The origin the harness serves the renderer from (every legitimate request goes there). */
  get origin(): string {
    return this.server.origin;
  }

  private constructor(
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    private readonly browser: Browser,
    private readonly server: StaticServer,
    private readonly initScript: string,
    private readonly options: LaunchOptions,
  ) {
    this.clock = new ManualClock(options.now ?? Date.UTC(2026, 0, 1));
    this.keyProtector = options.keychain === null ? undefined : new FakeKeyProtector(options.keychain);
  }

  static async launch(options: LaunchOptions = {}): Promise<CodesApp> {
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'twofold-e2e-')));
    await mkdir(dataDir, { recursive: true });
    const [browser, server, initScript] = await Promise.all([
      options.browser ?? launchChromium(),
      serveDirectory(RENDERER_DIR),
      preloadInitScript(PRELOAD_BUNDLE),
    ]);
    const app = new CodesApp(dataDir, options.dataDir === undefined, browser, server, initScript, options);
    await app.open();
    return app;
  }

  /**
   * The same page object over a codes window this harness did not open: the real Electron app
   * in the `_electron` tests (test/electron/). Only the UI methods are offered; the harness's
   * services, clock and fakes do not exist there.
   */
  static forPage(page: Page): CodesWindowUi {
    const ui = Object.create(CodesApp.prototype) as CodesApp;
    ui.page = page;
    return ui;
  }

  /** Starts the services over the data folder and opens the window on them. */
  private async open(): Promise<void> {
    this.backend = await HarnessBackend.start(
      {
        dataDir: this.dataDir,
        clock: this.clock,
        clipboard: this.clipboard,
        keyProtector: this.keyProtector,
        fileDialogs: this.fileDialogs,
        folderDialog: this.fileDialogs,
        backupNotifier: { backupFailed: (message) => this.backupNotices.push(message) },
        confirmDialog: this.confirmDialog,
        scan: this.options.scan,
        updates: this.options.updates,
        takenShortcuts: this.options.takenShortcuts,
      },
      (event, payload) => {
        void this.page
          ?.evaluate(([e, p]) => (globalThis as unknown as { __twofoldEmit(e: string, p: unknown): void }).__twofoldEmit(e, p), [event, payload] as const)
          .catch(() => {});
      },
    );
    this.context = await this.browser.newContext({
      viewport: this.options.viewport ?? { width: 440, height: 680 },
      deviceScaleFactor: 2,
      colorScheme: this.options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
    });
    const page = await this.context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(`pageerror: ${error.message}`));
    page.on('request', (request) => this.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') this.pageErrors.push(`console: ${message.text()}`);
    });
    const backend = this.backend;
    await page.exposeBinding('__twofoldInvoke', (_source, channel: string, args: unknown) => backend.invokeFrom('codes', channel, args));
    await page.addInitScript({ content: this.initScript });
    this.page = page;
    await page.goto(`${this.server.origin}/codes/index.html`);
  }

  /** Quits and starts again: new services over the same files, a fresh window. */
  async restart(): Promise<void> {
    await this.context.close();
    await this.backend.dispose();
    await this.open();
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => {});
    await this.backend?.dispose().catch(() => {});
    if (!this.options.browser) await this.browser.close().catch(() => {});
    await this.server.close();
    if (this.ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  // ---- time ----

  /** Moves the services' clock (auto-lock, clipboard clear, codes), then lets async work finish. */
  async advanceTime(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.backend.services.clipboard.settled();
  }

  // ---- screens ----

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { name });
  }

  async waitForFirstRun(): Promise<void> {
    await this.heading('Create your vault').waitFor();
  }

  async waitForUnlock(): Promise<void> {
    await this.heading('Unlock Twofold').waitFor();
  }

  async waitForAccounts(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
  }

  // ---- vault ----

  /** `acceptInsecure`: the answer the "user" gives in main's native dialog about an insecure keychain. */
  async createVault(password: string, options: { keychain?: boolean; acceptInsecure?: boolean } = {}): Promise<void> {
    await this.waitForFirstRun();
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByLabel('Confirm password', { exact: true }).fill(password);
    if (options.keychain) await this.page.getByLabel('Also unlock with the system keychain').check();
    if (options.acceptInsecure !== undefined) this.confirmDialog.answer(options.acceptInsecure);
    await this.page.getByRole('button', { name: 'Create vault' }).click();
    await this.waitForAccounts();
  }

  /** Types the password and submits; does not wait for success (see `unlock`). */
  async submitPassword(password: string): Promise<void> {
    await this.waitForUnlock();
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }

  async unlock(password: string): Promise<void> {
    await this.submitPassword(password);
    await this.waitForAccounts();
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock', exact: true }).click();
    await this.waitForUnlock();
  }

  // ---- accounts ----

  accountList(): Locator {
    return this.page.getByRole('list', { name: 'Accounts' });
  }

  /** The list item of the account whose issuer (or, without issuer, name) is `label`. */
  row(label: string): Locator {
    return this.accountList()
      .getByRole('listitem')
      .filter({ has: this.page.getByText(label, { exact: true }) });
  }

  /** Issuers (or names) in the order the list shows them. */
  async accountOrder(): Promise<string[]> {
    return this.accountList().getByTestId('account-title').allInnerTexts();
  }

  async openAddMenuItem(item: string | RegExp): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add account', exact: true }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.waitFor();
    return dialog;
  }

  /** Fills the "Enter a setup key" form and submits it. Returns the dialog (still open on error). */
  async submitAccountByKey(fields: TypedAccountFields): Promise<Locator> {
    const dialog = await this.openAddMenuItem(/setup key/);
    await dialog.getByLabel('Issuer', { exact: true }).fill(fields.issuer);
    await dialog.getByLabel('Account name', { exact: true }).fill(fields.name);
    await dialog.getByLabel('Secret key', { exact: true }).fill(fields.secret);
    for (const tag of fields.tags ?? []) await this.addTag(dialog, tag);
    const advanced = fields.advanced;
    if (advanced) {
      await dialog.getByRole('button', { name: 'Advanced' }).click();
      if (advanced.type) await dialog.getByLabel('Type').selectOption({ label: advanced.type });
      if (advanced.algorithm) await dialog.getByLabel('Algorithm').selectOption(advanced.algorithm);
      if (advanced.digits) await dialog.getByLabel('Digits').selectOption(String(advanced.digits));
      if (advanced.period !== undefined) await dialog.getByLabel('Period (seconds)').fill(String(advanced.period));
      if (advanced.counter !== undefined) await dialog.getByLabel('Counter').fill(String(advanced.counter));
    }
    await dialog.getByRole('button', { name: 'Add account' }).click();
    return dialog;
  }

  async addAccountByKey(fields: TypedAccountFields): Promise<void> {
    const dialog = await this.submitAccountByKey(fields);
    await dialog.waitFor({ state: 'detached' });
    await this.row(fields.issuer || fields.name).waitFor();
  }

  async submitAccountByUri(uri: string): Promise<Locator> {
    const dialog = await this.openAddMenuItem(/otpauth/);
    await dialog.getByLabel('otpauth:// link').fill(uri);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    return dialog;
  }

  /** Types a tag into a dialog's Tags field and presses Enter, as a keyboard user adds one. */
  async addTag(dialog: Locator, tag: string): Promise<void> {
    const field = dialog.getByRole('combobox', { name: /^Tags/ });
    await field.fill(tag);
    await field.press('Enter');
  }

  /** The tag filter chips row. */
  tagChips(): Locator {
    return this.page.getByRole('group', { name: /^Filter by tag/ });
  }

  /** The code the row shows, digits only ("123 456" → "123456"). */
  async codeShownFor(label: string): Promise<string> {
    const text = await this.row(label).getByTestId('code').innerText();
    return text.replace(/\s+/g, '');
  }

  async copyCode(label: string): Promise<void> {
    await this.row(label).getByRole('button', { name: /^Copy code/ }).click();
  }

  /** The toast inside the window's live region. */
  toast(): Locator {
    return this.page.locator('.toast-region .toast');
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search accounts' }).fill(text);
  }

  /**
   * Test setup that skips the UI: adds accounts straight to the vault (which must be unlocked)
   * from otpauth URIs; the window hears 'accounts:changed' like after any change.
   */
  async seedAccounts(uris: readonly string[], extra: Array<{ tags?: string[]; favourite?: boolean }> = []): Promise<void> {
    const drafts = uris.map((uri, i) => ({ ...parseOtpauthUri(uri), tags: extra[i]?.tags ?? [], favourite: extra[i]?.favourite ?? false }));
    await this.backend.services.vault.addAccounts(drafts);
    // The list is virtualised (only rows in view are rendered): wait until it counts them all.
    const total = String(this.backend.services.vault.accounts().length);
    await this.accountList().getByRole('listitem').first().waitFor();
    await this.page.waitForFunction(`document.querySelector('[role="listitem"][aria-setsize]')?.getAttribute('aria-setsize') === '${total}'`);
  }

  // ---- focus (evaluated in the page; the test project has no DOM types) ----

  /** The focused element's aria-label, else its <label>'s text, else its own text. */
  focusedLabel(): Promise<string> {
    return this.page.evaluate(
      `(() => { const el = document.activeElement; return el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent ?? el?.textContent ?? ''; })()`,
    );
  }

  /** True while the focused element is inside an open dialog. */
  focusIsInDialog(): Promise<boolean> {
    return this.page.evaluate(`Boolean(document.activeElement?.closest('[role="dialog"], [role="alertdialog"]'))`);
  }

  /** The computed outline style of the focused element ('solid' for our focus ring). */
  focusOutlineStyle(): Promise<string> {
    return this.page.evaluate(`getComputedStyle(document.activeElement).outlineStyle`);
  }

  // ---- evidence ----

  /** Saves test-results/screens/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    await mkdir(SCREENS_DIR, { recursive: true });
    const path = join(SCREENS_DIR, `${name}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }
}
