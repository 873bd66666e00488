import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { createIpcDispatcher, type IpcDispatch } from '../../electron/main/ipc/dispatcher';
import { createIpcHandlers } from '../../electron/main/ipc/handlers';
import { ManualClock } from '../../electron/main/services/clock';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { FakeClipboard } from '../harness/fakes';
import { oathtoolTotp } from '../codes-window/oathtool';

/**
 * The trash (issue #14 item 2) over the real services and IPC dispatcher: a trashed account keeps
 * its secret in the vault but gives no code over any channel, Undo brings back the same account
 * (code equal to oathtool's), and after 30 days it is gone for good, also from the file.
 */
const PASSWORD = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXP';
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1, 12);

let dir: string;
let services: AppServices;
let dispatch: IpcDispatch;
let clock: ManualClock;
let clipboard: FakeClipboard;

async function start(at: number) {
  clock = new ManualClock(at);
  clipboard = new FakeClipboard();
  services = await createAppServices({ dataDir: dir, settings: new ConfSettingsStore({ dir }), clipboard, clock });
  dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), { report: () => {} });
}

async function call<T = unknown>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  return (await dispatch(channel, args)) as Result<T>;
}

async function value<T = unknown>(channel: string, ...args: unknown[]): Promise<T> {
  const result = await call<T>(channel, ...args);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-trash-'));
  await start(T0);
  await value('vault:create', PASSWORD, {});
  await value('accounts:add-uri', `otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`);
  await value('accounts:add-uri', 'otpauth://totp/Other:bob?secret=KRSXG5CTMVRXEZLU&issuer=Other');
});

afterEach(async () => {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('the trash', () => {
  it('a trashed account gives no code over IPC, and its list entry carries no secret', async () => {
    const [alice] = await value<{ id: string }[]>('accounts:list');
    await value('accounts:remove', alice!.id);
    expect((await value<{ id: string }[]>('accounts:list')).map((a) => a.id)).not.toContain(alice!.id);
    expect((await value<{ id: string }[]>('codes:current')).map((c) => c.id)).not.toContain(alice!.id);
    expect(await call('codes:copy', alice!.id)).toMatchObject({ ok: false, error: { code: 'account-not-found' } });
    expect(await call('codes:hotp-next', alice!.id)).toMatchObject({ ok: false, error: { code: 'account-not-found' } });
    expect(clipboard.text).not.toMatch(/^\d{6}$/);
    const trash = await value<{ id: string; issuer: string; deletedAt: string; purgeAt: string }[]>('trash:list');
    expect(trash).toEqual([expect.objectContaining({ id: alice!.id, issuer: 'ACME', deletedAt: new Date(T0).toISOString(), purgeAt: new Date(T0 + 30 * DAY).toISOString() })]);
    expect(JSON.stringify(trash)).not.toContain(SECRET);
    // The secret is still in the vault (encrypted): the file does not show it in clear.
    expect(await readFile(join(dir, 'vault.json'), 'utf8')).not.toContain(SECRET);
  });

  it('Undo restores the same account in its place, and its code equals oathtool’s', async () => {
    const before = await value<{ id: string }[]>('accounts:list');
    await value('accounts:remove', before[0]!.id);
    const restored = await value<{ id: string; issuer: string }>('trash:restore', before[0]!.id);
    expect(restored).toMatchObject({ id: before[0]!.id, issuer: 'ACME' });
    expect(await value('accounts:list')).toEqual(before);
    expect(await value('trash:list')).toEqual([]);
    await value('codes:copy', before[0]!.id);
    expect(clipboard.text).toBe(oathtoolTotp(SECRET, T0));
  });

  it('after 30 days the account is gone for good, also from the file', async () => {
    const [alice] = await value<{ id: string }[]>('accounts:list');
    await value('accounts:remove', alice!.id);
    clock.advance(29 * DAY);
    await value('vault:unlock', PASSWORD);
    expect(await value('trash:list')).toHaveLength(1);
    clock.advance(DAY);
    await value('vault:unlock', PASSWORD);
    expect(await value('trash:list')).toEqual([]);
    expect(await call('trash:restore', alice!.id)).toMatchObject({ ok: false, error: { code: 'account-not-found' } });
    // Started again with the clock back at T0: the file itself no longer holds the account.
    await services.dispose();
    await start(T0);
    await value('vault:unlock', PASSWORD);
    expect(await value('trash:list')).toEqual([]);
    expect((await value<{ issuer: string }[]>('accounts:list')).map((a) => a.issuer)).toEqual(['Other']);
  });

  it('delete for good and empty trash remove the secret; an unknown id is a clear error', async () => {
    const accounts = await value<{ id: string }[]>('accounts:list');
    for (const a of accounts) await value('accounts:remove', a.id);
    await value('trash:delete', accounts[0]!.id);
    expect((await value<{ id: string }[]>('trash:list')).map((a) => a.id)).toEqual([accounts[1]!.id]);
    await value('trash:empty');
    expect(await value('trash:list')).toEqual([]);
    expect(await call('trash:delete', accounts[0]!.id)).toMatchObject({ ok: false, error: { code: 'account-not-found', message: expect.stringMatching(/no longer in the trash/) } });
  });
});
