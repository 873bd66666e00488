import { describe, expect, it } from 'vitest';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/contract';
import { buildDesktopApi } from '../../shared/ipc/desktop-api';
import type { AccountView } from '../../shared/otp/account';
import { err, ok } from '../../shared/result';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createCodesStore, screenOf } from '../../renderer/codes/store/codes-store';
import { tagFilterSummary, visibleSections } from '../../renderer/codes/store/account-display';

function view(id: string, issuer: string, extra: Partial<AccountView> = {}): AccountView {
  return {
    id,
    issuer,
    name: `${issuer.toLowerCase()}@example.com`,
    tags: [],
    favourite: false,
    note: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 },
    ...extra,
  };
}

/** A fake main process: just enough behaviour to drive the store, recording every call. */
function fakeApi(initial: { state: 'missing' | 'locked' | 'unlocked'; accounts?: AccountView[] }) {
  let state = initial.state;
  let accounts = initial.accounts ?? [];
  const calls: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const status = () => ({ state, hasKeychainSlot: false, autoLockMinutes: 5 });
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    'vault:status': () => ok(status()),
    'vault:keychain-availability': () => ok({ available: true, insecure: false, backend: 'fake' }),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'vault:unlock': (password) => {
      if (password !== 'right password') return err({ code: 'wrong-password', message: 'Wrong password.', field: 'password' });
      state = 'unlocked';
      return ok(status());
    },
    'vault:lock': () => {
      state = 'locked';
      return ok(status());
    },
    'vault:touch': () => ok(null),
    'accounts:list': () => ok(accounts),
    'codes:current': (ids) =>
      ok(accounts.filter((a) => ids === undefined || (ids as string[]).includes(a.id)).map((a) => ({ id: a.id, type: 'totp', code: '123456', nextCode: null, period: 30, secondsLeft: 12, periodStart: 0 }))),
    'codes:copy': () => ok({ clearsInSeconds: 30 }),
    'accounts:reorder': (ids) => {
      const byId = new Map(accounts.map((a) => [a.id, a]));
      accounts = (ids as string[]).map((id) => byId.get(id)!);
      return ok(null);
    },
    'accounts:update': (id, patch) => {
      accounts = accounts.map((a) => (a.id === id ? { ...a, ...(patch as object) } : a));
      return ok(accounts.find((a) => a.id === id));
    },
    'accounts:add-uri': () => err({ code: 'missing-secret', message: 'The link has no secret parameter.', field: 'secret' }),
  };
  const api = buildDesktopApi(
    ipcChannelNames,
    ipcEventNames,
    async (channel, args) => {
      calls.push([channel, args]);
      const handler = handlers[channel];
      if (!handler) throw new Error(`fake api: ${channel} not faked`);
      return handler(...args);
    },
    (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  );
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { api, calls, emit, accountsNow: () => accounts };
}

describe('createCodesStore', () => {
  it('starts on the first-run screen when there is no vault', async () => {
    const { api } = fakeApi({ state: 'missing' });
    const store = createCodesStore(api);
    expect(screenOf(store.getState().status)).toBe('loading');
    await store.getState().actions.start();
    expect(screenOf(store.getState().status)).toBe('first-run');
    expect(store.getState().settings?.clipboardClearSeconds).toBe(30);
  });

  it('refuses a wrong password with the message from main and stays locked', async () => {
    const { api } = fakeApi({ state: 'locked' });
    const store = createCodesStore(api);
    await store.getState().actions.start();
    const result = await store.getState().actions.unlock('nope');
    expect(result).toMatchObject({ ok: false, error: { code: 'wrong-password', message: 'Wrong password.' } });
    expect(screenOf(store.getState().status)).toBe('locked');
  });

  it('loads accounts and codes after unlocking, and forgets them when a vault:changed event says locked', async () => {
    const { api, emit } = fakeApi({ state: 'locked', accounts: [view('a', 'GitHub')] });
    const store = createCodesStore(api);
    await store.getState().actions.start();
    await store.getState().actions.unlock('right password');
    await expect.poll(() => store.getState().accounts.length).toBe(1);
    // The list says which rows it renders; their codes are fetched.
    store.getState().actions.showCodesFor(['a']);
    await expect.poll(() => store.getState().codes.a?.code).toBe('123456');
    store.getState().actions.openDialog({ kind: 'settings' });
    emit('vault:changed', { state: 'locked', hasKeychainSlot: false, autoLockMinutes: 5 });
    expect(store.getState().accounts).toEqual([]);
    expect(store.getState().codes).toEqual({});
    expect(store.getState().dialog).toBeNull();
  });

  it('asks main only for the codes of the rows the list renders, and refreshes only those', async () => {
    const accounts = Array.from({ length: 1000 }, (_, i) => view(`id${i}`, `Service ${i}`));
    const { api, calls } = fakeApi({ state: 'locked', accounts });
    const store = createCodesStore(api);
    await store.getState().actions.start();
    await store.getState().actions.unlock('right password');
    await expect.poll(() => store.getState().accounts.length).toBe(1000);
    const codeCalls = () => calls.filter(([c]) => c === 'codes:current').map(([, args]) => args);
    // Nothing rendered yet: no code is asked for.
    expect(codeCalls()).toEqual([]);
    store.getState().actions.showCodesFor(['id0', 'id1', 'id2']);
    await expect.poll(() => Object.keys(store.getState().codes).sort()).toEqual(['id0', 'id1', 'id2']);
    expect(codeCalls().at(-1)).toEqual([['id0', 'id1', 'id2']]);
    // Scrolled: only the rows that appeared are fetched at once; the refresh then covers the
    // rendered rows only and drops the codes of rows scrolled away.
    store.getState().actions.showCodesFor(['id2', 'id3']);
    await expect.poll(() => store.getState().codes.id3?.code).toBe('123456');
    expect(codeCalls().at(-1)).toEqual([['id3']]);
    await store.getState().actions.refreshCodes();
    expect(codeCalls().at(-1)).toEqual([['id2', 'id3']]);
    expect(Object.keys(store.getState().codes).sort()).toEqual(['id2', 'id3']);
    // Locking forgets which rows were shown: after unlocking, no code until the list renders.
    await store.getState().actions.lock();
    await store.getState().actions.unlock('right password');
    await expect.poll(() => store.getState().accounts.length).toBe(1000);
    const before = codeCalls().length;
    await store.getState().actions.refreshCodes();
    expect(codeCalls().length).toBe(before);
    expect(store.getState().codes).toEqual({});
  });

  it('copies through main and says when the clipboard will be cleared', async () => {
    const { api, calls } = fakeApi({ state: 'unlocked', accounts: [view('a', 'GitHub')] });
    const store = createCodesStore(api);
    await store.getState().actions.start();
    await store.getState().actions.copy('a');
    expect(calls.find(([c]) => c === 'codes:copy')?.[1]).toEqual(['a']);
    expect(store.getState().toast?.message).toBe('Copied — clears in 30 s');
  });

  it('reorders among the accounts shown beside it, and saves the whole order', async () => {
    const accounts = [view('a', 'Alpha'), view('b', 'Beta', { favourite: true }), view('c', 'Gamma'), view('d', 'Delta')];
    const { api, accountsNow } = fakeApi({ state: 'unlocked', accounts });
    const store = createCodesStore(api);
    await store.getState().actions.start();
    await expect.poll(() => store.getState().accounts.length).toBe(4);
    const others = visibleSections(store.getState().accounts, '', []).find((s) => s.id === 'accounts')!;
    expect(others.accounts.map((a) => a.id)).toEqual(['a', 'c', 'd']);
    // Moving Gamma up skips the favourite (shown in its own section) and lands before Alpha.
    expect(await store.getState().actions.move('c', -1, ['a', 'c', 'd'])).toBe(true);
    expect(accountsNow().map((a) => a.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(store.getState().accounts.map((a) => a.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(await store.getState().actions.move('d', 1, ['c', 'a', 'd'])).toBe(false);
  });

  it('pins favourites first and filters by search text across issuer, name and tags', () => {
    const accounts = [view('a', 'Alpha', { tags: ['Work'] }), view('b', 'Beta', { favourite: true }), view('c', 'Gamma')];
    expect(visibleSections(accounts, '', []).map((s) => [s.title, s.accounts.map((a) => a.id)])).toEqual([
      ['Favourites', ['b']],
      ['All accounts', ['a', 'c']],
    ]);
    expect(visibleSections(accounts, 'work', []).flatMap((s) => s.accounts.map((a) => a.id))).toEqual(['a']);
    expect(visibleSections(accounts, 'gamma@', []).flatMap((s) => s.accounts.map((a) => a.id))).toEqual(['c']);
    expect(visibleSections(accounts, '', ['work']).flatMap((s) => s.accounts.map((a) => a.id))).toEqual(['a']);
  });

  it('combines tag chips with AND: an account is shown only when it carries every chosen tag', () => {
    const accounts = [view('a', 'Alpha', { tags: ['work', 'bank'] }), view('b', 'Beta', { tags: ['work'] }), view('c', 'Gamma', { tags: ['Bank'] })];
    const ids = (filter: string[]) => visibleSections(accounts, '', filter).flatMap((s) => s.accounts.map((a) => a.id));
    expect(ids(['work'])).toEqual(['a', 'b']);
    expect(ids(['BANK'])).toEqual(['a', 'c']);
    expect(ids(['work', 'bank'])).toEqual(['a']);
    expect(ids([])).toEqual(['a', 'b', 'c']);
    expect(tagFilterSummary(['work', 'bank'])).toBe('Showing accounts tagged “work” and “bank”');
  });

  it('returns the parser error for a bad link and adds nothing', async () => {
    const { api, accountsNow } = fakeApi({ state: 'unlocked', accounts: [] });
    const store = createCodesStore(api);
    await store.getState().actions.start();
    const result = await store.getState().actions.addUri('otpauth://totp/x');
    expect(result).toMatchObject({ ok: false, error: { code: 'missing-secret', field: 'secret' } });
    expect(accountsNow()).toEqual([]);
  });

  it('sends activity to main at most every 15 seconds', async () => {
    let now = 0;
    const { api, calls } = fakeApi({ state: 'unlocked' });
    const store = createCodesStore(api, () => now);
    await store.getState().actions.start();
    store.getState().actions.touch();
    now = 10_000;
    store.getState().actions.touch();
    now = 16_000;
    store.getState().actions.touch();
    expect(calls.filter(([c]) => c === 'vault:touch')).toHaveLength(2);
  });
});
