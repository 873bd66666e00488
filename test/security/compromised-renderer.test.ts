import fc from 'fast-check';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { createIpcDispatcher, type IpcDispatch } from '../../electron/main/ipc/dispatcher';
import { createIpcHandlers } from '../../electron/main/ipc/handlers';
import { CHANNEL_WINDOWS, restrictToWindow, WINDOW_KINDS, windowMayCall, type WindowKind } from '../../electron/main/ipc/window-access';
import { ManualClock } from '../../electron/main/services/clock';
import type { ConfirmRequest } from '../../electron/main/services/security';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { ipcChannelNames, ipcContract } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import { FakeClipboard, FakeKeyProtector } from '../harness/fakes';

/**
 * The attacker is a compromised renderer: it can call any channel with any argument, from the
 * window it runs in, through the app's real dispatcher and handler table (the same ones
 * `ipcMain.handle` and the e2e harness use). Issue #12: nothing that returns or writes secret
 * material without the vault password, no risky opt-in without the native dialog, and each
 * window reaches only its own channels.
 */
const PASSWORD = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXP';

let dir: string;
let services: AppServices;
let dispatch: IpcDispatch;
let clock: ManualClock;
let saveAnswers: (string | null)[];
let saveAsked: number;
let confirmAnswers: boolean[];
let confirmShown: ConfirmRequest[];
let accountId: string;
let keychain: FakeKeyProtector;

const from = (window: WindowKind) => restrictToWindow(dispatch, window);
async function call<T = unknown>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  return (await from('codes')(channel, args)) as Result<T>;
}
const vaultBytes = () => readFile(join(dir, 'vault.json'), 'utf8');
const files = async () => (await readdir(dir)).filter((name) => !name.startsWith('.') && name !== 'config.json').sort();

async function start(insecureKeychain = false) {
  dir = await mkdtemp(join(tmpdir(), 'twofold-attack-'));
  clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  saveAnswers = [];
  saveAsked = 0;
  confirmAnswers = [];
  confirmShown = [];
  keychain = new FakeKeyProtector({ available: true, insecure: insecureKeychain, backend: insecureKeychain ? 'basic_text' : 'fake_keychain' });
  services = await createAppServices({
    dataDir: dir,
    settings: new ConfSettingsStore({ dir }),
    clipboard: new FakeClipboard(),
    keyProtector: keychain,
    clock,
    fileDialogs: {
      chooseImportFile: async () => null,
      chooseExportPath: async () => {
        saveAsked++;
        return saveAnswers.shift() ?? null;
      },
    },
    confirmDialog: {
      confirm: async (request) => {
        confirmShown.push(request);
        return confirmAnswers.shift() ?? false;
      },
    },
    admin: { fetch: () => Promise.reject(new TypeError('fetch failed: no network in this test')) },
  });
  dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), { report: () => {} });
  expect(await call('vault:create', PASSWORD, {})).toMatchObject({ ok: true });
  const added = await call<{ id: string }>('accounts:add', { issuer: 'GitHub', name: 'alice', secret: SECRET });
  if (!added.ok) throw new Error('seeding failed');
  accountId = added.value.id;
}

afterEach(async () => {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('each window reaches only its own channels', () => {
  beforeEach(() => start());

  it('every channel of the contract is classified for the windows (a new channel must be placed)', () => {
    const unclassified = ipcChannelNames.filter((channel) => !Object.hasOwn(CHANNEL_WINDOWS, channel));
    expect(unclassified, 'add these channels to electron/main/ipc/window-access.ts').toEqual([]);
    expect(Object.keys(CHANNEL_WINDOWS).filter((c) => !ipcChannelNames.includes(c as never))).toEqual([]);
  });

  it('walks every channel from each window: outside its list "forbidden" before anything runs, inside it reaches the handler', async () => {
    for (const window of WINDOW_KINDS) {
      for (const channel of ipcChannelNames) {
        const result = await from(window)(channel, ['not valid arguments', 1, 2, 3]);
        if (windowMayCall(window, channel)) {
          expect(result, `${window} → ${channel}`).toMatchObject({ ok: false, error: { code: 'bad-request' } });
        } else {
          expect(result, `${window} → ${channel}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        }
      }
    }
  });

  it('the admin window cannot export, change vault settings or slots, or touch accounts; the codes window cannot use admin channels', async () => {
    const admin = from('admin');
    const before = await vaultBytes();
    for (const [channel, args] of [
      ['export:aegis', [PASSWORD, 'attacker password']],
      ['export:uris', [PASSWORD]],
      ['export:account-qr', [accountId, PASSWORD]],
      ['vault:keychain', [{ enabled: true }, PASSWORD]],
      ['vault:change-password', [PASSWORD, 'attacker password']],
      ['settings:set', [{ autoLockMinutes: 0 }]],
      ['accounts:list', []],
      ['accounts:add-uri', [`otpauth://totp/X:y?secret=${SECRET}`]],
      ['accounts:update', [accountId, { issuer: 'Evil' }]],
      ['accounts:remove', [accountId]],
      ['codes:current', []],
      ['codes:copy', [accountId]],
      ['import:file-bytes', [new Uint8Array([1]), 'x.txt']],
    ] as const) {
      expect(await admin(channel, [...args]), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await vaultBytes()).toBe(before);
    expect(saveAsked).toBe(0);
    for (const channel of ipcChannelNames.filter((c) => c.startsWith('admin:') && c !== 'admin:open-window')) {
      expect(await call(channel, 'x'), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // What the admin window does need still works.
    expect(await admin('vault:status', [])).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(await admin('admin:servers', [])).toMatchObject({ ok: true });
  });
});

describe('secret material leaves only with the vault password', () => {
  beforeEach(() => start());

  /** Every channel that returns or writes secret material, or re-keys the vault, with good arguments but the given password. */
  const SECRET_CHANNELS: Record<string, (password: string) => unknown[]> = {
    'export:aegis': (password) => [password, 'attacker chosen password'],
    'export:uris': (password) => [password],
    'export:account-qr': (password) => [accountId, password],
    'vault:keychain': (password) => [{ enabled: true }, password],
    'vault:change-password': (password) => [password, 'attacker chosen password'],
  };

  it('each one is refused without the right password: wrong-password, nothing written, no dialog, nothing revealed', async () => {
    // Five channels, five failures: the throttle starts only after the fifth, so each refusal here is about the password.
    expect(Object.keys(SECRET_CHANNELS)).toHaveLength(5);
    const before = await vaultBytes();
    const listing = await files();
    for (const [channel, args] of Object.entries(SECRET_CHANNELS)) {
      saveAnswers = [join(dir, `${channel.replace(':', '-')}.out`)];
      const result = await call(channel, ...args('not the password'));
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
    expect(saveAsked).toBe(0);
    expect(confirmShown).toEqual([]);
    expect(await files()).toEqual(listing);
    expect(await vaultBytes()).toBe(before);
    expect(services.vault.status().hasKeychainSlot).toBe(false);
  });

  it('with the right password they go ahead (so the refusal above is about the password)', async () => {
    const target = join(dir, 'export.json');
    saveAnswers = [target];
    expect(await call('export:aegis', ...SECRET_CHANNELS['export:aegis']!(PASSWORD))).toMatchObject({ ok: true, value: { status: 'saved', path: target } });
    expect(await call('export:account-qr', ...SECRET_CHANNELS['export:account-qr']!(PASSWORD))).toMatchObject({ ok: true });
    expect(await call('vault:keychain', ...SECRET_CHANNELS['vault:keychain']!(PASSWORD))).toMatchObject({ ok: true, value: { hasKeychainSlot: true } });
  });

  it('the plain export also needs the native dialog: a renderer cannot confirm it, declining writes nothing', async () => {
    saveAnswers = [join(dir, 'links.txt')];
    expect(await call('export:uris', true)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    confirmAnswers = [false];
    expect(await call('export:uris', PASSWORD)).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(confirmShown.map((r) => r.confirmLabel)).toEqual(['Export unencrypted']);
    expect(saveAsked).toBe(0);
    confirmAnswers = [true];
    expect(await call('export:uris', PASSWORD)).toMatchObject({ ok: true, value: { status: 'saved' } });
    expect(await readFile(join(dir, 'links.txt'), 'utf8')).toContain(SECRET);
  });

  it('password checks are rate-limited across channels: after 5 failures even the right password waits', async () => {
    for (let i = 0; i < 5; i++) expect(await call('export:account-qr', accountId, `guess ${i}`)).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    const throttled = await call('export:aegis', PASSWORD, 'attacker chosen password');
    expect(throttled).toMatchObject({ ok: false, error: { code: 'too-many-attempts', message: expect.stringMatching(/Wait 1 second/) } });
    await call('vault:lock');
    expect(await call('vault:unlock', PASSWORD)).toMatchObject({ ok: false, error: { code: 'too-many-attempts' } });
    clock.advance(1000);
    expect(await call('vault:unlock', PASSWORD)).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  });
});

describe('the insecure-keychain opt-in never crosses IPC', () => {
  beforeEach(() => start(true));

  it('allowInsecure from the renderer is a bad request; only the native dialog can allow a basic_text slot', async () => {
    const before = await vaultBytes();
    expect(await call('vault:keychain', { enabled: true, allowInsecure: true }, PASSWORD)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('vault:create', PASSWORD, { keychain: true, allowInsecureKeychain: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    confirmAnswers = [false];
    expect(await call('vault:keychain', { enabled: true }, PASSWORD)).toMatchObject({ ok: false, error: { code: 'keychain-insecure' } });
    expect(confirmShown[0]?.message).toMatch(/basic_text/);
    expect(await vaultBytes()).toBe(before);
    confirmAnswers = [true];
    expect(await call('vault:keychain', { enabled: true }, PASSWORD)).toMatchObject({ ok: true, value: { hasKeychainSlot: true } });
    expect(await call('vault:keychain', { enabled: false }, 'not the password')).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(services.vault.status().hasKeychainSlot).toBe(true);
  });
});

describe('bad input: random arguments on every channel', () => {
  beforeEach(() => start());

  it('each channel answers a clear error or a result, never "internal", never a secret, and the accounts survive', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(accountId),
      fc.constant(PASSWORD),
      fc.uint8Array({ maxLength: 64 }),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()), { maxKeys: 4 }),
      fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
    );
    const args = fc.array(value, { maxLength: 4 });
    // Channels that would end the session or replace the data under test are called, but last.
    const last = new Set(['vault:lock', 'vault:change-password', 'accounts:remove', 'vault:create']);
    const order = [...ipcChannelNames.filter((c) => !last.has(c)), ...ipcChannelNames.filter((c) => last.has(c))];
    for (const window of WINDOW_KINDS) {
      for (const channel of order) {
        for (const sample of fc.sample(args, { numRuns: 25, seed: 12 })) {
          const result = (await from(window)(channel, sample)) as Result<unknown>;
          if (!result.ok) {
            expect(result.error.code, `${window} → ${channel}(${JSON.stringify(sample)})`).not.toBe('internal');
            expect(result.error.message.length).toBeGreaterThan(10);
          }
          expect(JSON.stringify(result)).not.toContain(SECRET);
        }
      }
    }
    expect(saveAsked).toBe(0);
    if (services.vault.status().state === 'locked') await services.vault.unlock(PASSWORD);
    expect(services.vault.accounts().map((a) => a.issuer)).toContain('GitHub');
  }, 60_000);
});
