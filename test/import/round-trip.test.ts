import { createDecipheriv, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { exportAegisEncrypted, exportUriList } from '../../shared/export';
import { readImportFile } from '../../shared/import';
import type { AccountDraft } from '../../shared/otp/account';
import { draft, peer } from './import-support';

const PASSWORD = 'correct horse battery';
const enc = new TextEncoder();

/** Accounts that exercise every field an export must carry. */
const ACCOUNTS: AccountDraft[] = [
  draft('Deno', 'Mason', '4SJHB4GSD43FZBAI7C2HLRJGPQ', { tags: ['Work'], favourite: true, note: 'recovery codes in the safe' }),
  draft('SPDX', 'James', '5OM4WOOGPLQEF6UGN3CPEOOLWU', { otp: { type: 'totp', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', algorithm: 'SHA256', digits: 7, period: 20 }, tags: ['Work'] }),
  draft('Airbnb', 'Elijah', '7ELGJSGXNCCTV3O6LKJWYFV2RA', { otp: { type: 'totp', secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA', algorithm: 'SHA512', digits: 8, period: 50 }, tags: ['Home'] }),
  draft('Issuu', 'James', 'YOOMIXWS5GN6RTBPUFFWKTW5M4', { otp: { type: 'hotp', secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', algorithm: 'SHA1', digits: 6, counter: 1 } }),
  draft('WWE', 'Mason', '5VAML3X35THCEBVRLV24CGBKOY', { otp: { type: 'hotp', secret: '5VAML3X35THCEBVRLV24CGBKOY', algorithm: 'SHA512', digits: 8, counter: 10300 } }),
  draft('Boeing', 'Sophia', 'JRZCL47CMXVOQMNPZR2F7J4RGI', { otp: { type: 'steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30 } }),
  draft('Ünïcødé & Co: "quoted"', 'a/b?c#d %20 @x', 'JBSWY3DPEHPK3PXP', { note: 'line 1\nline 2' }),
  draft('', 'no issuer: has a colon', 'JBSWY3DPEHPK3PXQ'),
];

describe('round trips: export, import again, nothing lost or changed', () => {
  it('Aegis encrypted export → import gives back every field, groups, favourites and notes included', async () => {
    const text = await exportAegisEncrypted(ACCOUNTS, PASSWORD, nodeImportCrypto);
    const result = await readImportFile({ file: 'export.json', bytes: enc.encode(text), password: PASSWORD }, nodeImportCrypto);
    expect(result.format).toBe('aegis');
    expect(result.encrypted).toBe(true);
    expect(result.accounts).toEqual(ACCOUNTS);
    expect(result.skipped).toEqual([]);
  });

  it('the Aegis export has the structure of Aegis\'s own encrypted vault, so Aegis can open it', async () => {
    // Parsed JSON, read by shape in assertions below.
    type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const ours = JSON.parse(await exportAegisEncrypted(ACCOUNTS, PASSWORD, nodeImportCrypto)) as Json;
    const aegis = JSON.parse(new TextDecoder().decode(peer('aegis_encrypted.json'))) as Json;
    const keysOf = (o: Record<string, unknown>) => Object.keys(o).sort();
    expect(keysOf(ours)).toEqual(keysOf(aegis));
    expect(ours.version).toBe(1);
    expect(keysOf(ours.header)).toEqual(keysOf(aegis.header));
    expect(keysOf(ours.header.params)).toEqual(keysOf(aegis.header.params));
    const [slot] = ours.header.slots;
    for (const key of keysOf(aegis.header.slots[0])) expect(slot).toHaveProperty(key);
    expect(slot).toMatchObject({ type: 1, n: 32768, r: 8, p: 1, repaired: true });
    expect(slot.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(slot.key).toMatch(/^[0-9a-f]{64}$/);
    expect(slot.key_params.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect(slot.key_params.tag).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof ours.db).toBe('string');

    // Decrypt independently of our import code, the way Aegis's docs/decrypt.py does.
    const kek = scryptSync(PASSWORD, Buffer.from(slot.salt, 'hex'), 32, { N: slot.n, r: slot.r, p: slot.p, maxmem: 64 * 1024 * 1024 });
    const unwrap = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.key_params.nonce, 'hex'));
    unwrap.setAuthTag(Buffer.from(slot.key_params.tag, 'hex'));
    const masterKey = Buffer.concat([unwrap.update(Buffer.from(slot.key, 'hex')), unwrap.final()]);
    const open = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(ours.header.params.nonce, 'hex'));
    open.setAuthTag(Buffer.from(ours.header.params.tag, 'hex'));
    const content = JSON.parse(Buffer.concat([open.update(Buffer.from(ours.db, 'base64')), open.final()]).toString('utf8'));
    expect(content.version).toBe(3);
    expect(content.groups.map((g: { name: string }) => g.name)).toEqual(['Work', 'Home']);
    expect(content.entries[0]).toMatchObject({ type: 'totp', name: 'Mason', issuer: 'Deno', favorite: true, note: 'recovery codes in the safe', info: { secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algo: 'SHA1', digits: 6, period: 30 } });
    expect(content.entries[0].groups).toEqual([content.groups[0].uuid]);
    expect(content.entries[4].info).toEqual({ secret: '5VAML3X35THCEBVRLV24CGBKOY', algo: 'SHA512', digits: 8, counter: 10300 });
    expect(content.entries[5]).toMatchObject({ type: 'steam', info: { algo: 'SHA1', digits: 5, period: 30 } });
  });

  it('two exports of the same accounts share no key, salt or nonce', async () => {
    const cheap = { scrypt: { n: 1024, r: 8, p: 1 } };
    const a = JSON.parse(await exportAegisEncrypted(ACCOUNTS.slice(0, 1), PASSWORD, nodeImportCrypto, cheap));
    const b = JSON.parse(await exportAegisEncrypted(ACCOUNTS.slice(0, 1), PASSWORD, nodeImportCrypto, cheap));
    expect(a.header.slots[0].salt).not.toBe(b.header.slots[0].salt);
    expect(a.header.params.nonce).not.toBe(b.header.params.nonce);
    expect(a.db).not.toBe(b.db);
  });

  it('an export password shorter than 8 characters is refused', async () => {
    await expect(exportAegisEncrypted(ACCOUNTS, 'short', nodeImportCrypto)).rejects.toMatchObject({ code: 'weak-password' });
  });

  it('URI list export → import gives back issuer, name and every OTP parameter', async () => {
    const text = exportUriList(ACCOUNTS);
    expect(text.trim().split('\n')).toHaveLength(ACCOUNTS.length);
    const result = await readImportFile({ file: 'links.txt', bytes: enc.encode(text) }, nodeImportCrypto);
    expect(result.format).toBe('uri-list');
    const core = (a: AccountDraft) => ({ issuer: a.issuer, name: a.name, otp: a.otp });
    expect(result.accounts.map(core)).toEqual(ACCOUNTS.map(core));
  });

  it('each peer fixture survives import → Aegis export → import unchanged', async () => {
    for (const [file, password] of [['aegis_plain_grouped_v2.json'], ['2fas_encrypted_v4.2fas', 'test'], ['bitwarden_export.json']] as const) {
      const first = await readImportFile({ file, bytes: peer(file), ...(password ? { password } : {}) }, nodeImportCrypto);
      const text = await exportAegisEncrypted(first.accounts, PASSWORD, nodeImportCrypto, { scrypt: { n: 1024, r: 8, p: 1 } });
      const again = await readImportFile({ file: 'again.json', bytes: enc.encode(text), password: PASSWORD }, nodeImportCrypto);
      expect(again.accounts).toEqual(first.accounts);
    }
  });
});
