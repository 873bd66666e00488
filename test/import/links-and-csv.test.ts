import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readImportFile } from '../../shared/import';
import { parseCsv } from '../../shared/import/csv';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { classifyPayload } from '../../shared/scan/classify-payload';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { peer, summary } from './import-support';
import { makeKit } from './service-kit';

/**
 * Issue #14 item 7: tolerant otpauth links, labelled Google export lines, Bitwarden's CSV export,
 * and the per-account choice in the import preview (through the real service and vault).
 */
const csvFixture = new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures', 'bitwarden_export.csv')));
const enc = new TextEncoder();

describe('otpauth links whatever their case', () => {
  it('reads an upper-case scheme, type and parameter names; keeps the values', () => {
    const draft = parseOtpauthUri('OTPAUTH://TOTP/ACME%20Co:Bob?SECRET=JBSWY3DPEHPK3PXP&ISSUER=ACME%20Co&ALGORITHM=SHA256&DIGITS=8&PERIOD=60');
    expect(summary(draft)).toBe('totp|ACME Co|Bob|SHA256|8|60s|JBSWY3DPEHPK3PXP|-');
    const hotp = parseOtpauthUri('otpauth://HoTp/x?Secret=jbswy3dpehpk3pxp&Counter=7');
    expect(summary(hotp)).toBe('hotp||x|SHA1|6|counter 7|JBSWY3DPEHPK3PXP|-');
    expect(parseOtpauthUri('OTPAUTH://TOTP/Steam:me?SECRET=JRZCL47CMXVOQMNPZR2F7J4RGI&ENCODER=STEAM').otp.type).toBe('steam');
  });

  it.each([
    ['algorithm', 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&algorithm=SHA256'],
    ['secret', 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&SECRET=KRSXG5CTMVRXEZLU'],
    ['digits', 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=6&Digits=6'],
    ['issuer', 'otpauth://totp/A:b?issuer=A&secret=JBSWY3DPEHPK3PXP&issuer=B'],
  ])('refuses a repeated "%s" parameter and names it', (name, uri) => {
    expect(() => parseOtpauthUri(uri)).toThrow(expect.objectContaining({ code: 'repeated-parameter', message: expect.stringContaining(`"${name}"`) }));
  });

  it('ignores a repeated parameter it does not read', () => {
    expect(parseOtpauthUri('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&image=x&image=y').issuer).toBe('A');
  });

  it('an import list with a repeated parameter skips that entry with the parameter named, the rest imports', async () => {
    const list = 'OTPAUTH://TOTP/Deno:Mason?SECRET=4SJHB4GSD43FZBAI7C2HLRJGPQ\notpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&period=30&period=60\n';
    const result = await readImportFile({ file: 'list.txt', bytes: enc.encode(list) }, nodeImportCrypto);
    expect(result.accounts.map(summary)).toEqual(['totp|Deno|Mason|SHA1|6|30s|4SJHB4GSD43FZBAI7C2HLRJGPQ|-']);
    expect(result.skipped).toEqual([{ entry: 'line 2', reason: expect.stringContaining('"period" parameter more than once') }]);
  });
});

describe('Google Authenticator export lines with a label', () => {
  const line1 = new TextDecoder().decode(peer('google_migration_uris.txt')).split(/\r?\n/)[0]!;

  it('reads "QR-Code:otpauth-migration://…" in a pasted file and from a scan', async () => {
    const result = await readImportFile({ file: 'export.txt', bytes: enc.encode(`QR-Code:${line1}\n`) }, nodeImportCrypto);
    expect(result.format).toBe('google-migration-text');
    expect(result.accounts.map(summary)).toEqual(['totp|Discord|johndoe@example.com|SHA1|6|30s|JRZCL47CMXVOQMNPZR2F7J4RGI|-']);
    const scanned = classifyPayload(`QR-Code: ${line1}`);
    expect(scanned.kind).toBe('migration');
  });

  it('does not take a sentence before the link for a label', () => {
    expect(classifyPayload(`see this: ${line1}`).kind).toBe('foreign');
  });
});

describe("Bitwarden's CSV export", () => {
  it('reads the documented columns: URI, bare and steam:// keys, folders, favourites; passwords and notes are left out', async () => {
    const result = await readImportFile({ file: 'bitwarden_export.csv', bytes: csvFixture }, nodeImportCrypto);
    expect(result.format).toBe('bitwarden-csv');
    expect(result.accounts.map(summary)).toEqual([
      'totp|Deno|Mason|SHA1|6|30s|4SJHB4GSD43FZBAI7C2HLRJGPQ|Work',
      'totp|SPDX|James|SHA256|7|20s|5OM4WOOGPLQEF6UGN3CPEOOLWU|-',
      'totp|Airbnb|Elijah|SHA1|6|30s|7ELGJSGXNCCTV3O6LKJWYFV2RA|Work',
      'steam|Boeing|Sophia|SHA1|5|30s|JRZCL47CMXVOQMNPZR2F7J4RGI|-',
    ]);
    expect(result.accounts.map((a) => a.favourite)).toEqual([true, false, false, false]);
    expect(result.skipped).toEqual([{ entry: 'row 8 (Broken)', reason: expect.stringContaining('"algorithm"') }]);
  });

  it('reads quoted fields as RFC 4180 says, and refuses an unterminated quote', () => {
    expect(parseCsv('a,"b,c","say ""hi""\r\nthere"\r\n\r\n1,,3')).toEqual([
      ['a', 'b,c', 'say "hi"\r\nthere'],
      ['1', '', '3'],
    ]);
    expect(() => parseCsv('a,"b\nc,d\n')).toThrow(expect.objectContaining({ code: 'file-damaged', message: expect.stringContaining('line 1') }));
  });
});

describe('choosing accounts in the import preview', () => {
  let kit: Awaited<ReturnType<typeof makeKit>>;
  beforeAll(async () => {
    kit = await makeKit();
  });
  afterAll(async () => {
    await kit.cleanup();
  });
  beforeEach(async () => {
    for (const account of kit.vault.accounts()) await kit.vault.removeAccount(account.id);
  });

  it('adds exactly the ticked accounts', async () => {
    const outcome = await kit.service.previewFromBytes('aegis_plain.json', peer('aegis_plain.json'));
    if (outcome.status !== 'ready') throw new Error('expected a preview');
    const done = await kit.service.confirm(outcome.token, [0, 3, 6]);
    expect(done).toEqual({ added: 3, duplicates: 0, skipped: 0, notChosen: 4 });
    expect(kit.vault.accounts().map((a) => `${a.issuer}:${a.name}`)).toEqual(['Deno:Mason', 'Issuu:James', 'Boeing:Sophia']);
  });

  it('refuses a choice outside the preview and adds nothing', async () => {
    const outcome = await kit.service.previewFromBytes('aegis_plain.json', peer('aegis_plain.json'));
    await expect(kit.service.confirm(outcome.token, [0, 7])).rejects.toMatchObject({ code: 'nothing-to-import' });
    expect(kit.vault.accounts()).toHaveLength(0);
  });
});
