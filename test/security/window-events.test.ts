import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_WINDOWS, type WindowKind } from '../../electron/main/ipc/window-access';
import { ManualClock } from '../../electron/main/services/clock';
import { WindowRegistry } from '../../electron/main/windows/window-registry';
import { ipcEventNames } from '../../shared/ipc/contract';
import { HarnessBackend } from '../harness/backend';
import { FakeClipboard } from '../harness/fakes';

/**
 * Pushed events go only to the windows that need them (issue #12 item 2, the other direction of
 * the per-window allow-lists): the admin window, fed by remote servers, learns the vault's lock
 * state and nothing of the codes window's settings, scanned links, accounts, backups or updates.
 * The real services emit through the real WindowRegistry; only the BrowserWindows are fakes that
 * record what `webContents.send` delivered.
 */
class FakeWindow {
  readonly received: { event: string; payload: unknown }[] = [];
  readonly webContents = { send: (event: string, payload: unknown) => this.received.push({ event, payload }) };
  isDestroyed = () => false;
  once = () => this;
  events = () => this.received.map((r) => r.event);
}

let dir: string;
let backend: HarnessBackend;
const windows: Record<WindowKind, FakeWindow> = { codes: new FakeWindow(), admin: new FakeWindow() };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-window-events-'));
  windows.codes = new FakeWindow();
  windows.admin = new FakeWindow();
  const registry = new WindowRegistry();
  for (const kind of ['codes', 'admin'] as const) registry.add(windows[kind] as unknown as Parameters<WindowRegistry['add']>[0], kind);
  backend = await HarnessBackend.start({ dataDir: dir, clock: new ManualClock(Date.parse('2026-12-06T10:00:00Z')), clipboard: new FakeClipboard(), keyProtector: undefined }, registry.send);
});

afterEach(async () => {
  await backend.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('events reach only the windows that receive them', () => {
  it('every event of the contract is placed (a new event must be)', () => {
    expect(Object.keys(EVENT_WINDOWS).sort()).toEqual([...ipcEventNames].sort());
  });

  it('vault, account and settings changes: the codes window hears all, the admin window only the lock state', async () => {
    expect(await backend.invoke('vault:create', ['correct horse battery staple', {}])).toMatchObject({ ok: true });
    expect(await backend.invoke('accounts:add-uri', ['otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP'])).toMatchObject({ ok: true });
    expect(await backend.invoke('settings:set', [{ autoLockMinutes: 7 }])).toMatchObject({ ok: true });
    expect(await backend.invoke('vault:lock', [])).toMatchObject({ ok: true });

    expect(windows.codes.events()).toEqual(expect.arrayContaining(['vault:changed', 'accounts:changed', 'settings:changed']));
    expect(new Set(windows.admin.events())).toEqual(new Set(['vault:changed']));
    expect(windows.admin.received.at(-1)).toMatchObject({ event: 'vault:changed', payload: { state: 'locked' } });
    // Each payload the admin window got is a vault status and nothing more.
    for (const { payload } of windows.admin.received) expect(Object.keys(payload as object).sort()).toEqual(['autoLockMinutes', 'hasKeychainSlot', 'state']);
  });
});
