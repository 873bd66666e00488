import { describe, expect, it } from 'vitest';
import type { Policy } from '../../shared/admin-api';
import type { DesktopApi } from '../../shared/ipc/desktop-api';
import { createAdminStore } from '../../renderer/admin/store/admin-store';

const ID = '6f1c2f0e-3a0b-4d47-9a52-111111111111';
const user = { id: 'u_admin01', username: 'admin', roles: ['server_admin' as const], isServerAdmin: true, permissions: ['users:view' as const, 'users:edit' as const] };
const v1: Policy = { enabled: true, enforcementMode: 'Optional', issuer: 'Acme', version: 1, updatedAt: '2026-01-01T09:00:00Z', updatedBy: null, gracePeriodDays: 0 };
const v2: Policy = { ...v1, enforcementMode: 'Required', version: 2, updatedAt: '2026-01-01T09:05:00Z', updatedBy: 'carol' };

/** A fake preload API: only what the tested actions call; each test gets its own. */
function fakeApi(overrides: Record<string, (...args: unknown[]) => unknown>) {
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  const admin: Record<string, (...args: unknown[]) => unknown> = {
    servers: () => ok([{ id: ID, name: 'Acme', url: 'https://mfa.example.com', signedInAs: null }]),
    health: () => ok({ version: '1.0.0', serverTime: '2026-01-01T09:00:00Z', skewSeconds: 0 }),
    session: () => ok(null),
    myMfa: () => ok({ enrolled: true, enrolledAt: null, pendingEnrollment: false, enforcementMode: 'Optional', canDisable: true, locked: false, lockedUntil: null, lastUsedAt: null }),
    users: () => ok({ items: [], nextCursor: null, summary: { total: 1, enrolled: 1, serverAdminsEnrolled: 1 } }),
    ...overrides,
  };
  return { vault: { status: () => ok({ state: 'unlocked', hasKeychainSlot: false, autoLockMinutes: 5 }) }, admin } as unknown as DesktopApi;
}

describe('admin store', () => {
  it('on 412 reloads the policy and says who changed what', async () => {
    let reads = 0;
    const store = createAdminStore(
      fakeApi({
        session: () => Promise.resolve({ ok: true, value: user }),
        policy: () => Promise.resolve({ ok: true, value: reads++ === 0 ? { policy: v1, etag: '"1"' } : { policy: v2, etag: '"2"' } }),
        updatePolicy: () => Promise.resolve({ ok: false, error: { code: 'precondition-failed', message: 'changed' } }),
      }),
    );
    await store.getState().actions.init();
    expect(store.getState().policy.view?.etag).toBe('"1"');
    expect(await store.getState().actions.savePolicy({ enabled: true, enforcementMode: 'Optional', issuer: 'Acme 2' })).toBe(false);
    const { policy } = store.getState();
    expect(policy.view?.etag).toBe('"2"');
    expect(policy.error).toBe(
      'carol changed the policy at 2026-01-01 09:05 UTC: enforcement Optional → Required. Your edit was not sent; the current policy is shown. Review it and save again if you still want your change.',
    );
  });

  it('a 401 keeps the views on screen, opens "Sign in again" without an error, and closing it leaves them read-only', async () => {
    let policyCalls = 0;
    const store = createAdminStore(
      fakeApi({
        session: () => Promise.resolve({ ok: true, value: user }),
        policy: () => (policyCalls++, Promise.resolve({ ok: false, error: { code: 'unauthenticated', message: 'Your sign-in has ended.' } })),
      }),
    );
    await store.getState().actions.init();
    const state = store.getState();
    expect(state.sessionEnded).toBe(true);
    expect(state.signInOpen).toBe(true);
    expect(state.user?.username).toBe('admin');
    // Nothing was typed into the dialog yet: no error in it; the dialog's own text says what happened.
    expect(state.signIn).toMatchObject({ phase: 'password', username: 'admin', error: null });

    store.getState().actions.dismissSignIn();
    expect(store.getState()).toMatchObject({ sessionEnded: true, signInOpen: false, user: { username: 'admin' } });
    const calls = policyCalls;
    await store.getState().actions.show('policy');
    expect(policyCalls).toBe(calls);
    store.getState().actions.reopenSignIn();
    expect(store.getState().signInOpen).toBe(true);
  });

  it('refuses a code of the wrong length without calling the server', async () => {
    let called = false;
    const store = createAdminStore(fakeApi({ submitCode: () => ((called = true), Promise.resolve({ ok: true, value: user })) }));
    await store.getState().actions.init();
    store.getState().actions.setSignInField('code', '1234567');
    await store.getState().actions.submitCode();
    expect(store.getState().signIn.error).toBe('Enter the 6-digit code from your authenticator (you entered 7 characters).');
    expect(called).toBe(false);
  });

  it('a network failure becomes the banner and the window stays signed in', async () => {
    const api = fakeApi({ users: () => Promise.resolve({ ok: false, error: { code: 'server-unreachable', message: 'mfa.example.com refused the connection.' } }) });
    const store = createAdminStore(api);
    store.setState({ serverId: ID, user });
    await store.getState().actions.show('users');
    expect(store.getState().banner).toBe('mfa.example.com refused the connection.');
    expect(store.getState().users.error).toBeNull();
    expect(store.getState().user).toEqual(user);
    expect(store.getState().view).toBe('users');
  });
});

describe('admin store: audit time range', () => {
  async function storeRecordingAudit() {
    const queries: unknown[] = [];
    const store = createAdminStore(
      fakeApi({
        session: () => Promise.resolve({ ok: true, value: user }),
        policy: () => Promise.resolve({ ok: true, value: { policy: v1, etag: '"1"' } }),
        audit: (_id, query) => {
          queries.push(query);
          return Promise.resolve({ ok: true, value: { items: [], nextCursor: null } });
        },
      }),
    );
    await store.getState().actions.init();
    return { store, queries };
  }

  it('sends the chosen days to the server as from (start of day, inclusive) and to (start of the next day, exclusive)', async () => {
    const { store, queries } = await storeRecordingAudit();
    await store.getState().actions.loadAudit({ from: '2026-01-02' });
    expect(queries.at(-1)).toEqual({ limit: 100, from: '2026-01-02T00:00:00.000Z' });
    await store.getState().actions.loadAudit({ to: '2026-01-31', type: 'mfa-reset' });
    expect(queries.at(-1)).toEqual({ limit: 100, type: 'mfa-reset', from: '2026-01-02T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' });
    await store.getState().actions.loadAudit({ from: '', to: '' });
    expect(queries.at(-1)).toEqual({ limit: 100, type: 'mfa-reset' });
  });

  it('explains a From date after the To date instead of asking the server', async () => {
    const { store, queries } = await storeRecordingAudit();
    const before = queries.length;
    await store.getState().actions.loadAudit({ from: '2026-02-01', to: '2026-01-01' });
    expect(queries.length).toBe(before);
    expect(store.getState().audit).toMatchObject({ from: '2026-02-01', to: '2026-01-01', items: [], error: 'The From date is after the To date. Pick a From date on or before the To date.' });
  });

  it('keeps the answer to the latest filters when an older request answers last', async () => {
    const answers: ((value: unknown) => void)[] = [];
    const event = (id: number) => ({ id, at: '2026-01-02T10:00:00.000Z', type: 'mfa-reset', actorId: null, actorUsername: null, subjectId: null, subjectUsername: null, via: 'api', detail: {} });
    const store = createAdminStore(
      fakeApi({
        session: () => Promise.resolve({ ok: true, value: user }),
        policy: () => Promise.resolve({ ok: true, value: { policy: v1, etag: '"1"' } }),
        audit: () => new Promise((resolve) => answers.push(resolve)),
      }),
    );
    await store.getState().actions.init();
    const older = store.getState().actions.loadAudit({ from: '2026-01-01' });
    const newer = store.getState().actions.loadAudit({ from: '2026-01-02' });
    answers[1]?.({ ok: true, value: { items: [event(2)], nextCursor: null } });
    await newer;
    answers[0]?.({ ok: true, value: { items: [event(1)], nextCursor: null } });
    await older;
    expect(store.getState().audit.items.map((e) => e.id)).toEqual([2]);
  });
});
