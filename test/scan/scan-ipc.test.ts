import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcDispatcher } from '../../electron/main/ipc/dispatcher';
import { createScanHandlers } from '../../electron/main/ipc/handlers/scan';
import { ScanService } from '../../electron/main/services/scan/scan-service';
import { WorkerQrDecoder } from '../../electron/main/services/scan/worker-qr-decoder';
import { VaultService } from '../../electron/main/services/vault';
import { scanChannels } from '../../shared/ipc/scan-channels';

/** The scan area through the real IPC dispatcher: argument validation, typed errors, no secrets out. */
const SECRET = 'KRSXG5CTMVRXEZLU';
const URI = `otpauth://totp/Proton:carol?secret=${SECRET}&issuer=Proton`;
const decoder = new WorkerQrDecoder();
let dir: string;
let vault: VaultService;
let dispatch: ReturnType<typeof createIpcDispatcher>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twofold-scan-ipc-'));
  vault = await VaultService.open({ path: join(dir, 'vault.json'), autoLockMinutes: 0 });
  await vault.create('correct horse battery');
  dispatch = createIpcDispatcher(scanChannels, createScanHandlers({ scan: new ScanService({ decoder, vault }) }), { report: () => {} });
});
afterAll(async () => {
  await vault.close();
  await decoder.close();
  await rm(dir, { recursive: true, force: true });
});

describe('scan IPC', () => {
  it('reviews camera payloads without sending the secret back, then adds the confirmed account', async () => {
    const reply = await dispatch('scan:payloads', [[URI]]);
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    expect(reply).toMatchObject({ ok: true, value: { status: 'done', review: { candidates: [{ issuer: 'Proton', name: 'carol', duplicate: false }] } } });
    const key = (reply as { value: { review: { candidates: { key: string }[] } } }).value.review.candidates[0]!.key;
    const added = await dispatch('scan:confirm', [[key]]);
    expect(added).toMatchObject({ ok: true, value: [{ issuer: 'Proton', otp: { type: 'totp' } }] });
    expect(JSON.stringify(added)).not.toContain(SECRET);

    const again = await dispatch('scan:payloads', [[URI]]);
    expect(again).toMatchObject({ ok: true, value: { review: { candidates: [{ duplicate: true }] } } });
  });

  it('refuses malformed arguments with a bad-request naming them', async () => {
    expect(await dispatch('scan:payloads', [[]])).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'payloads' } });
    expect(await dispatch('scan:image', ['not bytes', 'x.png'])).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'bytes' } });
  });

  it('turns bad images into typed errors and capture without a port into a clear one', async () => {
    expect(await dispatch('scan:image', [new Uint8Array([1, 2, 3]), 'x.png'])).toMatchObject({ ok: false, error: { code: 'unsupported-image' } });
    expect(await dispatch('scan:screen', [])).toMatchObject({ ok: false, error: { code: 'capture-failed' } });
    expect(await dispatch('scan:discard', [])).toEqual({ ok: true, value: null });
  });
});
