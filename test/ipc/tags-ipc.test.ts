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
import { FakeClipboard, FakeKeyProtector } from '../harness/fakes';

/**
 * Tags over the IPC contract, as a compromised renderer could send them: every channel that takes
 * a tag refuses control and bidi characters with a message naming the tag, and the vault file is
 * not touched. Rename and delete are one channel call and one vault save each.
 */
let dir: string;
let services: AppServices;
let dispatch: IpcDispatch;

const call = async <T = unknown>(channel: string, ...args: unknown[]) => (await dispatch(channel, args)) as Result<T>;
async function value<T = unknown>(channel: string, ...args: unknown[]): Promise<T> {
  const result = await call<T>(channel, ...args);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}
const vaultFile = () => readFile(join(dir, 'vault.json'), 'utf8');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-tags-ipc-'));
  services = await createAppServices({ dataDir: dir, settings: new ConfSettingsStore({ dir }), clipboard: new FakeClipboard(), keyProtector: new FakeKeyProtector(), clock: new ManualClock(Date.UTC(2026, 0, 1)) });
  dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), { report: () => {} });
  await value('vault:create', 'correct horse battery', {});
});
afterEach(async () => {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('tags over IPC', () => {
  it('accounts:add, accounts:update and accounts:rename-tag refuse "\\u0007" and "\\u202E", naming the tag; the vault file is untouched', async () => {
    const account = await value<{ id: string }>('accounts:add', { issuer: 'GitHub', name: 'me', secret: 'JBSWY3DPEHPK3PXP', tags: ['work'] });
    const before = await vaultFile();
    const refusals = [
      await call('accounts:add', { issuer: 'Bank', name: 'me', secret: 'KRSXG5CTMVRXEZLU', tags: ['ok', 'a\u0007b'] }),
      await call('accounts:update', account.id, { tags: ['work', 'x\u202Ey'] }),
      await call('accounts:rename-tag', 'work', 'w\u202Eork'),
    ];
    expect(refusals.map((r) => (r.ok ? 'accepted' : r.error.message))).toEqual([
      expect.stringMatching(/"a<U\+0007>b".*\(U\+0007\)/),
      expect.stringMatching(/"x<U\+202E>y".*\(U\+202E\)/),
      expect.stringMatching(/"w<U\+202E>ork".*\(U\+202E\)/),
    ]);
    for (const r of refusals) {
      const text = JSON.stringify(r).toLowerCase();
      for (const raw of ['\\u0007', '\\u202e', '\u0007', '\u202e']) expect(text).not.toContain(raw);
    }
    expect(await vaultFile()).toBe(before);
    expect(services.vault.accounts().map((a) => a.tags)).toEqual([['work']]);
  });

  it('accounts:rename-tag and accounts:delete-tag change every account in one call, answering how many', async () => {
    for (const [issuer, secret, tags] of [
      ['A', 'JBSWY3DPEHPK3PXP', ['work', 'bank']],
      ['B', 'KRSXG5CTMVRXEZLU', ['Work']],
      ['C', 'MFRGGZDFMZTWQ2LK', ['home']],
    ] as const) {
      await value('accounts:add', { issuer, name: 'me', secret, tags: [...tags] });
    }
    expect(await value('accounts:rename-tag', 'WORK', 'job')).toBe(2);
    expect(await value('accounts:delete-tag', 'bank')).toBe(1);
    expect(services.vault.accounts().map((a) => a.tags)).toEqual([['job'], ['job'], ['home']]);
    expect(await value('accounts:delete-tag', 'nowhere')).toBe(0);
  });
});
