import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeImportCrypto } from '../../electron/main/services/import-export/node-import-crypto';
import { ImportExportService } from '../../electron/main/services/import-export/import-export-service';
import type { VaultApi } from '../../electron/main/services/vault/vault-types';
import { ImportError, readImportFile } from '../../shared/import';
import { AccountDraftSchema, type Account, type AccountDraft } from '../../shared/otp/account';
import { fakeCrypto } from './fake-crypto';
import { aegisEncryptedFile, aegisPlainFile, bitwardenFile, googleMigrationFile, twoFasFile, uriListFile } from './fuzz-arbitraries';
import { fuzz } from './fuzz-kit';
import { peer } from './import-support';

/** Fuzzing of the JSON formats, the all-or-nothing property, and damaged real files with real KDFs. */
const enc = new TextEncoder();

describe('fuzzed JSON inputs never crash a parser', () => {
  fuzz('aegis (plain)', aegisPlainFile, (text) => ({ text }), 'aegis');
  fuzz('aegis (encrypted, fake crypto)', aegisEncryptedFile, (input) => input, 'aegis');
  fuzz('2FAS (plain and encrypted, fake crypto)', twoFasFile, (input) => input, 'two-fas');
  fuzz('bitwarden', bitwardenFile, (text) => ({ text }), 'bitwarden');
});

describe('fuzzed imports never partly import', () => {
  /** A vault double that validates every draft and adds all of them or none, like VaultService. */
  function memoryVault() {
    const accounts: Account[] = [];
    const vault = {
      accounts: () => accounts,
      addAccounts(drafts: readonly AccountDraft[]) {
        const parsed = drafts.map((d) => AccountDraftSchema.parse(d));
        const now = new Date().toISOString();
        const added = parsed.map((d) => ({ ...d, id: crypto.randomUUID(), createdAt: now, updatedAt: now }));
        accounts.push(...added);
        return Promise.resolve(added);
      },
    } as unknown as VaultApi;
    return { vault, accounts };
  }

  it('2,000 mixed files through preview and confirm: the vault grows by exactly the preview or not at all', async () => {
    const { vault, accounts } = memoryVault();
    const service = new ImportExportService({ vault, crypto: fakeCrypto, dialogs: { chooseImportFile: async () => null, chooseExportPath: async () => null }, files: { read: async () => ({ size: 0, bytes: new Uint8Array() }), write: async () => {} }, gate: { check: async () => {} }, confirm: { confirm: async () => false } });
    const anyFile = fc.oneof(
      aegisPlainFile.map((text) => Promise.resolve({ text, password: undefined as string | undefined })),
      aegisEncryptedFile,
      twoFasFile,
      bitwardenFile.map((text) => Promise.resolve({ text, password: undefined })),
      uriListFile.map((text) => Promise.resolve({ text, password: undefined })),
      googleMigrationFile.map((text) => Promise.resolve({ text, password: undefined })),
    );
    await fc.assert(
      fc.asyncProperty(anyFile, async (made) => {
        const { text, password } = await made;
        const before = accounts.length;
        let outcome;
        try {
          outcome = await service.previewFromBytes('f', enc.encode(text), password);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
          expect(accounts.length).toBe(before);
          return;
        }
        if (outcome.status !== 'ready') {
          expect(accounts.length).toBe(before);
          return;
        }
        const done = await service.confirm(outcome.token);
        expect(done.added).toBe(outcome.preview.toAdd.length);
        expect(accounts.length).toBe(before + done.added);
      }),
      { numRuns: 2_000 },
    );
  }, 120_000);
});

describe('damaged real files with the real KDFs', () => {
  const mutate = (bytes: Uint8Array, at: number, value: number) => {
    const copy = bytes.slice();
    copy[at % copy.length] = value;
    return copy;
  };

  it('2FAS encrypted: 40 single-byte changes give a result or an ImportError', async () => {
    const original = peer('2fas_encrypted_v4.2fas');
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), async (at, value) => {
        try {
          await readImportFile({ file: 'x.2fas', bytes: mutate(original, at, value), password: 'test' }, nodeImportCrypto);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('Aegis encrypted: 6 single-byte changes give a result or an ImportError', async () => {
    const original = peer('aegis_encrypted.json');
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), async (at, value) => {
        try {
          await readImportFile({ file: 'x.json', bytes: mutate(original, at, value), password: 'test' }, nodeImportCrypto);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
