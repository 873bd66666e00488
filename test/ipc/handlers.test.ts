import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { createIpcDispatcher, type IpcDispatch } from '../../electron/main/ipc/dispatcher';
import { forwardServiceEvents } from '../../electron/main/ipc/events';
import { createIpcHandlers } from '../../electron/main/ipc/handlers';
import { ManualClock } from '../../electron/main/services/clock';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { FakeClipboard, FakeKeyProtector } from '../harness/fakes';

const PASSWORD = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXP';

let dir: string;
let services: AppServices;
let dispatch: IpcDispatch;
let clock: ManualClock;
let clipboard: FakeClipboard;
let events: string[];

async function call<T = unknown>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  return (await dispatch(channel, args)) as Result<T>;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-ipc-'));
  clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  clipboard = new FakeClipboard();
  services = await createAppServices({ dataDir: dir, settings: new ConfSettingsStore({ dir }), clipboard, keyProtector: new FakeKeyProtector(), clock });
  dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), { report: () => {} });
  events = [];
  forwardServiceEvents(services, (event) => events.push(event));
  expect(await call('vault:create', PASSWORD, {})).toMatchObject({ ok: true, value: { state: 'unlocked' } });
});

afterEach(async () => {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

const typed = (overrides: Record<string, unknown> = {}) => ({ issuer: 'GitHub', name: 'alice', secret: SECRET, ...overrides });

describe('IPC handlers over the real services', () => {
  it('adds a typed account and never sends its secret back', async () => {
    const added = await call('accounts:add', typed({ secret: 'jbsw y3dp ehpk 3pxp' }));
    expect(added).toMatchObject({ ok: true, value: { issuer: 'GitHub', otp: { type: 'totp', digits: 6, period: 30 } } });
    const list = await call('accounts:list');
    expect(JSON.stringify([added, list])).not.toContain(SECRET);
    expect(events).toContain('accounts:changed');
  });

  it('refuses a key that is not base32, naming the secret field, and saves nothing', async () => {
    const before = await readFile(join(dir, 'vault.json'), 'utf8');
    const result = await call('accounts:add', typed({ secret: 'JBSWY3DPEHPK3PX0' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-secret', field: 'secret' } });
    expect(!result.ok && result.error.message).toMatch(/0/);
    expect(await readFile(join(dir, 'vault.json'), 'utf8')).toBe(before);
  });

  it('names the advanced field that is out of range', async () => {
    expect(await call('accounts:add', typed({ digits: 9 }))).toMatchObject({ ok: false, error: { field: 'digits' } });
    expect(await call('accounts:add', typed({ period: 0 }))).toMatchObject({ ok: false, error: { field: 'period' } });
    expect(await call('accounts:add', typed({ type: 'hotp', counter: -1 }))).toMatchObject({ ok: false, error: { field: 'counter' } });
    expect(await call('accounts:add', typed({ issuer: ' ', name: '' }))).toMatchObject({ ok: false, error: { field: 'issuer' } });
  });

  it('refuses the same account twice', async () => {
    await call('accounts:add', typed());
    expect(await call('accounts:add', typed({ issuer: 'github' }))).toMatchObject({ ok: false, error: { code: 'duplicate-account' } });
  });

  it('adds from an otpauth URI and reports the parser error for a bad one', async () => {
    const bad = await call('accounts:add-uri', 'otpauth://totp/GitHub:alice?issuer=GitHub');
    expect(bad).toMatchObject({ ok: false, error: { code: 'missing-secret' } });
    const good = await call('accounts:add-uri', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub&digits=8`);
    expect(good).toMatchObject({ ok: true, value: { issuer: 'GitHub', name: 'alice', otp: { digits: 8 } } });
  });

  it('copies in main and clears after the configured delay', async () => {
    const added = await call<{ id: string }>('accounts:add', typed());
    if (!added.ok) throw new Error('add failed');
    expect(await call('settings:set', { clipboardClearSeconds: 10 })).toMatchObject({ ok: true, value: { clipboardClearSeconds: 10, autoLockMinutes: 5 } });
    expect(await call('codes:copy', added.value.id)).toEqual({ ok: true, value: { clearsInSeconds: 10 } });
    expect(clipboard.text).toMatch(/^\d{6}$/);
    clock.advance(10_000);
    await services.clipboard.settled();
    expect(clipboard.text).toBe('');
  });

  it('sends the codes of the accounts asked for only (the rendered rows), or all without ids; refuses an unbounded list', async () => {
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const added = await call<{ id: string }>('accounts:add', typed({ name }));
      if (!added.ok) throw new Error('add failed');
      ids.push(added.value.id);
    }
    const idsOf = (result: Result<unknown>) => (result.ok ? (result.value as Array<{ id: string }>).map((c) => c.id) : result);
    expect(idsOf(await call('codes:current'))).toEqual(ids);
    // Vault order whatever the order asked; an unknown id (deleted meanwhile) is left out.
    expect(idsOf(await call('codes:current', [ids[2], 'gone', ids[0]]))).toEqual([ids[0], ids[2]]);
    expect(idsOf(await call('codes:current', []))).toEqual([]);
    expect(await call('codes:current', Array.from({ length: 501 }, (_, i) => `id${i}`))).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'ids' } });
    expect(await call('codes:current', [42])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('applies the auto-lock setting to the vault, which then locks when idle', async () => {
    expect(await call('settings:set', { autoLockMinutes: 1 })).toMatchObject({ ok: true });
    expect(await call('vault:status')).toMatchObject({ ok: true, value: { state: 'unlocked', autoLockMinutes: 1 } });
    clock.advance(60_000);
    expect(await call('vault:status')).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await call('codes:current')).toMatchObject({ ok: false, error: { code: 'vault-locked' } });
    expect(events).toContain('settings:changed');
    expect(events).toContain('vault:changed');
  });

  it('refuses an out-of-range setting naming it, and an unknown setting', async () => {
    expect(await call('settings:set', { clipboardClearSeconds: -1 })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'patch.clipboardClearSeconds' } });
    expect(await call('settings:set', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('says "Wrong password." for a wrong password and unlocks with the right one', async () => {
    await call('vault:lock');
    expect(await call('vault:unlock', 'not the password')).toMatchObject({ ok: false, error: { code: 'wrong-password', message: 'Wrong password.' } });
    expect(await call('vault:unlock', PASSWORD)).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  });

  it('turns keychain unlock on and unlocks with it', async () => {
    expect(await call('vault:keychain', { enabled: true }, PASSWORD)).toMatchObject({ ok: true, value: { hasKeychainSlot: true } });
    await call('vault:lock');
    expect(await call('vault:unlock-keychain')).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(services.settings.get().keychainOptIn).toBe(true);
  });

  it('advances an HOTP counter', async () => {
    const added = await call<{ id: string }>('accounts:add', typed({ type: 'hotp', counter: 0 }));
    if (!added.ok) throw new Error('add failed');
    expect(await call('codes:hotp-next', added.value.id)).toMatchObject({ ok: true, value: { type: 'hotp', counter: 1 } });
  });
});
