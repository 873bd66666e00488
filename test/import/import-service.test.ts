import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readImportFile } from '../../shared/import';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { SEVEN, peer, summary } from './import-support';
import { VAULT_PASSWORD, makeKit } from './service-kit';

const enc = new TextEncoder();
const text = (file: string) => new TextDecoder().decode(peer(file));

// One vault for the file (creating one costs a full scrypt); each test starts from an empty vault.
let kit: Awaited<ReturnType<typeof makeKit>>;
beforeAll(async () => {
  kit = await makeKit();
});
afterAll(async () => {
  await kit.cleanup();
});
beforeEach(async () => {
  kit.service.cancel();
  kit.dialogs.answers = [];
  kit.dialogs.asked.length = 0;
  kit.confirm.shown.length = 0;
  for (const account of kit.vault.accounts()) await kit.vault.removeAccount(account.id);
  const { readdir, rm } = await import('node:fs/promises');
  for (const name of await readdir(kit.dir)) if (!name.startsWith('vault')) await rm(path.join(kit.dir, name), { force: true });
});

/** Runs a failing preview and checks that the vault, on disk and in memory, did not change. */
async function expectRejectedUnchanged(run: () => Promise<unknown>, expected: Record<string, unknown>) {
  const before = await kit.vaultBytes();
  const accountsBefore = kit.vault.accounts().length;
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject(expected);
  expect((await kit.vaultBytes()).equals(before)).toBe(true);
  expect(kit.vault.accounts()).toHaveLength(accountsBefore);
  return error as Error & { code: string; file?: string; entry?: string };
}

describe('import through the service: preview, then all or nothing', () => {
  it('previews what will be added, then adds every account in one step', async () => {
    const outcome = await kit.service.previewFromBytes('aegis_plain.json', peer('aegis_plain.json'));
    expect(outcome.status).toBe('ready');
    if (outcome.status !== 'ready') return;
    expect(outcome.preview.toAdd).toHaveLength(7);
    expect(JSON.stringify(outcome.preview)).not.toContain('4SJHB4GSD43FZBAI7C2HLRJGPQ');
    expect(kit.vault.accounts()).toHaveLength(0);
    const done = await kit.service.confirm(outcome.token);
    expect(done).toEqual({ added: 7, duplicates: 0, skipped: 0, notChosen: 0 });
    expect(kit.vault.accounts().map(summary)).toEqual(SEVEN);
  });

  it('flags duplicates of existing accounts and does not add them again', async () => {
    const first = await kit.service.previewFromBytes('aegis_plain.json', peer('aegis_plain.json'));
    await kit.service.confirm(first.token);
    const second = await kit.service.previewFromBytes('otpauth_uri_list.txt', peer('otpauth_uri_list.txt'));
    if (second.status !== 'ready') throw new Error('expected a preview');
    expect(second.preview.toAdd).toHaveLength(0);
    expect(second.preview.duplicates.map((d) => d.issuer)).toEqual(['Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE', 'Boeing']);
    expect(await kit.service.confirm(second.token)).toEqual({ added: 0, duplicates: 7, skipped: 0, notChosen: 0 });
    expect(kit.vault.accounts()).toHaveLength(7);
  });

  it('lists an unsupported entry (mOTP) with its reason and imports the rest', async () => {
    const json = JSON.parse(text('aegis_plain.json'));
    json.db.entries[2].type = 'motp';
    const outcome = await kit.service.previewFromBytes('with-motp.json', enc.encode(JSON.stringify(json)));
    if (outcome.status !== 'ready') throw new Error('expected a preview');
    expect(outcome.preview.toAdd).toHaveLength(6);
    expect(outcome.preview.skipped).toEqual([{ entry: 'entry 3 (Airbnb: Elijah)', reason: expect.stringContaining('mOTP') }]);
  });

  it('asks for the password of an encrypted file, keeps it waiting after a wrong one, then imports', async () => {
    const outcome = await kit.service.previewFromBytes('aegis_encrypted.json', peer('aegis_encrypted.json'));
    expect(outcome).toMatchObject({ status: 'needs-password', format: 'aegis', file: 'aegis_encrypted.json' });
    const wrong = await expectRejectedUnchanged(() => kit.service.supplyPassword(outcome.token, 'nope'), { code: 'wrong-password', file: 'aegis_encrypted.json' });
    expect(wrong.message).toMatch(/^aegis_encrypted\.json: Wrong password/);
    const ready = await kit.service.supplyPassword(outcome.token, 'test');
    expect(ready.status).toBe('ready');
    expect((await kit.service.confirm(ready.token)).added).toBe(7);
  });

  it('adds nothing when the vault refuses the save (locked before confirming)', async () => {
    const outcome = await kit.service.previewFromBytes('aegis_plain.json', peer('aegis_plain.json'));
    const before = await kit.vaultBytes();
    kit.vault.lock();
    await expect(kit.service.confirm(outcome.token)).rejects.toMatchObject({ code: 'vault-locked' });
    await kit.vault.unlock(VAULT_PASSWORD);
    expect(kit.vault.accounts()).toHaveLength(0);
    expect((await kit.vaultBytes()).equals(before)).toBe(true);
  });

  it('reads the file chosen in the open dialog; a cancelled dialog does nothing', async () => {
    const file = path.join(kit.dir, 'links.txt');
    await writeFile(file, peer('otpauth_uri_list.txt'));
    kit.dialogs.answers = [null, file];
    expect(await kit.service.previewFromDialog()).toBeNull();
    const outcome = await kit.service.previewFromDialog();
    expect(outcome).toMatchObject({ status: 'ready', file: 'links.txt' });
  });
});

describe('bad files: a clear error naming the file (and the entry), the vault unchanged', () => {
  it('wrong password, Aegis and 2FAS', async () => {
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('a.json', peer('aegis_encrypted.json'), 'wrong'), { code: 'wrong-password', file: 'a.json' });
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('b.2fas', peer('2fas_encrypted_v4.2fas'), 'wrong'), { code: 'wrong-password', file: 'b.2fas' });
  });

  it('truncated files', async () => {
    const plain = peer('aegis_plain.json');
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('cut.json', plain.subarray(0, plain.length / 2)), { code: 'file-damaged', file: 'cut.json' });
    const json = JSON.parse(text('aegis_encrypted.json'));
    json.db = json.db.slice(0, 400);
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('cut-db.json', enc.encode(JSON.stringify(json)), 'test'), { code: 'file-damaged', file: 'cut-db.json' });
  });

  it('corrupted ciphertext: the password is right, the content does not authenticate', async () => {
    const json = JSON.parse(text('aegis_encrypted.json'));
    json.db = `${json.db.slice(0, 100)}${json.db[100] === 'A' ? 'B' : 'A'}${json.db.slice(101)}`;
    const error = await expectRejectedUnchanged(() => kit.service.previewFromBytes('flipped.json', enc.encode(JSON.stringify(json)), 'test'), { code: 'file-damaged' });
    expect(error.message).toContain('flipped.json');
    const twoFas = JSON.parse(text('2fas_encrypted_v4.2fas'));
    const [body, salt, iv] = twoFas.servicesEncrypted.split(':');
    twoFas.servicesEncrypted = `${body.slice(0, 50)}${body[50] === 'A' ? 'B' : 'A'}${body.slice(51)}:${salt}:${iv}`;
    // The reference still decrypts, so 2FAS damage is not mistaken for a wrong password.
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('flipped.2fas', enc.encode(JSON.stringify(twoFas)), 'test'), { code: 'file-damaged', file: 'flipped.2fas' });
  });

  it('a 100 MB file is refused without being read whole', async () => {
    const big = path.join(kit.dir, 'huge.json');
    await writeFile(big, Buffer.alloc(100 * 1024 * 1024, 0x20));
    const started = performance.now();
    const error = await expectRejectedUnchanged(() => kit.service.previewFromPath(big), { code: 'too-large', file: 'huge.json' });
    expect(error.message).toMatch(/100\.0 MB/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('deeply nested JSON, at the top and inside a valid Aegis file', async () => {
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('deep.json', enc.encode('['.repeat(1_000_000))), { code: 'too-deeply-nested', file: 'deep.json' });
    const json = JSON.parse(text('aegis_plain.json'));
    const valid = JSON.stringify(json).replace('"note":', '"x":');
    const nested = valid.replace('"icon":null', `"icon":${'['.repeat(5000)}${']'.repeat(5000)}`);
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('deep-aegis.json', enc.encode(nested)), { code: 'too-deeply-nested' });
  });

  it('wrong-format files', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80]);
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('photo.png', png), { code: 'unsupported-format', file: 'photo.png' });
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('other.json', enc.encode('{"accounts": []}')), { code: 'unsupported-format' });
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('sheet.csv', enc.encode('name,secret\nx,JBSWY3DPEHPK3PXP\n')), { code: 'unsupported-format' });
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('x.json', peer('aegis_plain.json'), undefined, 'two-fas'), { code: 'unsupported-format' });
  });

  it('empty files', async () => {
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('empty.txt', new Uint8Array()), { code: 'empty-file', file: 'empty.txt' });
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('blank.txt', enc.encode('  \n\r\n ')), { code: 'empty-file' });
  });

  it('a valid Aegis file with one bad entry names the file and the entry', async () => {
    const json = JSON.parse(text('aegis_plain.json'));
    json.db.entries[3].info.secret = 'THIS IS NOT BASE32 0189';
    const error = await expectRejectedUnchanged(() => kit.service.previewFromBytes('backup.json', enc.encode(JSON.stringify(json))), {
      code: 'invalid-entry',
      file: 'backup.json',
      entry: 'entry 4 (Issuu: James)',
    });
    expect(error.message).toMatch(/^backup\.json: Entry 4 \(Issuu: James\) is damaged: its key is not valid base32/);
    expect(error.message).not.toContain('THIS IS NOT');
  });

  it('a URI list with one bad line names the line', async () => {
    const lines = text('otpauth_uri_list.txt').split('\n');
    lines[2] = lines[2]!.replace('period=50', 'period=-5');
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('list.txt', enc.encode(lines.join('\n'))), { code: 'invalid-entry', file: 'list.txt', entry: 'line 3' });
  });

  it('a bad 2FAS service after a good password names the service', async () => {
    const json = JSON.parse(text('2fas_plain_v4.2fas'));
    json.services[1].otp.counter = -1;
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('x.2fas', enc.encode(JSON.stringify(json))), { code: 'invalid-entry', entry: 'entry 2 (Issuu: James)' });
  });

  it('a newer Aegis or 2FAS version is refused with what to do', async () => {
    const json = JSON.parse(text('aegis_plain.json'));
    json.db.version = 4;
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('new.json', enc.encode(JSON.stringify(json))), { code: 'unsupported-version' });
    const twoFas = JSON.parse(text('2fas_plain_v4.2fas'));
    twoFas.schemaVersion = 5;
    await expectRejectedUnchanged(() => kit.service.previewFromBytes('new.2fas', enc.encode(JSON.stringify(twoFas))), { code: 'unsupported-version' });
  });
});

describe('export goes through the save dialog and nowhere else', () => {
  async function seed() {
    const outcome = await kit.service.previewFromBytes('aegis_plain_grouped_v2.json', peer('aegis_plain_grouped_v2.json'));
    await kit.service.confirm(outcome.token);
  }

  it('a cancelled save dialog writes nothing', async () => {
    await seed();
    const before = await kit.files();
    expect(await kit.service.exportAegis(VAULT_PASSWORD, 'export password')).toBeNull();
    kit.confirm.answer(true);
    expect(await kit.service.exportUris(VAULT_PASSWORD)).toBeNull();
    expect(await kit.files()).toEqual(before);
  });

  it('the Aegis export is written to the chosen path only, and imports back to the vault\'s accounts', async () => {
    await seed();
    const target = path.join(kit.dir, 'backup.json');
    kit.dialogs.answers = [target];
    const before = await kit.files();
    expect(await kit.service.exportAegis(VAULT_PASSWORD, 'export password')).toEqual({ path: target, accounts: 7 });
    expect((await kit.files()).sort()).toEqual([...before, 'backup.json'].sort());
    expect(kit.dialogs.asked[0]).toMatch(/^save:twofold-aegis-export-\d{4}-\d{2}-\d{2}\.json$/);
    const { readFile, stat } = await import('node:fs/promises');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    const back = await readImportFile({ file: 'backup.json', bytes: await readFile(target), password: 'export password' }, nodeImportCrypto);
    const core = (a: { issuer: string; name: string; otp: unknown; tags: string[]; favourite: boolean; note: string }) => ({ issuer: a.issuer, name: a.name, otp: a.otp, tags: a.tags, favourite: a.favourite, note: a.note });
    expect(back.accounts.map(core)).toEqual(kit.vault.accounts().map(core));
  });

  it('the URI export needs the vault password and the native warning confirmed, and writes one link per account', async () => {
    await seed();
    const target = path.join(kit.dir, 'links.txt');
    await expect(kit.service.exportUris('wrong password')).rejects.toMatchObject({ code: 'wrong-password', field: 'vaultPassword' });
    expect(kit.confirm.shown).toHaveLength(0);
    kit.confirm.answer(false);
    expect(await kit.service.exportUris(VAULT_PASSWORD)).toBeNull();
    expect(kit.confirm.shown[0]?.confirmLabel).toBe('Export unencrypted');
    expect(kit.dialogs.asked).toHaveLength(0);
    kit.dialogs.answers = [target];
    kit.confirm.answer(true);
    await kit.service.exportUris(VAULT_PASSWORD);
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(target, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^otpauth:\/\/totp\/Deno:Mason\?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ/);
  });

  it('the QR code of one account is shown only after the vault password, and scans to the account', async () => {
    await seed();
    const account = kit.vault.accounts()[1]!;
    await expect(kit.service.accountQr(account.id, 'not my password')).rejects.toMatchObject({ code: 'wrong-password' });
    const dataUrl = await kit.service.accountQr(account.id, VAULT_PASSWORD);
    expect(dataUrl).toMatch(/^data:image\/png;base64,/);
    const png = path.join(kit.dir, 'qr.png');
    await writeFile(png, Buffer.from(dataUrl.split(',')[1]!, 'base64'));
    const scanned = execFileSync('zbarimg', ['--quiet', '--raw', png], { encoding: 'utf8' }).trim();
    expect(scanned).toBe('otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20');
  });
});
