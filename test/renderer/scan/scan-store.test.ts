import { describe, expect, it } from 'vitest';
import type { ScanOutcome, ScanReviewView } from '../../../shared/ipc/scan-channels';
import { err, ok, type Result } from '../../../shared/result';
import { createScanStore, type ScanApi } from '../../../renderer/codes/scan/scan-store';

/** The scan dialog's store against a scripted API: what it ticks, shows and sends. */
const candidate = (key: string, duplicate = false) => ({
  key,
  issuer: `Issuer ${key}`,
  name: 'me',
  type: 'totp' as const,
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  counter: null,
  duplicate,
  source: 'Display 1',
});
const review = (candidates: ReturnType<typeof candidate>[]): ScanReviewView => ({ codesFound: candidates.length, candidates, notices: [], migration: null });

function fakeApi(screen: Result<ScanOutcome>) {
  const calls: unknown[][] = [];
  const api = {
    screen: async () => screen,
    openFile: async () => ok({ status: 'cancelled', message: 'Scan cancelled: no file was chosen.' } as ScanOutcome),
    image: async () => err({ code: 'unsupported-image', message: 'x.txt is not a PNG, JPEG, WebP, BMP or GIF image.' }),
    clipboard: async () => screen,
    payloads: async (p: string[]) => (calls.push(['payloads', p]), screen),
    confirm: async (keys: string[]) => (calls.push(['confirm', keys]), ok(keys.map((k) => ({ id: k }))) as never),
    discard: async (linkKeys?: string[]) => (calls.push(['discard', linkKeys]), ok(null)),
  } as unknown as ScanApi;
  return { api, calls };
}

describe('scan store', () => {
  it('ticks new accounts, leaves duplicates unticked, and confirms only the ticked keys', async () => {
    const { api, calls } = fakeApi(ok({ status: 'done', review: review([candidate('a'), candidate('b', true), candidate('c')]) }));
    const store = createScanStore(api);
    await store.getState().actions.scanScreen();
    expect(store.getState().selected).toEqual(['a', 'c']);
    store.getState().actions.toggle('c');
    store.getState().actions.toggle('b');
    expect(await store.getState().actions.confirm()).toHaveLength(2);
    expect(calls).toContainEqual(['confirm', ['a', 'b']]);
    expect(store.getState().review).toBeNull();
  });

  it('shows a cancelled scan as a note and a failure as an error, keeping the window usable', async () => {
    const { api } = fakeApi(ok({ status: 'done', review: review([]) }));
    const store = createScanStore(api);
    await store.getState().actions.openFile();
    expect(store.getState()).toMatchObject({ busy: null, error: null, info: 'Scan cancelled: no file was chosen.' });
    await store.getState().actions.scanImage(new Uint8Array([1]), 'x.txt');
    expect(store.getState()).toMatchObject({ busy: null, error: expect.stringContaining('not a PNG') });
  });

  it('discard tells main to forget the pending accounts', async () => {
    const { api, calls } = fakeApi(ok({ status: 'done', review: review([candidate('a')]) }));
    const store = createScanStore(api);
    await store.getState().actions.submitPayloads(['otpauth://totp/x?secret=AAAA']);
    await store.getState().actions.discard();
    expect(calls.map((c) => c[0])).toEqual(['payloads', 'discard']);
    expect(store.getState().review).toBeNull();
  });

  it('opens on the review of a link opened with the app, and names its keys when discarded', async () => {
    const { api, calls } = fakeApi(ok({ status: 'cancelled', message: '' }));
    const store = createScanStore(api, review([candidate('link-1'), candidate('link-2', true)]));
    expect(store.getState()).toMatchObject({ busy: null, selected: ['link-1'], review: { candidates: [{ key: 'link-1' }, { key: 'link-2' }] } });
    await store.getState().actions.discard();
    expect(calls).toEqual([['discard', ['link-1', 'link-2']]]);
  });
});
