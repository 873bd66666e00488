import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { exportAegisEncrypted } from '../../shared/export';
import { readImportFile } from '../../shared/import';
import { draft, peer, repoRoot } from './import-support';

const enc = new TextEncoder();
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(repoRoot, 'test/import/fixtures', name)));
const read = (file: string, bytes: Uint8Array, password?: string) => readImportFile({ file, bytes, ...(password ? { password } : {}) }, nodeImportCrypto);
const tagsOf = (accounts: { issuer: string; tags: string[] }[]) => accounts.map((a) => [a.issuer, a.tags]);

/** An Ente Auth export line (the format of ente_auth_plain_export.txt) with these display settings. */
function enteLine(issuer: string, secret: string, display: Record<string, unknown>): string {
  return `otpauth://totp/${issuer}:me?secret=${secret}&issuer=${issuer}&algorithm=SHA1&digits=6&period=30&codeDisplay=${encodeURIComponent(JSON.stringify(display))}`;
}

describe('tags from imports', () => {
  it('an Aegis v3 entry in several groups keeps all of them, in the entry\'s order', async () => {
    const result = await read('aegis_plain_multigroup_v3.json', fixture('aegis_plain_multigroup_v3.json'));
    expect(result.format).toBe('aegis');
    expect(tagsOf(result.accounts)).toEqual([
      ['Deno', ['Work', 'Shared with Ana', 'Finance']],
      ['SPDX', ['Finance']],
      ['Issuu', []],
    ]);
  });

  it('an Aegis v2 group name becomes one tag', async () => {
    const result = await read('aegis_plain_grouped_v2.json', peer('aegis_plain_grouped_v2.json'));
    expect(result.accounts.map((a) => a.tags)).toEqual([['group1'], [], ['group1'], ['group2'], [], [], []]);
  });

  it('Ente Auth tags all become tags (the peer file has none; trashed entries are skipped first)', async () => {
    const text = [
      enteLine('Deno', '4SJHB4GSD43FZBAI7C2HLRJGPQ', { pinned: true, trashed: false, tags: ['Work', 'Bank', 'work', ''] }),
      enteLine('SPDX', '5OM4WOOGPLQEF6UGN3CPEOOLWU', { pinned: false, trashed: false, tags: [] }),
      enteLine('Old', 'YOOMIXWS5GN6RTBPUFFWKTW5M4', { pinned: false, trashed: true, tags: ['bad\u0007'] }),
    ].join('\n');
    const result = await read('ente-export.txt', enc.encode(text));
    expect(result.format).toBe('ente');
    expect(tagsOf(result.accounts)).toEqual([
      ['Deno', ['Work', 'Bank']],
      ['SPDX', []],
    ]);
    const peerFile = await read('ente_auth_plain_export.txt', peer('ente_auth_plain_export.txt'));
    expect(peerFile.accounts.every((a) => a.tags.length === 0)).toBe(true);
  });

  it('an imported tag with a control or bidi character stops the import, naming the entry and the tag', async () => {
    const text = enteLine('Deno', '4SJHB4GSD43FZBAI7C2HLRJGPQ', { pinned: false, trashed: false, tags: ['fine', 'evil\u202Etxt'] });
    await expect(read('ente-export.txt', enc.encode(text))).rejects.toMatchObject({
      code: 'invalid-entry',
      message: expect.stringMatching(/Line 1 \(Deno: me\) cannot be imported: the tag "evil<U\+202E>txt" contains an invisible .*\(U\+202E\)\. Rename that group or tag in the original app and export again\.$/),
    });
    const aegis = JSON.parse(new TextDecoder().decode(fixture('aegis_plain_multigroup_v3.json')));
    aegis.db.groups[1].name = 'Fin\u0007ance';
    await expect(read('aegis.json', enc.encode(JSON.stringify(aegis)))).rejects.toMatchObject({ code: 'invalid-entry', message: expect.stringMatching(/Fin<U\+0007>ance/) });
  });

  it('2FAS groups become tags', async () => {
    const twoFas = JSON.parse(new TextDecoder().decode(peer('2fas_plain_v4.2fas')));
    twoFas.groups = [{ id: 'g1', name: 'Games' }];
    twoFas.services[4].groupId = 'g1';
    const result = await read('2fas.2fas', enc.encode(JSON.stringify(twoFas)));
    expect(result.accounts.map((a) => a.tags)).toEqual([[], [], [], [], ['Games']]);
  });

  it('Bitwarden folders and organization collections become tags, folder first', async () => {
    const bitwarden = JSON.parse(new TextDecoder().decode(peer('bitwarden_export.json')));
    bitwarden.folders = [{ id: 'f1', name: 'Work' }];
    bitwarden.collections = [
      { id: 'c1', organizationId: 'o', name: 'Finance team' },
      { id: 'c2', organizationId: 'o', name: 'work' },
    ];
    bitwarden.items[0].folderId = 'f1';
    bitwarden.items[0].collectionIds = ['c1', 'c2'];
    bitwarden.items[1].collectionIds = ['c1'];
    const result = await read('bitwarden.json', enc.encode(JSON.stringify(bitwarden)));
    expect(result.accounts[0]!.tags).toEqual(['Work', 'Finance team']);
    expect(result.accounts[1]!.tags).toEqual(['Finance team']);
    const csv = 'collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp,folder,favorite\r\n"Ops,Finance",login,Deno,,,0,,Mason,,4SJHB4GSD43FZBAI7C2HLRJGPQ,Home,0\r\n';
    expect((await read('bitwarden.csv', enc.encode(csv))).accounts[0]!.tags).toEqual(['Home', 'Ops', 'Finance']);
  });
});

describe('tags through an Aegis export', () => {
  const ACCOUNTS = [
    draft('Deno', 'Mason', '4SJHB4GSD43FZBAI7C2HLRJGPQ', { tags: ['work', 'bank', 'shared'] }),
    draft('SPDX', 'James', '5OM4WOOGPLQEF6UGN3CPEOOLWU', { tags: ['Bank', 'home'] }),
    draft('Airbnb', 'Elijah', '7ELGJSGXNCCTV3O6LKJWYFV2RA'),
  ];

  it('writes every tag as a group (one group per name, the entry listing its uuids in order) and imports all of them back', async () => {
    const text = await exportAegisEncrypted(ACCOUNTS, 'export password', nodeImportCrypto, { scrypt: { n: 1024, r: 8, p: 1 } });
    const back = await read('export.json', enc.encode(text), 'export password');
    // "Bank" on the second account is the first account's "bank" group: one group per name, case-insensitively.
    expect(tagsOf(back.accounts)).toEqual([
      ['Deno', ['work', 'bank', 'shared']],
      ['SPDX', ['bank', 'home']],
      ['Airbnb', []],
    ]);
  });
});
