import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AccountDraftSchema,
  MigrationBatchCollector,
  MigrationError,
  base32ToBytes,
  decodeMigrationPayload,
  encodeMigrationPayload,
  formatMigrationUri,
  formatMigrationUris,
  migrationEntryFromDraft,
  migrationIncompatibility,
  parseMigrationUri,
  type AccountDraft,
  type MigrationEntry,
  type MigrationErrorCode,
} from '../../shared/otp';

const FIXTURE = '/work/shared/fixtures/peers/google_migration_uris.txt';
const [gnomeUri, authmeUri] = readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean) as [string, string];
const SEED = 20261123;

const totp = (issuer: string, name: string, secret: string) => ({
  issuer,
  name,
  otp: { type: 'totp' as const, secret, algorithm: 'SHA1' as const, digits: 6, period: 30 },
  tags: [],
  favourite: false,
  note: '',
});

const entry = (overrides: Partial<MigrationEntry> = {}): MigrationEntry => ({
  secret: base32ToBytes('JBSWY3DPEHPK3PXP'),
  name: 'alice@example.com',
  issuer: 'Example',
  algorithm: 1,
  digits: 1,
  type: 2,
  counter: 0,
  ...overrides,
});

function migrationErrorOf(action: () => unknown): MigrationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error('no error thrown');
}

describe('peer fixtures (google_migration_uris.txt, see its README)', () => {
  it('line 1 (GNOME Authenticator): one Discord TOTP, no batch_id', () => {
    const page = parseMigrationUri(gnomeUri);
    expect(page.accounts).toEqual([totp('Discord', 'johndoe@example.com', 'JRZCL47CMXVOQMNPZR2F7J4RGI')]);
    expect(page.unsupported).toEqual([]);
    expect(page.batch).toEqual({ id: null, index: 0, size: 1 });
    expect(page.version).toBe(1);
  });

  it('line 2 (Authme): three TOTPs whose names embed the issuer, batch_id 1076589581', () => {
    const page = parseMigrationUri(authmeUri);
    expect(page.accounts).toEqual([
      totp('Test1', 'test1@example1.com', 'JBSWY3DPEHPK3PXP'),
      totp('Test2', 'test2@example2.com', 'JBSWY3DPEHPK3PXQ'),
      totp('Test3', 'test3@example3.com', 'JBSWY3DPEHPK3PXR'),
    ]);
    expect(page.batch).toEqual({ id: 1076589581, index: 0, size: 1 });
    for (const account of page.accounts) expect(AccountDraftSchema.parse(account)).toEqual(account);
  });

  it('tolerates "+" that arrived as a space, URL-safe base64 and missing padding', () => {
    const data = new URL(authmeUri).searchParams.get('data') as string;
    expect(data).toContain('+');
    const expected = parseMigrationUri(authmeUri).accounts;
    expect(parseMigrationUri(`otpauth-migration://offline?data=${data.replace(/\+/g, ' ')}`).accounts).toEqual(expected);
    expect(parseMigrationUri(`otpauth-migration://offline?data=${data.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`).accounts).toEqual(expected);
    expect(parseMigrationUri(`  ${authmeUri}\n`).accounts).toEqual(expected);
  });
});

describe('entries', () => {
  const decode = (...entries: MigrationEntry[]) => decodeMigrationPayload(encodeMigrationPayload({ entries, batch: { id: 7, index: 0, size: 1 } }));

  it('maps algorithms, digits, types and counters', () => {
    const page = decode(
      entry({ algorithm: 0, digits: 0, type: 0 }),
      entry({ algorithm: 2, digits: 2, type: 2 }),
      entry({ algorithm: 3, digits: 1, type: 1, counter: 42 }),
    );
    expect(page.accounts.map((a) => a.otp)).toEqual([
      { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
      { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 30 },
      { type: 'hotp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA512', digits: 6, counter: 42 },
    ]);
  });

  it.each([
    ['Example:alice', 'Example', { issuer: 'Example', name: 'alice' }],
    ['example: alice', 'Example', { issuer: 'Example', name: 'alice' }],
    ['Example:alice', '', { issuer: 'Example', name: 'alice' }],
    ['Other:alice', 'Example', { issuer: 'Example', name: 'Other:alice' }],
    ['alice', '', { issuer: '', name: 'alice' }],
  ])('name %j with issuer %j', (name, issuer, expected) => {
    const [account] = decode(entry({ name, issuer })).accounts;
    expect({ issuer: account?.issuer, name: account?.name }).toEqual(expected);
  });

  it('reports MD5, empty keys and unknown values as unsupported items, keeping the rest', () => {
    const page = decode(
      entry({ name: 'md5', algorithm: 4 }),
      entry({ name: 'Good:ok', issuer: 'Good' }),
      entry({ name: 'nokey', secret: new Uint8Array(0) }),
      entry({ name: 'weird-digits', digits: 3 }),
      entry({ name: 'weird-type', type: 9 }),
      entry({ name: 'weird-algorithm', algorithm: 7 }),
      entry({ name: 'huge-counter', type: 1, counter: 2n ** 60n }),
    );
    expect(page.accounts.map((a) => a.name)).toEqual(['ok']);
    expect(page.unsupported.map((u) => u.name)).toEqual(['md5', 'nokey', 'weird-digits', 'weird-type', 'weird-algorithm', 'huge-counter']);
    expect(page.unsupported[0]?.reason).toMatch(/MD5/);
    expect(page.unsupported[1]?.reason).toMatch(/no key/);
    expect(page.unsupported[0]?.issuer).toBe('Example');
  });

  it('reads a negative int32 batch_id written as a 10-byte varint', () => {
    const page = decodeMigrationPayload(encodeMigrationPayload({ entries: [entry()], batch: { id: -123456, index: 0, size: 1 } }));
    expect(page.batch.id).toBe(-123456);
  });
});

describe('broken payloads', () => {
  const valid = encodeMigrationPayload({ entries: [entry(), entry({ name: 'second' })], batch: { id: 1, index: 0, size: 1 } });
  const table: [string, () => unknown, MigrationErrorCode][] = [
    ['truncated in the middle of an account', () => decodeMigrationPayload(valid.slice(0, 20)), 'length-out-of-range'],
    ['truncated in a varint', () => decodeMigrationPayload(Uint8Array.from([0x10, 0x80])), 'truncated'],
    ['a varint longer than 10 bytes', () => decodeMigrationPayload(Uint8Array.from([0x10, ...new Array(11).fill(0xff), 0x01])), 'bad-varint'],
    ['a varint over 64 bits', () => decodeMigrationPayload(Uint8Array.from([0x10, ...new Array(9).fill(0xff), 0x02])), 'bad-varint'],
    ['a length past the end', () => decodeMigrationPayload(Uint8Array.from([0x0a, 0x7f, 0x01, 0x02])), 'length-out-of-range'],
    ['a huge length', () => decodeMigrationPayload(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])), 'length-out-of-range'],
    ['a group wire type', () => decodeMigrationPayload(Uint8Array.from([0x0b])), 'bad-wire-type'],
    ['field number 0', () => decodeMigrationPayload(Uint8Array.from([0x00, 0x00])), 'bad-field'],
    ['an account sent as a number', () => decodeMigrationPayload(Uint8Array.from([0x08, 0x01])), 'bad-field'],
    ['a key sent as a number', () => decodeMigrationPayload(Uint8Array.from([0x0a, 0x02, 0x08, 0x01])), 'bad-field'],
    ['no accounts', () => decodeMigrationPayload(Uint8Array.from([0x10, 0x01])), 'no-accounts'],
    ['empty payload', () => decodeMigrationPayload(new Uint8Array(0)), 'no-accounts'],
    ['page 3 of 2', () => decodeMigrationPayload(encodeMigrationPayload({ entries: [entry()], batch: { id: 1, index: 2, size: 2 } })), 'invalid-batch'],
    ['a million pages', () => decodeMigrationPayload(encodeMigrationPayload({ entries: [entry()], batch: { id: 1, index: 0, size: 1_000_000 } })), 'invalid-batch'],
    ['not base64', () => parseMigrationUri('otpauth-migration://offline?data=%%%%'), 'invalid-base64'],
    ['base64 of impossible length', () => parseMigrationUri('otpauth-migration://offline?data=AAAAA'), 'invalid-base64'],
    ['no data', () => parseMigrationUri('otpauth-migration://offline?foo=bar'), 'missing-data'],
    ['an otpauth URI', () => parseMigrationUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'), 'not-a-migration-uri'],
    ['1 MB', () => parseMigrationUri(`otpauth-migration://offline?data=${'A'.repeat(1024 * 1024)}`), 'input-too-long'],
  ];

  it.each(table)('%s → %s', (_what, action, code) => {
    const error = migrationErrorOf(action);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/\.\s|:/);
  });

  it('tells the user what to do', () => {
    expect(migrationErrorOf(() => decodeMigrationPayload(valid.slice(0, 20))).message).toMatch(/Scan the QR code again/);
  });

  it('fuzz: random bytes and mutated payloads throw nothing but MigrationError', () => {
    const mutated = fc.tuple(fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), cut: fc.boolean() }), { minLength: 1, maxLength: 4 })).map(([edits]) => {
      let bytes = valid.slice();
      for (const { at, byte, cut } of edits) {
        const position = at % (bytes.length || 1);
        if (cut) bytes = bytes.slice(0, position);
        else if (bytes.length > 0) bytes[position] = byte;
      }
      return bytes;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), (bytes) => {
        try {
          const page = decodeMigrationPayload(bytes);
          for (const account of page.accounts) expect(AccountDraftSchema.safeParse(account).success).toBe(true);
        } catch (error) {
          if (!(error instanceof MigrationError)) throw error;
        }
      }),
      { seed: SEED, numRuns: 12_000 },
    );
  });

  it('fuzz: arbitrary text throws nothing but MigrationError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }).map((s) => `otpauth-migration://offline?data=${s}`)), (text) => {
        try {
          parseMigrationUri(text);
        } catch (error) {
          if (!(error instanceof MigrationError)) throw error;
        }
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('encoder', () => {
  const accounts: Pick<AccountDraft, 'issuer' | 'name' | 'otp'>[] = [
    { issuer: 'GitHub', name: 'octocat', otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 30 } },
    { issuer: 'Example', name: 'hotp', otp: { type: 'hotp', secret: 'GEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, counter: 42 } },
    { issuer: '', name: 'work:laptop', otp: { type: 'totp', secret: 'KRUGS4ZANFZSAYJAONSWG4TFOQ', algorithm: 'SHA512', digits: 6, period: 30 } },
  ];

  it('round-trips accounts through an export URI', () => {
    const uri = formatMigrationUri(encodeMigrationPayload({ entries: accounts.map(migrationEntryFromDraft), batch: { id: 99, index: 0, size: 1 } }));
    const page = parseMigrationUri(uri);
    expect(page.accounts.map(({ issuer, name, otp }) => ({ issuer, name, otp }))).toEqual(accounts);
  });

  it('reproduces a real export byte for byte (fixture line 2)', () => {
    const page = parseMigrationUri(authmeUri);
    const [uri] = formatMigrationUris(page.accounts, { batchId: page.batch.id as number });
    const bytesOf = (text: string) => Buffer.from(new URL(text).searchParams.get('data') as string, 'base64');
    expect(bytesOf(uri as string).toString('hex')).toBe(bytesOf(authmeUri).toString('hex'));
  });

  it('says which accounts Google’s format cannot hold', () => {
    expect(migrationIncompatibility({ otp: { type: 'steam', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 5, period: 30 } })).toMatch(/Steam/);
    expect(migrationIncompatibility({ otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 7, period: 30 } })).toMatch(/6- or 8-digit/);
    expect(migrationIncompatibility({ otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 60 } })).toMatch(/30-second/);
    const error = migrationErrorOf(() => migrationEntryFromDraft({ issuer: 'S', name: 'n', otp: { type: 'steam', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 5, period: 30 } }));
    expect(error.code).toBe('not-representable');
  });
});

describe('MigrationBatchCollector', () => {
  const many = Array.from({ length: 25 }, (_, i) => ({
    issuer: `Issuer${i}`,
    name: `user${i}@example.com`,
    otp: { type: 'totp' as const, secret: `JBSWY3DPEHPK3P${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}Q`, algorithm: 'SHA1' as const, digits: 6, period: 30 },
  }));
  const pages = formatMigrationUris(many, { batchId: 4242, accountsPerPage: 10 });

  it('splits 25 accounts into 3 pages', () => {
    expect(pages).toHaveLength(3);
    expect(pages.map((uri) => parseMigrationUri(uri).batch)).toEqual([
      { id: 4242, index: 0, size: 3 },
      { id: 4242, index: 1, size: 3 },
      { id: 4242, index: 2, size: 3 },
    ]);
  });

  it('collects a 3-page export scanned out of order, reporting progress and the missing pages', () => {
    const collector = new MigrationBatchCollector();
    expect(collector.progress()).toBeNull();

    const first = collector.addUri(pages[2] as string);
    expect(first.kind).toBe('added');
    expect(first.progress).toMatchObject({ message: '1 of 3 scanned', missing: [0, 1], missingMessage: 'pages 1 and 2 of 3 are missing', complete: false });
    expect(collector.result()).toBeNull();

    const second = collector.addUri(pages[0] as string);
    expect(second.progress).toMatchObject({ message: '2 of 3 scanned', scanned: [0, 2], missingMessage: 'page 2 of 3 is missing' });

    const again = collector.addUri(pages[0] as string);
    expect(again.kind).toBe('duplicate');
    expect(again.progress.message).toBe('2 of 3 scanned');

    const last = collector.addUri(pages[1] as string);
    expect(last.progress).toMatchObject({ message: '3 of 3 scanned', complete: true, missingMessage: null });
    expect(collector.complete).toBe(true);
    expect(collector.result()?.accounts.map(({ issuer, name, otp }) => ({ issuer, name, otp }))).toEqual(many);
  });

  it('refuses a page from another export and a page that disagrees about the page count', () => {
    const collector = new MigrationBatchCollector();
    collector.addUri(pages[0] as string);
    const other = collector.addUri(formatMigrationUris(many, { batchId: 7, accountsPerPage: 10 })[1] as string);
    expect(other).toMatchObject({ kind: 'refused', reason: 'other-export' });
    const resized = collector.add(
      decodeMigrationPayload(encodeMigrationPayload({ entries: [migrationEntryFromDraft(many[0] as AccountDraft)], batch: { id: 4242, index: 1, size: 4 } })),
    );
    expect(resized).toMatchObject({ kind: 'refused', reason: 'size-mismatch' });
    expect(resized.kind === 'refused' && resized.message).toMatch(/4 pages.*3/);
    expect(collector.progress()?.message).toBe('1 of 3 scanned');
  });

  it('completes a single-page export at once, and forgets everything on reset', () => {
    const collector = new MigrationBatchCollector();
    collector.addUri(gnomeUri);
    expect(collector.result()?.accounts).toHaveLength(1);
    collector.reset();
    expect(collector.progress()).toBeNull();
    expect(collector.result()).toBeNull();
  });

  it('keeps unsupported items from every page', () => {
    const collector = new MigrationBatchCollector();
    const page = (index: number, entries: MigrationEntry[]) =>
      formatMigrationUri(encodeMigrationPayload({ entries, batch: { id: 5, index, size: 2 } }));
    collector.addUri(page(1, [entry({ name: 'md5', algorithm: 4 })]));
    collector.addUri(page(0, [entry({ name: 'ok' })]));
    expect(collector.result()).toMatchObject({ accounts: [{ name: 'ok' }], unsupported: [{ name: 'md5' }] });
  });

  it('names only the first few of many missing pages', () => {
    const collector = new MigrationBatchCollector();
    collector.add(decodeMigrationPayload(encodeMigrationPayload({ entries: [entry()], batch: { id: 1, index: 0, size: 40 } })));
    expect(collector.progress()?.missingMessage).toBe('pages 2, 3, 4, 5, 6 and 34 more of 40 are missing');
  });
});
