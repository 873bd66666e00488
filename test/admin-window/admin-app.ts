import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createServer, type TwofoldServer } from '../../server/app';
import { INSECURE_FAST_HASH_OPTIONS } from '../../server/crypto/password-hasher';
import { newId } from '../../server/crypto/tokens';
import type { Permission, Role } from '../../shared/admin-api';
import { ManualClock } from '../../electron/main/services/clock';
import { HarnessBackend } from '../harness/backend';
import { launchChromium } from '../harness/chromium';
import { PRELOAD_BUNDLE, RENDERER_DIR, SCREENS_DIR } from '../harness/codes-app';
import { FakeClipboard, ScriptedConfirmDialog, ScriptedFileDialogs } from '../harness/fakes';
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { preloadInitScript } from '../harness/preload-shim';
import { serveDirectory, type StaticServer } from '../harness/static-server';

export const VAULT_PASSWORD = 'vault password 123';
export const USER_PASSWORD = 'server password 1';
/** One second into a TOTP step, so ±1 step is unambiguous. */
const START = Date.UTC(2026, 0, 1, 9, 0, 1);

/** Another user's authenticator (NOT the signed-in admin's: that one is the vault, through the UI). */
export function codeFor(secret: string, at: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at, algorithm: 'SHA1', digits: 6, period: 30 });
}

/**
 * The admin window under test: the real reference server on 127.0.0.1 (temporary data folder,
 * cheap password hash), the app's real services and dispatcher behind the real preload bundle,
 * and the production admin page in Debian's Chromium. One clock drives both the server and the
 * services, so the tests move to a fresh TOTP step (each step is accepted once per user)
 * without waiting.
 */
export class AdminWorld {
  readonly pageErrors: string[] = [];
  /** How far the server's clock runs ahead of this machine's (clock-skew warning). */
  serverClockOffsetMs = 0;

  private constructor(
    readonly clock: ManualClock,
    readonly windows: AdminWindow[],
    readonly server: TwofoldServer,
    readonly serverUrl: string,
    readonly backend: HarnessBackend,
    /** The save dialog of audit exports: tests script where it "saves". */
    readonly fileDialogs: ScriptedFileDialogs,
    /** main's native confirmations (linking a vault account): tests script what the user clicks. */
    readonly confirmDialog: ScriptedConfirmDialog,
    private readonly browser: Browser,
    private readonly statics: StaticServer,
    private readonly initScript: string,
    private readonly dirs: string[],
  ) {}

  static async start(): Promise<AdminWorld> {
    const serverDir = await mkdtemp(join(tmpdir(), 'twofold-admin-server-'));
    const appDir = await mkdtemp(join(tmpdir(), 'twofold-admin-app-'));
    const clock = new ManualClock(START);
    const ref: { world?: AdminWorld } = {};
    const serverClock = { now: () => clock.now() + (ref.world?.serverClockOffsetMs ?? 0) };
    const server = await createServer({ dataDir: serverDir, clock: serverClock, logger: false, passwordHashOptions: INSECURE_FAST_HASH_OPTIONS, serverKey: Buffer.alloc(32, 7), webRoot: null });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (server.app.server.address() as AddressInfo).port;
    const windows: AdminWindow[] = [];
    const fileDialogs = new ScriptedFileDialogs();
    const confirmDialog = new ScriptedConfirmDialog();
    const backend = await HarnessBackend.start({ dataDir: appDir, clock, clipboard: new FakeClipboard(), keyProtector: undefined, fileDialogs, confirmDialog }, (event, payload) => {
      for (const w of windows) {
        void w.page
          .evaluate(([e, p]) => (globalThis as unknown as { __twofoldEmit(e: string, p: unknown): void }).__twofoldEmit(e, p), [event, payload] as const)
          .catch(() => {});
      }
    });
    await backend.services.vault.create(VAULT_PASSWORD);
    backend.services.settings.set({ autoLockMinutes: 0 });
    const [browser, statics, initScript] = await Promise.all([launchChromium(), serveDirectory(RENDERER_DIR), preloadInitScript(PRELOAD_BUNDLE)]);
    const world = new AdminWorld(clock, windows, server, `http://127.0.0.1:${port}`, backend, fileDialogs, confirmDialog, browser, statics, initScript, [serverDir, appDir]);
    ref.world = world;
    return world;
  }

  /** A folder for files the test lets the app write (exports); removed with the world. */
  async tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'twofold-admin-files-'));
    this.dirs.push(dir);
    return dir;
  }

  /**
   * A hostile server on 127.0.0.1: passes every call through to the real server, but answers
   * /health with the issuer `healthIssuer()` returns (another vault account's, or one that changes
   * between calls). `requests` lists "METHOD path" of everything it received.
   */
  async startProxy(healthIssuer: () => string): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
    const target = new URL(this.serverUrl);
    const requests: string[] = [];
    const proxy: HttpServer = createHttpServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            let out = Buffer.concat(body);
            if (req.url === '/api/v1/health') out = Buffer.from(JSON.stringify({ ...(JSON.parse(out.toString('utf8')) as object), issuer: healthIssuer() }));
            const headers = { ...up.headers };
            delete headers['content-length'];
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(out);
          });
        });
        upstream.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => proxy.close(() => resolve())) };
  }

  /** Appends `count` audit events straight into the server's log (an admin's busy year). */
  appendAuditEvents(count: number, username = 'bulk'): void {
    const now = this.clock.now();
    for (let i = 0; i < count; i++) this.server.ctx.audit.append(now - (count - i) * 1000, 'login-failed', { id: null, username, via: 'api' }, { id: 'u_bulk', username }, { reason: 'wrong-password' });
  }

  /** The address of something that is not a Twofold server (the static file server: HTML 404s). */
  get notAServerUrl(): string {
    return this.statics.origin;
  }

  /** Moves both clocks to one second into the next 30-second step. */
  nextStep(): void {
    const now = this.clock.now();
    this.clock.advance((Math.floor(now / 30_000) + 1) * 30_000 + 1000 - now);
  }

  async addUser(username: string, role: Role, permissions: Permission[] = []): Promise<string> {
    const id = newId('u');
    const ctx = this.server.ctx;
    ctx.users.insert({ id, username, password_hash: await ctx.hasher.hash(USER_PASSWORD), role, permissions: JSON.stringify(permissions), created_at: this.clock.now() });
    return id;
  }

  /** Raw API call (for other users' own actions, outside the window). */
  async api(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.serverUrl}/api/v1${path}`, {
      method,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body ? { 'content-type': 'application/json' } : {}) },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /** Enrolls another user through the API with a simulated authenticator; returns its secret. */
  async enrollOther(username: string): Promise<string> {
    const login = await this.api('POST', '/auth/login', { body: { username, password: USER_PASSWORD, issue: 'apiKey' } });
    const token = (login.body.apiKey as { token: string }).token;
    const start = await this.api('POST', '/me/mfa/enrollment', { token, body: { password: USER_PASSWORD } });
    const secret = start.body.secret as string;
    const confirm = await this.api('POST', '/me/mfa/enrollment/confirm', { token, body: { code: codeFor(secret, this.clock.now()) } });
    if (confirm.status !== 200) throw new Error(`enroll ${username}: ${JSON.stringify(confirm.body)}`);
    this.nextStep();
    return secret;
  }

  async openWindow(): Promise<AdminWindow> {
    const context = await this.browser.newContext({ viewport: { width: 980, height: 720 }, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.pageErrors.push(`console: ${m.text()}`);
    });
    await page.exposeBinding('__twofoldInvoke', (_source, channel: string, args: unknown) => this.backend.invokeFrom('admin', channel, args));
    await page.addInitScript({ content: this.initScript });
    await page.goto(`${this.statics.origin}/admin/index.html`);
    const window = new AdminWindow(page, context);
    this.windows.push(window);
    return window;
  }

  /** A new window on this world's server ("Acme MFA"), signed in with the password as `username`. */
  async openSignedIn(username = 'admin'): Promise<AdminWindow> {
    const win = await this.openWindow();
    await win.heading('MFA servers').waitFor();
    await win.addServer(this.serverUrl, 'Acme MFA');
    await win.enterPassword(username);
    await win.waitSignedIn();
    return win;
  }

  /** An address on this machine where nothing listens. */
  static async closedPortUrl(): Promise<string> {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return `http://127.0.0.1:${port}`;
  }

  async stopServer(): Promise<void> {
    await this.server.close();
  }

  async close(): Promise<void> {
    for (const w of this.windows) await w.context.close().catch(() => {});
    await this.backend.dispose().catch(() => {});
    await this.browser.close().catch(() => {});
    await this.statics.close();
    await this.server.close().catch(() => {});
    for (const dir of this.dirs) await rm(dir, { recursive: true, force: true });
  }
}

/** Page object for one admin window: what a user does and sees. */
export class AdminWindow {
  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { name });
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }

  async addServer(url: string, name = ''): Promise<void> {
    await this.page.getByLabel('Server address').fill(url);
    await this.page.getByLabel('Name (optional)').fill(name);
    await this.page.getByRole('button', { name: 'Add server' }).click();
  }

  async chooseServer(name: string): Promise<void> {
    await this.page.getByRole('list', { name: 'Servers' }).getByRole('button', { name: new RegExp(`^${name} http`) }).click();
  }

  async enterPassword(username: string, password = USER_PASSWORD): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  codeField(): Locator {
    return this.page.getByLabel('Authenticator code');
  }

  async tab(name: 'Policy' | 'Users' | 'My MFA' | 'Audit log'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async waitSignedIn(): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Administration' }).waitFor();
  }

  usersTable(): Locator {
    return this.page.getByRole('table', { name: 'Users' });
  }

  userRow(username: string): Locator {
    return this.usersTable()
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: username, exact: true }) });
  }

  async serverId(index = 0): Promise<string> {
    const r = (await this.page.evaluate('window.twofold.admin.servers()')) as { ok: boolean; value: Array<{ id: string }> };
    const id = r.value[index]?.id;
    if (!id) throw new Error('no server profile');
    return id;
  }

  /** Saves `name.png` (light) and `name-dark.png`: every changed view is looked at in both themes. */
  async screenshot(name: string): Promise<void> {
    const dir = join(SCREENS_DIR, 'admin');
    await mkdir(dir, { recursive: true });
    // The views scroll inside the window: a taller viewport shows what is below the fold too.
    const size = this.page.viewportSize();
    await this.page.setViewportSize({ width: size?.width ?? 980, height: 1300 });
    await this.page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled' });
    await this.page.emulateMedia({ colorScheme: 'dark' });
    await this.page.screenshot({ path: join(dir, `${name}-dark.png`), animations: 'disabled' });
    await this.page.emulateMedia({ colorScheme: 'light' });
    if (size) await this.page.setViewportSize(size);
  }

  /** The code the field shows once it follows the vault (it is polled about once a second). */
  async waitForCode(field: Locator, code: string): Promise<void> {
    await this.page.waitForFunction(([el, want]) => (el as HTMLInputElement | null)?.value === want, [await field.elementHandle(), code] as const, { timeout: 5000 });
  }
}
