import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installDesktopIntegration } from '../../electron/main/desktop/desktop-integration';
import type { trayMenuTemplate } from '../../electron/main/desktop/tray';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { copyAccountCode } from '../../electron/main/services/codes';
import { ManualClock } from '../../electron/main/services/clock';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { oathtoolTotp } from '../codes-window/oathtool';
import { FakeClipboard } from '../harness/fakes';

type Item = ReturnType<typeof trayMenuTemplate>[number];

/**
 * The tray's favourites over the app's real services (vault file, settings, codes, clipboard
 * guard): only Electron's Tray and Menu are recording stand-ins.
 */
let dir: string;
let services: AppServices | undefined;
afterEach(async () => {
  await services?.dispose();
  services = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('tray favourites over the real services', () => {
  it("a favourite's tray item copies its current code (oathtool's), and the clipboard clears like the window's copy", async () => {
    dir = await mkdtemp(join(tmpdir(), 'twofold-tray-'));
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 10));
    const clipboard = new FakeClipboard();
    services = await createAppServices({ dataDir: dir, settings: new ConfSettingsStore({ dir }), clipboard, clock });
    const s = services;
    await s.vault.create('correct horse battery staple');
    await s.vault.addAccounts([
      { ...parseOtpauthUri('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'), favourite: true },
      { ...parseOtpauthUri('otpauth://totp/GitLab:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitLab'), favourite: false },
    ]);
    let menu: Item[] = [];
    const desktop = installDesktopIntegration({
      electron: {
        createTray: () => ({ setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() }),
        buildMenu: (template) => (menu = template as Item[]),
        setApplicationMenu: vi.fn(),
        globalShortcut: { register: () => true, unregister: vi.fn(), unregisterAll: vi.fn() },
        powerMonitor: { on: vi.fn(), removeListener: vi.fn() },
      },
      platform: 'linux',
      appName: 'Twofold',
      development: false,
      trayIconPath: '/app/build/icons/32x32.png',
      vault: { lock: () => s.vault.lock(), isLocked: () => s.vault.status().state !== 'unlocked' },
      favourites: () => s.vault.accounts().filter((a) => a.favourite).map((a) => ({ id: a.id, label: `${a.issuer} (${a.name})` })),
      copyCode: (id) => copyAccountCode(s, id),
      showCodesWindow: vi.fn(),
      quit: vi.fn(),
    });
    s.vault.onChange(() => desktop.vaultChanged());
    desktop.vaultChanged();
    const copies = () => menu.filter((i) => i.id?.startsWith('copy:'));
    expect(copies().map((i) => i.label)).toEqual(['GitHub (alice)']);

    copies()[0]?.click?.({} as never, undefined, {} as never);
    await vi.waitFor(() => expect(clipboard.text).toBe(oathtoolTotp('JBSWY3DPEHPK3PXP', clock.now())));
    // The same clearing as the window: after clipboardClearSeconds (30 s by default).
    clock.advance(29_000);
    await s.clipboard.settled();
    expect(clipboard.text).not.toBe('');
    clock.advance(1_000);
    await s.clipboard.settled();
    expect(clipboard.text).toBe('');

    // Locking empties the favourites from the menu.
    s.vault.lock();
    expect(copies()).toEqual([]);
    desktop.dispose();
  });
});
