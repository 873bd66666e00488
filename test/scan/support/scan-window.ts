import { restrictToWindow } from '../../../electron/main/ipc/window-access';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createAppServices, type AppServices } from '../../../electron/main/app-services';
import { createIpcDispatcher } from '../../../electron/main/ipc/dispatcher';
import { forwardServiceEvents } from '../../../electron/main/ipc/events';
import { createIpcHandlers } from '../../../electron/main/ipc/handlers';
import type { ScanPorts } from '../../../electron/main/services/scan';
import { ConfSettingsStore } from '../../../electron/main/services/settings';
import { ipcContract } from '../../../shared/ipc/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../harness/chromium';
import { PRELOAD_BUNDLE, RENDERER_DIR } from '../../harness/codes-app';
import { FakeClipboard } from '../../harness/fakes';
import { preloadInitScript } from '../../harness/preload-shim';
import { serveDirectory, type StaticServer } from '../../harness/static-server';

export const PASSWORD = 'correct horse battery staple';

/**
 * The codes window for scan tests: the production renderer build in Chromium, the real preload
 * bundle, and the app's own composition root (createAppServices + dispatcher + handler table)
 * in this process — the same pieces as test/harness, assembled here because scan tests need
 * extra Chromium flags (fake camera) and real scan ports (X11 capture), and real time (codes are
 * checked against oathtool now). The vault is created before the window opens.
 */
export class ScanWindow {
  readonly pageErrors: string[] = [];
  readonly internalErrors: string[] = [];

  private constructor(
    readonly page: Page,
    readonly services: AppServices,
    private readonly browser: Browser,
    private readonly server: StaticServer,
    private readonly dataDir: string,
    private readonly stopEvents: () => void,
  ) {}

  static async open(options: { chromiumArgs?: string[]; scan?: ScanPorts } = {}): Promise<ScanWindow> {
    const dataDir = await mkdtemp(join(tmpdir(), 'twofold-scan-e2e-'));
    const services = await createAppServices({ dataDir, settings: new ConfSettingsStore({ dir: dataDir }), clipboard: new FakeClipboard(), scan: options.scan });
    await services.vault.create(PASSWORD);
    const internalErrors: string[] = [];
    const dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), {
      report: (channel, problem, error) => internalErrors.push(`${channel}: ${problem}${error instanceof Error ? `: ${error.stack}` : ''}`),
    });
    const [browser, server, initScript] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])] }),
      serveDirectory(RENDERER_DIR),
      preloadInitScript(PRELOAD_BUNDLE),
    ]);
    const context = await browser.newContext({ viewport: { width: 520, height: 820 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    const page = await context.newPage();
    let ready = false;
    const stopEvents = forwardServiceEvents(services, (event, payload) => {
      if (ready) void page.evaluate(([e, p]) => (globalThis as unknown as { __twofoldEmit(e: string, p: unknown): void }).__twofoldEmit(e, p), [event, payload] as const).catch(() => {});
    });
    const win = new ScanWindow(page, services, browser, server, dataDir, stopEvents);
    win.internalErrors.push(...internalErrors);
    page.on('pageerror', (error) => win.pageErrors.push(`pageerror: ${error.message}`));
    await page.exposeBinding('__twofoldInvoke', (_source, channel: string, args: unknown) => restrictToWindow(dispatch, 'codes')(channel, args));
    await page.addInitScript({ content: initScript });
    await page.goto(`${server.origin}/codes/index.html`);
    ready = true;
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
    return win;
  }

  async openScanDialog(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add account', exact: true }).click();
    await this.page.getByRole('menuitem', { name: /Scan QR code/ }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Scan a QR code' });
    await dialog.waitFor();
    return dialog;
  }

  row(label: string): Locator {
    return this.page
      .getByRole('list', { name: 'Accounts' })
      .getByRole('listitem')
      .filter({ has: this.page.getByText(label, { exact: true }) });
  }

  async codeShownFor(label: string): Promise<string> {
    return (await this.row(label).getByTestId('code').innerText()).replace(/\s+/g, '');
  }

  async close(): Promise<void> {
    this.stopEvents();
    await this.browser.close().catch(() => {});
    await this.server.close();
    await this.services.dispose();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
