import { describe, expect, it } from 'vitest';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { readImportFile, type ImportFormat } from '../../shared/import';
import { SEVEN, peer, summary } from './import-support';

/**
 * Every file of ../shared/fixtures/peers imports to exactly the accounts its README lists, with
 * type, algorithm, digits, period or counter, secret and group; the encrypted ones with "test".
 */
async function importPeer(file: string, password?: string) {
  return readImportFile({ file, bytes: peer(file), ...(password === undefined ? {} : { password }) }, nodeImportCrypto);
}

const WITH_GROUPS = SEVEN.map((line, i) => line.replace(/\|-$/, `|${['group1', '-', 'group1', 'group2', '-', '-', '-'][i]}`));
const TWO_FAS = [SEVEN[0], SEVEN[3], SEVEN[4], SEVEN[5], SEVEN[6]];
const ENTE_ORDER = [SEVEN[4], SEVEN[2], SEVEN[6], SEVEN[0], SEVEN[3], SEVEN[1], SEVEN[5]];

const cases: { file: string; password?: string; format: ImportFormat; encrypted: boolean; expected: (string | undefined)[] }[] = [
  { file: 'aegis_plain.json', format: 'aegis', encrypted: false, expected: SEVEN },
  { file: 'aegis_encrypted.json', password: 'test', format: 'aegis', encrypted: true, expected: SEVEN },
  { file: 'aegis_plain_grouped_v2.json', format: 'aegis', encrypted: false, expected: WITH_GROUPS },
  { file: 'otpauth_uri_list.txt', format: 'uri-list', encrypted: false, expected: SEVEN },
  { file: '2fas_plain_v4.2fas', format: 'two-fas', encrypted: false, expected: TWO_FAS },
  { file: '2fas_encrypted_v4.2fas', password: 'test', format: 'two-fas', encrypted: true, expected: TWO_FAS },
  { file: 'ente_auth_plain_export.txt', format: 'ente', encrypted: false, expected: ENTE_ORDER },
  {
    file: 'bitwarden_export.json',
    format: 'bitwarden',
    encrypted: false,
    expected: [SEVEN[0], SEVEN[1], SEVEN[2], 'steam|Test Steam||SHA1|5|30s|JRZCL47CMXVOQMNPZR2F7J4RGI|-'],
  },
  {
    file: 'gnome_authenticator_aegis_issuer_from_name.json',
    format: 'aegis',
    encrypted: false,
    expected: [
      'totp|issuer|missing-issuer|SHA1|6|30s|ABCDEFGHIJKLMNOPQRSTUVWXYZ234567|-',
      'totp|issuer|missing-issuer@domain.com|SHA1|6|30s|ABCDEFGHIJKLMNOPQRSTUVWXYZ234567|-',
    ],
  },
  {
    file: 'google_migration_uris.txt',
    format: 'google-migration-text',
    encrypted: false,
    expected: [
      'totp|Discord|johndoe@example.com|SHA1|6|30s|JRZCL47CMXVOQMNPZR2F7J4RGI|-',
      'totp|Test1|test1@example1.com|SHA1|6|30s|JBSWY3DPEHPK3PXP|-',
      'totp|Test2|test2@example2.com|SHA1|6|30s|JBSWY3DPEHPK3PXQ|-',
      'totp|Test3|test3@example3.com|SHA1|6|30s|JBSWY3DPEHPK3PXR|-',
    ],
  },
];

describe('peer fixtures import to exactly the accounts their README lists', () => {
  it.each(cases)('$file', async ({ file, password, format, encrypted, expected }) => {
    const result = await importPeer(file, password);
    expect(result.format).toBe(format);
    expect(result.encrypted).toBe(encrypted);
    expect(result.accounts.map(summary)).toEqual(expected);
    expect(result.skipped).toEqual([]);
  });

  it('Steam accounts keep Steam semantics whatever the file says (SHA1, 5 characters, 30 s)', async () => {
    const { accounts } = await importPeer('2fas_plain_v4.2fas');
    expect(accounts.find((a) => a.issuer === 'Boeing')?.otp).toEqual({ type: 'steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30 });
  });

  it('an encrypted file without a password asks for one instead of failing', async () => {
    await expect(importPeer('aegis_encrypted.json')).rejects.toMatchObject({ code: 'needs-password', file: 'aegis_encrypted.json' });
    await expect(importPeer('2fas_encrypted_v4.2fas')).rejects.toMatchObject({ code: 'needs-password', file: '2fas_encrypted_v4.2fas' });
  });

  it('a wrong password is told apart from damage, for Aegis and for 2FAS (via its reference)', async () => {
    await expect(importPeer('aegis_encrypted.json', 'tset')).rejects.toMatchObject({ code: 'wrong-password', file: 'aegis_encrypted.json' });
    await expect(importPeer('2fas_encrypted_v4.2fas', 'tset')).rejects.toMatchObject({ code: 'wrong-password', file: '2fas_encrypted_v4.2fas' });
  });
});
