import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcDispatcher } from '../../electron/main/ipc/dispatcher';
import { createImportExportHandlers } from '../../electron/main/ipc/handlers/import-export';
import { createImportExportService } from '../../electron/main/services/import-export';
import { importChannels } from '../../shared/ipc/import-channels';
import { peer } from './import-support';
import { VAULT_PASSWORD, makeKit } from './service-kit';

/** The import/export IPC area through the app's own dispatcher: validation, error mapping, no secrets out. */
let kit: Awaited<ReturnType<typeof makeKit>>;
let call: ReturnType<typeof createIpcDispatcher>;
beforeAll(async () => {
  kit = await makeKit();
  call = createIpcDispatcher(importChannels, createImportExportHandlers({ importExport: kit.service }), { report: () => {} });
});
afterAll(() => kit.cleanup());

describe('import/export over IPC', () => {
  it('a dropped encrypted file asks for its password, previews without secrets, then imports', async () => {
    const first = await call('import:file-bytes', [peer('aegis_encrypted.json'), 'aegis_encrypted.json']);
    expect(first).toMatchObject({ ok: true, value: { status: 'needs-password', format: 'aegis' } });
    const token = (first as { value: { token: string } }).value.token;
    const wrong = await call('import:password', [token, 'nope']);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    const ready = await call('import:password', [token, 'test']);
    expect(ready).toMatchObject({ ok: true, value: { status: 'ready', preview: { format: 'aegis' } } });
    expect(JSON.stringify(ready)).not.toMatch(/4SJHB4GSD43FZBAI7C2HLRJGPQ|secret/);
    expect(await call('import:confirm', [token, [0, 1, 2, 3, 4, 5, 6]])).toEqual({ ok: true, value: { added: 7, duplicates: 0, skipped: 0, notChosen: 0 } });
  });

  it('an import error reaches the renderer with its code, message and the entry as field', async () => {
    const json = JSON.parse(new TextDecoder().decode(peer('aegis_plain.json')));
    json.db.entries[1].info.digits = 'seven';
    const result = await call('import:file-bytes', [new TextEncoder().encode(JSON.stringify(json)), 'backup.json']);
    expect(result).toEqual({ ok: false, error: { code: 'invalid-entry', message: expect.stringMatching(/^backup\.json: Entry 2 \(SPDX: James\)/), field: 'entry 2 (SPDX: James)' } });
  });

  it('refuses malformed arguments before any handler runs', async () => {
    expect(await call('import:file-bytes', ['not bytes', 'x'])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('export:uris', [false])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('export:account-qr', ['not-a-uuid', VAULT_PASSWORD])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('the QR code crosses only after the vault password', async () => {
    const id = kit.vault.accounts()[0]!.id;
    expect(await call('export:account-qr', [id, 'wrong password'])).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(await call('export:account-qr', [id, VAULT_PASSWORD])).toMatchObject({ ok: true, value: { dataUrl: expect.stringMatching(/^data:image\/png;base64,/) } });
  });

  it('a cancelled save dialog is a cancelled outcome, not an error', async () => {
    expect(await call('export:aegis', [VAULT_PASSWORD, 'export password'])).toEqual({ ok: true, value: { status: 'cancelled' } });
  });

  it('without a dialog port (a harness), opening or saving is a clear typed error, not an internal one', async () => {
    const bare = createIpcDispatcher(importChannels, createImportExportHandlers({ importExport: createImportExportService(kit.vault, { gate: kit.gate, confirm: { confirm: async () => true } }) }), { report: () => {} });
    expect(await bare('import:open-file', [])).toMatchObject({ ok: false, error: { code: 'unreadable-file', message: expect.stringMatching(/drop the export file/) } });
    expect(await bare('export:uris', [VAULT_PASSWORD])).toMatchObject({ ok: false, error: { code: 'write-failed' } });
  });
});
