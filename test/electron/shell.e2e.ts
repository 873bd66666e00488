import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { CodesApp, type CodesWindowUi } from '../harness/codes-app';
import { busyBackground, createCanvas, drawQr, qrExtent } from '../scan/corpus/raster';
import { createRng } from '../scan/corpus/prng';
import { y4mFromCanvas } from '../scan/support/y4m';
import { AppDataHome, anyTarget, describeElectron, ensureDisplay, PACKAGED_SKIP_REASON, packagedTarget, ROOT, sandboxArgs, stopDisplay, type ElectronTarget } from './electron-target';

/**
 * The Electron shell where Electron runs (the GitHub workflows): what a user does in the real
 * app, through the same page object as the Chromium harness (CodesApp.forPage), plus what only
 * the shell does: the app:// protocol and its CSP, the QR worker's WebAssembly, permission
 * prompts, the tray, the single-instance lock and otpauth:// hand-over, and the fuses.
 *
 * Here (no Electron binary) every test skips with the reason; under TWOFOLD_REQUIRE_ELECTRON=1 a
 * missing binary fails instead (electron-target.ts). Each test gets its own app data folder.
 */
const PASSWORD = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;
const CAMERA_URI = 'otpauth://totp/Camera%20Co:dana@example.com?secret=KRSXG5CTMVRXEZLU&issuer=Camera%20Co';

let home: AppDataHome;
let running: ElectronApplication | null = null;
let media: string;

async function launch(target: ElectronTarget, extraArgs: string[] = []): Promise<{ app: ElectronApplication; ui: CodesWindowUi }> {
  const app = await _electron.launch({ executablePath: target.executablePath, args: [...target.args, ...sandboxArgs(), ...extraArgs], cwd: ROOT, env: home.env() });
  running = app;
  const page = await app.firstWindow();
  await page.waitForFunction(() => 'twofold' in globalThis);
  return { app, ui: CodesApp.forPage(page) };
}

/** A second start of the same app (same data folder), as the OS would run it; returns its exit. */
function secondLaunch(target: ElectronTarget, args: string[], env: Record<string, string> = {}) {
  return spawnSync(target.executablePath, [...target.args, ...sandboxArgs(), ...args], { cwd: ROOT, env: home.env(env), timeout: 30_000, encoding: 'utf8' });
}

const windows = (app: ElectronApplication) =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => ({ title: w.getTitle(), visible: w.isVisible(), minimized: w.isMinimized() })));

const clickTray = (app: ElectronApplication, id: 'show' | 'lock' | 'quit') =>
  app.evaluate((_e, itemId) => {
    const d = (globalThis as { __twofoldDesktop?: { trayMenu: { getMenuItemById(id: string): { click(): void } | null } } }).__twofoldDesktop;
    d?.trayMenu.getMenuItemById(itemId)?.click();
  }, id);

beforeAll(async () => {
  await ensureDisplay();
  const dir = mkdtempSync(join(tmpdir(), 'twofold-electron-media-'));
  const frame = createCanvas(640, 480);
  busyBackground(frame, createRng(7));
  const side = qrExtent(CAMERA_URI, 6);
  drawQr(frame, CAMERA_URI, { x: (640 - side) / 2, y: (480 - side) / 2, module: 6 });
  media = join(dir, 'qr.y4m');
  writeFileSync(media, y4mFromCanvas(frame, 10));
});

afterAll(() => {
  stopDisplay();
  if (media) rmSync(join(media, '..'), { recursive: true, force: true });
});

describeElectron('Twofold in Electron: what a user does', anyTarget(), (target) => {
  beforeAll(() => {
    home = new AppDataHome();
  });
  afterEach(async () => {
    await running?.close().catch(() => undefined);
    running = null;
    home.remove();
    home = new AppDataHome();
  });
  afterAll(() => home.remove());

  it('starts on first run, creates the vault, adds an account by link, copies its code, and locks', async () => {
    const { app, ui } = await launch(target);
    await ui.waitForFirstRun();
    expect(await ui.page.title()).toBe('Twofold');
    await ui.createVault(PASSWORD);

    const dialog = await ui.submitAccountByUri(URI);
    await dialog.waitFor({ state: 'detached' });
    await ui.row('Example').waitFor();
    expect(await ui.codeShownFor('Example')).toMatch(/^\d{6}$/);

    await ui.copyCode('Example');
    // The code may roll over between reading the row and the clipboard: compare within one poll.
    await expect
      .poll(async () => {
        const [shown, copied] = await Promise.all([ui.codeShownFor('Example'), app.evaluate(({ clipboard }) => clipboard.readText())]);
        return copied === shown;
      })
      .toBe(true);

    await ui.lock();
    expect(await ui.page.evaluate(`window.twofold.vault.status().then((r) => r.value.state)`)).toBe('locked');
    // Locking clears a code still on the clipboard (ClipboardGuard).
    await expect.poll(() => app.evaluate(({ clipboard }) => clipboard.readText())).toBe('');
  });

  it('closes to the tray: the app keeps running and the tray brings the window back', async () => {
    const { app, ui } = await launch(target);
    await ui.createVault(PASSWORD);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(async () => (await windows(app)).filter((w) => w.visible).length).toBe(0);
    // Still running: the main process answers.
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getName())).toBe('Twofold');
    await clickTray(app, 'show');
    await expect.poll(async () => (await windows(app)).filter((w) => w.visible && w.title === 'Twofold').length).toBe(1);
  });

  it('hands an otpauth:// link from a second start to the running instance, which shows it for review', async () => {
    const { ui } = await launch(target);
    await ui.createVault(PASSWORD);
    const second = secondLaunch(target, [URI]);
    expect(second.status, second.stderr).toBe(0);
    const review = ui.page.getByRole('dialog', { name: 'Add from a link' });
    await review.waitFor();
    await expect.poll(() => review.getByRole('list', { name: 'Accounts found' }).innerText()).toContain('Example');
    await review.getByRole('button', { name: 'Add account' }).click();
    await ui.row('Example').waitFor();
  });

  it('a second start without a link brings the first instance’s window back instead of opening another', async () => {
    const { app, ui } = await launch(target);
    await ui.createVault(PASSWORD);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    await expect.poll(async () => (await windows(app)).filter((w) => w.visible).length).toBe(0);
    const second = secondLaunch(target, []);
    expect(second.status, second.stderr).toBe(0);
    await expect.poll(async () => (await windows(app)).filter((w) => w.visible && !w.minimized).length).toBe(1);
    expect((await windows(app)).length).toBe(1);
  });

  it('serves the pages from app:// with the CSP header, and the QR worker compiles zxing-wasm under it (camera scan)', async () => {
    const { ui } = await launch(target, ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${media}`]);
    expect(new URL(ui.page.url()).protocol).toBe('app:');
    const csp = (await ui.page.evaluate(`fetch(location.href).then((r) => r.headers.get('content-security-policy'))`)) as string | null;
    expect(csp).toMatch(/default-src 'none'|default-src 'self'/);
    expect(csp).not.toContain('wasm-unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    // A document may not compile WebAssembly: only the worker's own CSP allows it.
    expect(await ui.page.evaluate(`WebAssembly.compile(new Uint8Array([0,97,115,109,1,0,0,0])).then(() => 'compiled', (e) => e.name)`)).toBe('CompileError');

    await ui.createVault(PASSWORD);
    // Camera permission is granted to our page (video only), the worker decodes the fake camera.
    await ui.page.getByRole('button', { name: 'Add account', exact: true }).click();
    await ui.page.getByRole('menuitem', { name: /Scan QR code/ }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'Scan a QR code' });
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect.poll(() => dialog.getByRole('heading', { name: /1 account found/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /Camera Co/ }).isChecked()).toBe(true);
  });

  it('answers permission prompts: camera yes, microphone and other permissions no', async () => {
    const { ui } = await launch(target, ['--use-fake-device-for-media-stream']);
    const outcome = (request: string) => ui.page.evaluate(`${request}.then((s) => { s.getTracks?.().forEach((t) => t.stop()); return 'granted'; }, (e) => e.name)`);
    expect(await outcome('navigator.mediaDevices.getUserMedia({ video: true })')).toBe('granted');
    expect(await outcome('navigator.mediaDevices.getUserMedia({ audio: true })')).toBe('NotAllowedError');
    expect(await outcome('navigator.mediaDevices.getUserMedia({ video: true, audio: true })')).toBe('NotAllowedError');
    expect(await ui.page.evaluate(`navigator.permissions.query({ name: 'geolocation' }).then((p) => p.state)`)).toBe('denied');
    expect(await ui.page.evaluate(`Notification.requestPermission()`)).toBe('denied');
  });

  it('scans the screen in the main process, or says how to grant screen recording (macOS)', async () => {
    const { ui } = await launch(target);
    await ui.createVault(PASSWORD);
    const result = (await ui.page.evaluate(`window.twofold.scan.screen()`)) as { ok: boolean; error?: { code: string; message: string } };
    if (result.ok) return;
    expect(process.platform).toBe('darwin');
    expect(result.error?.code).toBe('capture-permission-denied');
    expect(result.error?.message).toMatch(/Screen Recording|Screen & System Audio Recording/);
  });
});

describeElectron(
  'Twofold packaged: fuses',
  packagedTarget(),
  (target) => {
    beforeAll(() => {
      home = new AppDataHome();
    });
    afterAll(() => home.remove());

    it('ignores ELECTRON_RUN_AS_NODE: the packaged app never runs as a plain Node interpreter', () => {
      // With the RunAsNode fuse on, this prints the marker and exits; with it off (as built), the
      // variable is ignored and the app starts as itself — which the timeout then stops.
      const run = spawnSync(target.executablePath, [...sandboxArgs(), '-e', 'process.stdout.write("RUN-AS-NODE-" + process.versions.node)'], {
        env: home.env({ ELECTRON_RUN_AS_NODE: '1' }),
        timeout: 15_000,
        encoding: 'utf8',
      });
      expect(run.stdout).not.toContain('RUN-AS-NODE-');
    });

    it('has the release fuses flipped in the binary', async () => {
      // @electron/fuses is what electron-builder flips them with; its wire is ASCII '0' / '1'.
      const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
      const wire = (await getCurrentFuseWire(target.executablePath)) as unknown as Record<number, number>;
      const [off, on] = ['0'.charCodeAt(0), '1'.charCodeAt(0)];
      expect(wire[FuseV1Options.RunAsNode]).toBe(off);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(off);
    });
  },
  PACKAGED_SKIP_REASON,
);
