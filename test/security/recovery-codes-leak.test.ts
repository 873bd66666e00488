import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { createIpcDispatcher, type IpcDispatch } from '../../electron/main/ipc/dispatcher';
import { createIpcHandlers } from '../../electron/main/ipc/handlers';
import { restrictToWindow, WINDOW_KINDS, windowMayCall, type WindowKind } from '../../electron/main/ipc/window-access';
import { ManualClock } from '../../electron/main/services/clock';
import { REVEAL_GRANT_MS } from '../../electron/main/services/recovery-codes/recovery-codes-service';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { ipcChannelNames, ipcContract } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import { FakeClipboard, ScriptedFileDialogs } from '../harness/fakes';

/**
 * Issue #13.6: a compromised renderer calling every channel, over the app's real dispatcher and
 * handlers, gets no stored recovery code until it calls `recovery:reveal` with the vault
 * password; wrong passwords are refused and rate limited with the app's other password checks.
 */
const PASSWORD = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXP';
const CODES = ['7kq4-m2xp-9fhd', '2bqr-88tn-w4ce', 'h3vd-k9pa-tt5m', 'q8ze-1wcx-ry7b', 'n4fu-6gjd-e2sk'];
/** The codes without separators too: a leak that reformats them is still a leak. */
const NEEDLES = [...CODES, ...CODES.map((c) => c.replace(/-/g, ''))];

let dir: string;
let services: AppServices;
let dispatch: IpcDispatch;
let clock: ManualClock;
let clipboard: FakeClipboard;
let dialogs: ScriptedFileDialogs;
let accountId: string;

const from = (window: WindowKind) => restrictToWindow(dispatch, window);
const call = async <T = unknown>(channel: string, ...args: unknown[]) => (await from('codes')(channel, args)) as Result<T>;
const leaks = (value: unknown) => NEEDLES.filter((needle) => JSON.stringify(value).toLowerCase().includes(needle));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-recovery-'));
  clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  clipboard = new FakeClipboard();
  dialogs = new ScriptedFileDialogs();
  services = await createAppServices({
    dataDir: dir,
    settings: new ConfSettingsStore({ dir }),
    clipboard,
    clock,
    fileDialogs: dialogs,
    admin: { fetch: () => Promise.reject(new TypeError('fetch failed: no network in this test')) },
  });
  dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), { report: () => {} });
  expect(await call('vault:create', PASSWORD, {})).toMatchObject({ ok: true });
  const added = await call<{ id: string }>('accounts:add', { issuer: 'GitHub', name: 'alice', secret: SECRET });
  if (!added.ok) throw new Error('seeding failed');
  accountId = added.value.id;
  // The tests move the clock by minutes; auto-lock would end the session under them.
  services.settings.set({ autoLockMinutes: 0 });
  const stored = await call('recovery:add', accountId, `GitHub recovery codes\r\n\r\n${CODES.map((c, i) => `${i + 1}. ${c}`).join('\r\n')}\r\n`, 'append');
  expect(stored).toEqual({ ok: true, value: { count: { total: 5, unused: 5 }, read: 5, skipped: ['GitHub recovery codes'], codes: null } });
});

afterEach(async () => {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('stored recovery codes never reach the renderer until revealed with the vault password', () => {
  it('they are in the vault (encrypted): the file on disk holds no code in clear', async () => {
    expect(services.vault.accounts()[0]!.recoveryCodes?.map((c) => c.code)).toEqual(CODES);
    expect(leaks(await readFile(join(dir, 'vault.json'), 'utf8'))).toEqual([]);
  });

  it('walks every channel of both windows with plausible arguments: no answer holds a code, the list holds only the count', async () => {
    const candidates: unknown[][] = [[], [accountId], [accountId, 0], [accountId, 0, true], [accountId, 'wrong password'], ['wrong password'], [accountId, 'append'], [{}], ['', '']];
    // Ending the session or deleting the account would only make the later calls fail: not walked.
    const skip = new Set(['vault:lock', 'accounts:remove', 'trash:delete', 'trash:empty', 'vault:change-password', 'vault:create', 'backup:restore']);
    let answered = 0;
    for (const window of WINDOW_KINDS) {
      for (const channel of ipcChannelNames.filter((c) => !skip.has(c) && windowMayCall(window, c))) {
        for (const args of candidates) {
          clock.advance(10 * 60_000); // past any password delay, so every call reaches its handler
          const result = await from(window)(channel, args);
          expect(leaks(result), `${window} → ${channel}(${JSON.stringify(args)})`).toEqual([]);
          if ((result as Result<unknown>).ok) answered++;
        }
      }
    }
    expect(answered).toBeGreaterThan(20);
    const list = await call<Array<Record<string, unknown>>>('accounts:list');
    expect(list.ok && list.value[0]).toMatchObject({ recoveryCodeCount: { total: 5, unused: 5 } });
    expect(list.ok && Object.keys(list.value[0]!)).not.toContain('recoveryCodes');
    // codes:copy put OTP codes there; no recovery code went to the clipboard without a reveal.
    expect(leaks(clipboard.writes)).toEqual([]);
    // A trashed account keeps its codes, and the trash list does not show them either.
    expect(await call('accounts:remove', accountId)).toMatchObject({ ok: true });
    const trash = await call('trash:list');
    expect(trash).toMatchObject({ ok: true, value: [{ recoveryCodeCount: { total: 5 } }] });
    expect(leaks(trash)).toEqual([]);
  });

  it('copy, mark and replace are refused until a reveal; a wrong password reveals nothing', async () => {
    expect(await call('recovery:copy', accountId, 0)).toMatchObject({ ok: false, error: { code: 'reveal-required' } });
    expect(await call('recovery:mark', accountId, 0, true)).toMatchObject({ ok: false, error: { code: 'reveal-required' } });
    expect(await call('recovery:add', accountId, '9999-8888-7777', 'replace')).toMatchObject({ ok: false, error: { code: 'reveal-required' } });
    const wrong = await call('recovery:reveal', accountId, 'not the password');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-password', field: 'password' } });
    expect(leaks(wrong)).toEqual([]);
    expect(await call('recovery:copy', accountId, 0)).toMatchObject({ ok: false, error: { code: 'reveal-required' } });
    expect(clipboard.writes).toEqual([]);
    expect(services.vault.accounts()[0]!.recoveryCodes).toHaveLength(5);
  });

  it('wrong passwords are rate limited with the other password checks: after 5, even the right one waits', async () => {
    for (let i = 0; i < 5; i++) expect(await call('recovery:reveal', accountId, `guess ${i}`)).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    const throttled = await call('recovery:reveal', accountId, PASSWORD);
    expect(throttled).toMatchObject({ ok: false, error: { code: 'too-many-attempts' } });
    expect(leaks(throttled)).toEqual([]);
    // The same counter as exports: it is one gate.
    expect(await call('export:account-qr', accountId, PASSWORD)).toMatchObject({ ok: false, error: { code: 'too-many-attempts' } });
    clock.advance(1000);
    expect(await call('recovery:reveal', accountId, PASSWORD)).toMatchObject({ ok: true });
  });

  it('with the right password: the codes, then copy one through main (auto-cleared), mark one used; the grant ends with lock and time', async () => {
    const revealed = await call('recovery:reveal', accountId, PASSWORD);
    expect(revealed).toEqual({ ok: true, value: CODES.map((code) => ({ code, used: false })) });
    const copied = await call('recovery:copy', accountId, 1);
    expect(copied).toEqual({ ok: true, value: { clearsInSeconds: services.settings.get().clipboardClearSeconds } });
    expect(clipboard.text).toBe(CODES[1]);
    clock.advance(services.settings.get().clipboardClearSeconds * 1000);
    await services.clipboard.settled();
    expect(clipboard.text).toBe('');
    expect(await call('recovery:mark', accountId, 1, true)).toEqual({ ok: true, value: CODES.map((code, i) => ({ code, used: i === 1 })) });
    expect(await call('accounts:list')).toMatchObject({ ok: true, value: [{ recoveryCodeCount: { total: 5, unused: 4 } }] });
    expect(await call('recovery:mark', accountId, 7, true)).toMatchObject({ ok: false, error: { code: 'no-such-code' } });

    clock.advance(REVEAL_GRANT_MS);
    expect(await call('recovery:copy', accountId, 0)).toMatchObject({ ok: false, error: { code: 'reveal-required' } });
    expect(await call('recovery:reveal', accountId, PASSWORD)).toMatchObject({ ok: true });
    await call('vault:lock');
    await call('vault:unlock', PASSWORD);
    expect(await call('recovery:copy', accountId, 0)).toMatchObject({ ok: false, error: { code: 'reveal-required' } });
    // Saved in the vault file: the mark survives the lock.
    expect(await call('recovery:reveal', accountId, PASSWORD)).toEqual({ ok: true, value: CODES.map((code, i) => ({ code, used: i === 1 })) });
    expect(await call('recovery:hide', accountId)).toEqual({ ok: true, value: null });
    expect(await call('recovery:copy', accountId, 0)).toMatchObject({ ok: false, error: { code: 'reveal-required' } });
  });

  it('replace after a reveal drops the old set; append keeps it and skips duplicates', async () => {
    expect(await call('recovery:add', accountId, `${CODES[0]}\nzz11-yy22-xx33`, 'append')).toMatchObject({ ok: true, value: { count: { total: 6, unused: 6 }, read: 2 } });
    await call('recovery:reveal', accountId, PASSWORD);
    expect(await call('recovery:add', accountId, '1111 2222 3333\n4444 5555 6666', 'replace')).toMatchObject({ ok: true, value: { count: { total: 2, unused: 2 } } });
    expect(services.vault.accounts()[0]!.recoveryCodes).toEqual([
      { code: '1111 2222 3333', used: false },
      { code: '4444 5555 6666', used: false },
    ]);
  });

  it('a .txt file through main’s open dialog; a huge file is refused with a clear message before it is read, and nothing changes', async () => {
    const small = join(dir, 'codes.txt');
    await writeFile(small, '• abcd-1234-efgh\n• ijkl-5678-mnop\n');
    dialogs.answerImport(small);
    expect(await call('recovery:add-file', accountId, 'append')).toMatchObject({ ok: true, value: { count: { total: 7 }, read: 2 } });
    expect(dialogs.asked.at(-1)).toMatchObject({ kind: 'import', filters: [{ extensions: ['txt'] }] });

    const huge = join(dir, 'huge.txt');
    await writeFile(huge, `${'1234-5678\n'.repeat(1_000_000)}`);
    dialogs.answerImport(huge);
    const refused = await call('recovery:add-file', accountId, 'append');
    expect(refused).toMatchObject({ ok: false, error: { code: 'file-too-large', message: expect.stringMatching(/9\.5 MB.*at most 64 KB.*Nothing was added/) } });
    expect(services.vault.accounts()[0]!.recoveryCodes).toHaveLength(7);
    dialogs.answerImport(null);
    expect(await call('recovery:add-file', accountId, 'append')).toEqual({ ok: true, value: null });
  });

  it('bounds: too many codes, a code too long, no codes at all: clear errors, nothing changed', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `code-${String(i).padStart(4, '0')}`).join('\n');
    expect(await call('recovery:add', accountId, many, 'append')).toMatchObject({ ok: false, error: { code: 'too-many', message: expect.stringContaining('at most 100') } });
    const ninetySix = Array.from({ length: 96 }, (_, i) => `more-${String(i).padStart(4, '0')}`).join('\n');
    expect(await call('recovery:add', accountId, ninetySix, 'append')).toMatchObject({ ok: false, error: { code: 'too-many', message: expect.stringContaining('Replace the old set') } });
    expect(await call('recovery:add', accountId, `${'a1'.repeat(40)}`, 'append')).toMatchObject({ ok: false, error: { code: 'code-too-long' } });
    expect(await call('recovery:add', accountId, 'hello there\n\n', 'append')).toMatchObject({ ok: false, error: { code: 'no-codes' } });
    expect(await call('recovery:add', accountId, 'x'.repeat(70_000), 'append')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(services.vault.accounts()[0]!.recoveryCodes).toHaveLength(5);
  });
});
