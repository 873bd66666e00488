import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { deliverLinksWhileUnlocked, OtpauthInbox } from '../../electron/main/desktop/otpauth-links';
import { createIpcDispatcher, type IpcDispatch } from '../../electron/main/ipc/dispatcher';
import { forwardServiceEvents } from '../../electron/main/ipc/events';
import { createIpcHandlers } from '../../electron/main/ipc/handlers';
import type { QrDecoder } from '../../electron/main/services/scan/qr-types';
import { ConfSettingsStore } from '../../electron/main/services/settings';
import { ScanReviewViewSchema, type ScanReviewView } from '../../shared/ipc/scan-channels';
import { ipcContract } from '../../shared/ipc/contract';
import { FakeClipboard } from '../harness/fakes';

/**
 * otpauth:// links opened with the app (ScanService.receiveLink, as desktop/shell.ts calls it):
 * their review reaches the window as 'scan:review-ready', without the secret, and stays
 * confirmable while the user is busy with a scan of their own.
 */
const PASSWORD = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXP';
const GITHUB = `otpauth://totp/GitHub:alice@example.com?secret=${SECRET}&issuer=GitHub`;
const GITLAB = 'otpauth://totp/GitLab:alice?secret=KRSXG5CTMVRXEZLU&issuer=GitLab&digits=8';

/** Links need no decoding; a decoder call would be a bug here. */
const noDecoder: QrDecoder = {
  decode: () => Promise.reject(new Error('decoder used for a link')),
  decodeTransfer: () => Promise.reject(new Error('decoder used for a link')),
  decodeEncoded: () => Promise.reject(new Error('decoder used for a link')),
  close: async () => {},
};

let dir: string;
let services: AppServices;
let dispatch: IpcDispatch;
let events: Array<{ event: string; payload: unknown }>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-link-'));
  services = await createAppServices({ dataDir: dir, settings: new ConfSettingsStore({ dir }), clipboard: new FakeClipboard(), scan: { decoder: noDecoder } });
  await services.vault.create(PASSWORD);
  dispatch = createIpcDispatcher(ipcContract, createIpcHandlers(services), { report: () => {} });
  events = [];
  forwardServiceEvents(services, (event, payload) => events.push({ event, payload }));
});

afterEach(async () => {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

function reviews(): ScanReviewView[] {
  return events.filter((e) => e.event === 'scan:review-ready').map((e) => ScanReviewViewSchema.parse(e.payload));
}

async function labels(): Promise<string[]> {
  return services.vault.accounts().map((a) => `${a.issuer}:${a.name}`);
}

describe('a link opened with the app', () => {
  it("sends the window a review of the account, without its secret, and 'scan:confirm' adds it", async () => {
    const returned = services.scan.receiveLink(GITHUB);
    const [review] = reviews();
    expect(review).toEqual(returned);
    expect(review?.candidates).toEqual([
      expect.objectContaining({ issuer: 'GitHub', name: 'alice@example.com', type: 'totp', digits: 6, period: 30, duplicate: false, source: 'an opened link' }),
    ]);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(await dispatch('scan:confirm', [[review!.candidates[0]!.key]])).toMatchObject({ ok: true, value: [{ issuer: 'GitHub' }] });
    expect(await labels()).toEqual(['GitHub:alice@example.com']);
  });

  it('flags an account the vault already holds', async () => {
    services.scan.receiveLink(GITHUB);
    await dispatch('scan:confirm', [[reviews()[0]!.candidates[0]!.key]]);
    services.scan.receiveLink(GITHUB);
    expect(reviews()[1]?.candidates[0]).toMatchObject({ issuer: 'GitHub', duplicate: true });
  });

  it('explains a broken link and offers nothing to add', () => {
    services.scan.receiveLink('otpauth://totp/Broken?secret=not-base32!');
    const [review] = reviews();
    expect(review?.candidates).toEqual([]);
    expect(review?.notices).toEqual([expect.objectContaining({ kind: 'invalid-code', message: expect.stringMatching(/not base32/) })]);
  });

  it('neither replaces the scan on screen nor is replaced by it: both can be confirmed, in either order', async () => {
    const scanned = services.scan.submitPayloads([GITLAB]);
    if (scanned.status !== 'done') throw new Error('expected a review');
    const linked = services.scan.receiveLink(GITHUB);
    expect(await dispatch('scan:confirm', [[scanned.review.candidates[0]!.key]])).toMatchObject({ ok: true });
    // The scan dialog closes (it always discards on close); the queued link review stays.
    expect(await dispatch('scan:discard', [])).toEqual({ ok: true, value: null });
    services.scan.submitPayloads([GITLAB]);
    expect(await dispatch('scan:confirm', [[linked.candidates[0]!.key]])).toMatchObject({ ok: true, value: [{ issuer: 'GitHub' }] });
    expect((await labels()).sort()).toEqual(['GitHub:alice@example.com', 'GitLab:alice']);
  });

  it("is forgotten when its dialog closes ('scan:discard' with its keys) and when the vault locks", async () => {
    const first = services.scan.receiveLink(GITHUB);
    expect(await dispatch('scan:discard', [[first.candidates[0]!.key]])).toEqual({ ok: true, value: null });
    expect(await dispatch('scan:confirm', [[first.candidates[0]!.key]])).toMatchObject({ ok: false, error: { code: 'nothing-pending' } });

    const second = services.scan.receiveLink(GITHUB);
    services.vault.lock();
    await services.vault.unlock(PASSWORD);
    expect(await dispatch('scan:confirm', [[second.candidates[0]!.key]])).toMatchObject({ ok: false, error: { code: 'nothing-pending' } });
    expect(await labels()).toEqual([]);
  });

  it("keeps the reviews still waiting for a window that opens later ('scan:link-reviews'), until each is settled", async () => {
    const github = services.scan.receiveLink(GITHUB);
    services.scan.receiveLink('otpauth://totp/Broken?secret=not-base32!');
    const gitlab = services.scan.receiveLink(GITLAB);
    expect(await dispatch('scan:link-reviews', [])).toEqual({ ok: true, value: [github, gitlab] });
    await dispatch('scan:confirm', [[github.candidates[0]!.key]]);
    expect(await dispatch('scan:link-reviews', [])).toEqual({ ok: true, value: [gitlab] });
    await dispatch('scan:discard', [[gitlab.candidates[0]!.key]]);
    expect(await dispatch('scan:link-reviews', [])).toEqual({ ok: true, value: [] });
    services.scan.receiveLink(GITHUB);
    services.vault.lock();
    expect(services.scan.waitingLinkReviews()).toEqual([]);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const seen: ScanReviewView[] = [];
    const off = services.scan.onExternalReview((review) => seen.push(review));
    services.scan.receiveLink(GITHUB);
    off();
    services.scan.receiveLink(GITLAB);
    expect(seen.map((r) => r.candidates[0]?.issuer)).toEqual(['GitHub']);
  });
});

describe('links that arrive while the vault is locked (the shell\'s inbox)', () => {
  it('wait, then reach the window in order right after the unlock, and wait again after the next lock', async () => {
    const inbox = new OtpauthInbox();
    const shown: string[] = [];
    const isLocked = () => services.vault.status().state !== 'unlocked';
    const follow = deliverLinksWhileUnlocked(inbox, isLocked, (uri) => {
      services.scan.receiveLink(uri);
      shown.push('window');
    });
    services.vault.onChange(follow);
    services.vault.lock();
    follow();
    inbox.push(GITHUB);
    inbox.push(GITLAB);
    expect(reviews()).toEqual([]);
    expect(inbox.size).toBe(2);

    await services.vault.unlock(PASSWORD);
    expect(reviews().map((r) => r.candidates[0]?.issuer)).toEqual(['GitHub', 'GitLab']);
    expect(shown).toEqual(['window', 'window']);
    // Both stay confirmable (the window shows them one after the other).
    expect(await dispatch('scan:confirm', [[reviews()[0]!.candidates[0]!.key]])).toMatchObject({ ok: true });
    expect(await dispatch('scan:confirm', [[reviews()[1]!.candidates[0]!.key]])).toMatchObject({ ok: true });

    services.vault.lock();
    inbox.push(GITHUB);
    expect(reviews()).toHaveLength(2);
    expect(inbox.size).toBe(1);
  });
});
