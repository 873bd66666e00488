import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AccountDraftSchema,
  MAX_LABEL_LENGTH,
  OtpUriError,
  formatOtpauthUri,
  parseOtpauthUri,
  type AccountDraft,
  type OtpUriErrorCode,
} from '../../shared/otp';

const PEERS = '/work/shared/fixtures/peers';
const lines = (file: string): string[] => readFileSync(`${PEERS}/${file}`, 'utf8').split('\n').filter((line) => line.trim() !== '');

/** The 7 Aegis test accounts, as the fixtures README lists them. */
const AEGIS_ACCOUNTS: Pick<AccountDraft, 'issuer' | 'name' | 'otp'>[] = [
  { issuer: 'Deno', name: 'Mason', otp: { type: 'totp', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algorithm: 'SHA1', digits: 6, period: 30 } },
  { issuer: 'SPDX', name: 'James', otp: { type: 'totp', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', algorithm: 'SHA256', digits: 7, period: 20 } },
  { issuer: 'Airbnb', name: 'Elijah', otp: { type: 'totp', secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA', algorithm: 'SHA512', digits: 8, period: 50 } },
  { issuer: 'Issuu', name: 'James', otp: { type: 'hotp', secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', algorithm: 'SHA1', digits: 6, counter: 1 } },
  { issuer: 'Air Canada', name: 'Benjamin', otp: { type: 'hotp', secret: 'KUVJJOM753IHTNDSZVCNKL7GII', algorithm: 'SHA256', digits: 7, counter: 50 } },
  { issuer: 'WWE', name: 'Mason', otp: { type: 'hotp', secret: '5VAML3X35THCEBVRLV24CGBKOY', algorithm: 'SHA512', digits: 8, counter: 10300 } },
  { issuer: 'Boeing', name: 'Sophia', otp: { type: 'steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30 } },
];

const core = (draft: AccountDraft) => ({ issuer: draft.issuer, name: draft.name, otp: draft.otp });
const byKey = (a: { issuer: string; name: string }, b: { issuer: string; name: string }) =>
  `${a.issuer}/${a.name}`.localeCompare(`${b.issuer}/${b.name}`);

describe('peer fixtures', () => {
  it('reads Aegis’ plain URI list as the 7 accounts of its README', () => {
    const drafts = lines('otpauth_uri_list.txt').map(parseOtpauthUri);
    expect(drafts.map(core)).toEqual(AEGIS_ACCOUNTS);
    for (const draft of drafts) expect(AccountDraftSchema.parse(draft)).toEqual(draft);
  });

  it('reads Ente’s export (codeDisplay parameter, lower-case sha512, stray period on hotp)', () => {
    const drafts = lines('ente_auth_plain_export.txt').map(parseOtpauthUri);
    expect(drafts.map(core).sort(byKey)).toEqual([...AEGIS_ACCOUNTS].sort(byKey));
  });

  it('formats each fixture account so that it reads back the same', () => {
    for (const account of AEGIS_ACCOUNTS) expect(core(parseOtpauthUri(formatOtpauthUri(account)))).toEqual(account);
  });
});

describe('parseOtpauthUri: what it accepts', () => {
  const secret = 'JBSWY3DPEHPK3PXP';

  it('applies the Key Uri Format defaults (SHA1, 6 digits, 30 s)', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice@example.com?secret=${secret}`)).toEqual({
      issuer: '',
      name: 'alice@example.com',
      otp: { type: 'totp', secret, algorithm: 'SHA1', digits: 6, period: 30 },
      tags: [],
      favourite: false,
      note: '',
    });
  });

  it('defaults a missing hotp counter to 0', () => {
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${secret}`).otp).toEqual({ type: 'hotp', secret, algorithm: 'SHA1', digits: 6, counter: 0 });
  });

  it.each([
    ['lower-case secret with spaces', `otpauth://totp/x?secret=jbsw%20y3dp%20ehpk%203pxp`],
    ['padded secret', `otpauth://totp/x?secret=${secret}`],
    ['secret with hyphens', `otpauth://totp/x?secret=JBSW-Y3DP-EHPK-3PXP`],
    ['surrounding whitespace', `  \n otpauth://totp/x?secret=${secret}\t `],
    ['upper-case scheme and type', `OTPAUTH://TOTP/x?secret=${secret}`],
  ])('normalizes a %s', (_what, uri) => {
    expect(parseOtpauthUri(uri).otp.secret).toBe(secret);
  });

  it('keeps a canonical padded secret working (RFC 4648 padding)', () => {
    expect(parseOtpauthUri('otpauth://totp/x?secret=MZXW6YQ%3D').otp.secret).toBe('MZXW6YQ');
    expect(parseOtpauthUri('otpauth://totp/x?secret=MZXW6YQ=').otp.secret).toBe('MZXW6YQ');
  });

  it.each([
    ['sha256', 'SHA256'],
    ['Sha512', 'SHA512'],
    ['SHA-1', 'SHA1'],
  ])('reads algorithm=%s as %s', (value, algorithm) => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&algorithm=${value}`).otp.algorithm).toBe(algorithm);
  });

  it('reads any period from 1 s to a day, and 7/8 digits', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&period=1&digits=8`).otp).toMatchObject({ period: 1, digits: 8 });
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&period=86400&digits=7`).otp).toMatchObject({ period: 86400, digits: 7 });
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&period=45`).otp).toMatchObject({ period: 45 });
  });

  it('treats empty parameters as absent', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&digits=&period=&algorithm=`).otp).toMatchObject({ digits: 6, period: 30, algorithm: 'SHA1' });
  });

  it('reads Steam either as a type or as encoder=steam, fixing SHA1/5/30 s', () => {
    const steam = { type: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30 };
    expect(parseOtpauthUri(`otpauth://steam/Steam:gaben?secret=${secret}`).otp).toEqual(steam);
    expect(parseOtpauthUri(`otpauth://totp/Steam:gaben?secret=${secret}&issuer=Steam&encoder=steam`).otp).toEqual(steam);
    expect(parseOtpauthUri(`otpauth://totp/Steam:gaben?secret=${secret}&encoder=Steam&digits=6&period=60`).otp).toEqual(steam);
  });

  it('ignores unknown parameters and the counter of a totp', () => {
    const draft = parseOtpauthUri(`otpauth://totp/x?secret=${secret}&image=https%3A%2F%2Fexample.com%2Fa.png&color=red&counter=9`);
    expect(draft.otp).toEqual({ type: 'totp', secret, algorithm: 'SHA1', digits: 6, period: 30 });
  });
});

describe('parseOtpauthUri: issuer and account name (Key Uri Format "Label")', () => {
  const secret = 'JBSWY3DPEHPK3PXP';
  const label = (path: string, query = '') => {
    const { issuer, name } = parseOtpauthUri(`otpauth://totp/${path}?secret=${secret}${query}`);
    return { issuer, name };
  };

  it.each([
    ['prefix only', 'ACME%20Co:john.doe@email.com', '', { issuer: 'ACME Co', name: 'john.doe@email.com' }],
    ['encoded colon %3A', 'ACME%20Co%3Ajohn.doe@email.com', '', { issuer: 'ACME Co', name: 'john.doe@email.com' }],
    ['spaces after the colon', 'ACME%20Co:%20%20john', '', { issuer: 'ACME Co', name: 'john' }],
    ['parameter only', 'john', '&issuer=ACME%20Co', { issuer: 'ACME Co', name: 'john' }],
    ['parameter with +', 'john', '&issuer=Air+Canada', { issuer: 'Air Canada', name: 'john' }],
    ['both agree', 'ACME:john', '&issuer=ACME', { issuer: 'ACME', name: 'john' }],
    ['both agree, other case', 'acme:john', '&issuer=ACME', { issuer: 'ACME', name: 'john' }],
    ['both disagree: parameter wins, prefix dropped', 'OldName:john', '&issuer=NewName', { issuer: 'NewName', name: 'john' }],
    ['issuer with a colon', 'ACME%3AEU:john', '&issuer=ACME%3AEU', { issuer: 'ACME:EU', name: 'john' }],
    ['name with a colon', 'ACME:john:work', '&issuer=ACME', { issuer: 'ACME', name: 'john:work' }],
    ['no label', '', '&issuer=ACME', { issuer: 'ACME', name: '' }],
    ['non-ASCII', '%E6%97%A5%E6%9C%AC:%F0%9F%94%91', '', { issuer: '日本', name: '🔑' }],
    ['a raw slash', 'ACME/EU:john', '', { issuer: 'ACME/EU', name: 'john' }],
  ])('%s', (_what, path, query, expected) => {
    expect(label(path, query)).toEqual(expected);
  });

  it(`accepts labels of exactly ${MAX_LABEL_LENGTH} characters`, () => {
    const long = 'a'.repeat(MAX_LABEL_LENGTH);
    expect(label(`${long}:${long}`)).toEqual({ issuer: long, name: long });
  });
});

function errorOf(input: string): OtpUriError {
  try {
    parseOtpauthUri(input);
  } catch (error) {
    expect(error).toBeInstanceOf(OtpUriError);
    return error as OtpUriError;
  }
  throw new Error(`parsed without error: ${input.slice(0, 80)}`);
}

describe('parseOtpauthUri: bad input gets the right error code', () => {
  const secret = 'JBSWY3DPEHPK3PXP';
  const table: [string, string, OtpUriErrorCode, string?][] = [
    ['empty', '', 'not-a-uri'],
    ['whitespace', ' \n\t ', 'not-a-uri'],
    ['a bare key', secret, 'not-a-uri'],
    ['a web link', 'https://example.com/totp?secret=JBSWY3DPEHPK3PXP', 'unsupported-scheme', 'scheme'],
    ['a Google export', 'otpauth-migration://offline?data=CjYK', 'unsupported-scheme', 'scheme'],
    ['no slashes', `otpauth:totp/x?secret=${secret}`, 'not-a-uri', 'type'],
    ['no type', `otpauth:///x?secret=${secret}`, 'not-a-uri'],
    ['malformed authority', `otpauth://to tp/x?secret=${secret}`, 'not-a-uri'],
    ['unknown type', `otpauth://motp/x?secret=${secret}`, 'unsupported-type', 'type'],
    ['steam encoder on hotp', `otpauth://hotp/x?secret=${secret}&encoder=steam`, 'unsupported-type', 'type'],
    ['missing secret', 'otpauth://totp/x?issuer=ACME', 'missing-secret', 'secret'],
    ['empty secret', 'otpauth://totp/x?secret=', 'missing-secret', 'secret'],
    ['whitespace secret', 'otpauth://totp/x?secret=%20%20', 'missing-secret', 'secret'],
    ['padding only', 'otpauth://totp/x?secret=====', 'missing-secret', 'secret'],
    ['digit 0 in the secret', 'otpauth://totp/x?secret=JBSWY0DPEHPK3PXP', 'invalid-secret', 'secret'],
    ['digit 1 in the secret', 'otpauth://totp/x?secret=JBSWY1DPEHPK3PXP', 'invalid-secret', 'secret'],
    ['punctuation in the secret', 'otpauth://totp/x?secret=JBSWY3DP!HPK3PXP', 'invalid-secret', 'secret'],
    ['base64 secret', 'otpauth://totp/x?secret=c3RlYW1ndWFyZA%3D%3D', 'invalid-secret', 'secret'],
    ['padding in the middle', 'otpauth://totp/x?secret=JBSW%3DY3DPEHPK3PXP', 'invalid-secret', 'secret'],
    ['wrong amount of padding', 'otpauth://totp/x?secret=MZXW6YQ%3D%3D', 'invalid-secret', 'secret'],
    ['a one-character secret', 'otpauth://totp/x?secret=A', 'invalid-secret', 'secret'],
    ['MD5', `otpauth://totp/x?secret=${secret}&algorithm=MD5`, 'unsupported-algorithm', 'algorithm'],
    ['SHA224', `otpauth://totp/x?secret=${secret}&algorithm=SHA224`, 'unsupported-algorithm', 'algorithm'],
    ['5 digits', `otpauth://totp/x?secret=${secret}&digits=5`, 'invalid-digits', 'digits'],
    ['9 digits', `otpauth://totp/x?secret=${secret}&digits=9`, 'invalid-digits', 'digits'],
    ['0 digits', `otpauth://hotp/x?secret=${secret}&digits=0`, 'invalid-digits', 'digits'],
    ['6.5 digits', `otpauth://totp/x?secret=${secret}&digits=6.5`, 'invalid-digits', 'digits'],
    ['digits in words', `otpauth://totp/x?secret=${secret}&digits=six`, 'invalid-digits', 'digits'],
    ['period 0', `otpauth://totp/x?secret=${secret}&period=0`, 'invalid-period', 'period'],
    ['negative period', `otpauth://totp/x?secret=${secret}&period=-30`, 'invalid-period', 'period'],
    ['period over a day', `otpauth://totp/x?secret=${secret}&period=86401`, 'invalid-period', 'period'],
    ['fractional period', `otpauth://totp/x?secret=${secret}&period=30.5`, 'invalid-period', 'period'],
    ['negative counter', `otpauth://hotp/x?secret=${secret}&counter=-1`, 'invalid-counter', 'counter'],
    ['counter beyond 2^53', `otpauth://hotp/x?secret=${secret}&counter=9007199254740993`, 'invalid-counter', 'counter'],
    ['counter in hex', `otpauth://hotp/x?secret=${secret}&counter=0x10`, 'invalid-counter', 'counter'],
    ['broken percent-encoding', `otpauth://totp/ACME:%E0%A4%A?secret=${secret}`, 'invalid-label', 'label'],
    ['control character in the label', `otpauth://totp/ACME:bob%00?secret=${secret}`, 'invalid-label', 'label'],
    ['control character in the issuer', `otpauth://totp/bob?secret=${secret}&issuer=AC%07ME`, 'invalid-label', 'issuer'],
    ['issuer too long', `otpauth://totp/bob?secret=${secret}&issuer=${'a'.repeat(MAX_LABEL_LENGTH + 1)}`, 'label-too-long', 'issuer'],
    ['name too long', `otpauth://totp/${'b'.repeat(MAX_LABEL_LENGTH + 1)}?secret=${secret}`, 'label-too-long', 'name'],
    ['1 MB of text', `otpauth://totp/x?secret=${secret}&pad=${'A'.repeat(1024 * 1024)}`, 'input-too-long', 'uri'],
    ['just over 64 KiB', ' '.repeat(64 * 1024 + 1), 'input-too-long', 'uri'],
  ];

  it.each(table)('%s → %s', (_what, input, code, field) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    if (field) expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('never puts the secret in a message', () => {
    const messages = [
      errorOf('otpauth://totp/x?secret=ZZZZQQQQ0ZZZZQQQQ'),
      errorOf('otpauth://totp/x?secret=ZZZZQQQQZ%3DZZZQQQQ'),
      errorOf('otpauth://totp/x?secret=ZZZZQQQQZ%3D%3D'),
    ].map((e) => e.message);
    for (const message of messages) expect(message).not.toMatch(/ZZZ|QQQ/);
  });

  it('says what to do about a mistyped key', () => {
    const message = errorOf('otpauth://totp/x?secret=JBSWY0DPEHPK3PXP').message;
    expect(message).toContain('only A–Z and 2–7');
    expect(message).toMatch(/meant to be O/);
    expect(errorOf('otpauth://totp/x?secret=JBSWY3DP!HPK3PXP').message).toContain('Check for 0, 1, 8 or 9 typed by mistake');
  });

  it('suggests Steam Guard for 5-digit codes', () => {
    expect(errorOf('otpauth://totp/Steam:x?secret=JBSWY3DPEHPK3PXP&digits=5').message).toContain('Steam Guard');
  });

  it('points a Google export at the right import', () => {
    expect(errorOf('otpauth-migration://offline?data=CjYK').message).toContain('Import from Google Authenticator');
  });

  it('refuses over-long input before looking at it', () => {
    // Parsed, this label would be 'invalid-label' and the missing key 'missing-secret'.
    expect(errorOf(`otpauth://totp/${'%'.repeat(2 * 1024 * 1024)}`).code).toBe('input-too-long');
  });
});

describe('formatOtpauthUri', () => {
  const secret = 'JBSWY3DPEHPK3PXP';

  it('writes issuer in both the label and the parameter, as the Key Uri Format recommends', () => {
    const uri = formatOtpauthUri({ issuer: 'ACME Co', name: 'john@example.com', otp: { type: 'totp', secret, algorithm: 'SHA256', digits: 8, period: 60 } });
    expect(uri).toBe(`otpauth://totp/ACME%20Co:john%40example.com?secret=${secret}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60`);
  });

  it('writes Steam as totp with encoder=steam and 5 digits', () => {
    const uri = formatOtpauthUri({ issuer: 'Steam', name: 'gaben', otp: { type: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30 } });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Steam:gaben\?/);
    expect(uri).toContain('encoder=steam');
    expect(uri).toContain('digits=5');
  });

  it('writes the hotp counter', () => {
    const uri = formatOtpauthUri({ issuer: '', name: 'n', otp: { type: 'hotp', secret, algorithm: 'SHA1', digits: 6, counter: 42 } });
    expect(uri).toBe(`otpauth://hotp/n?secret=${secret}&algorithm=SHA1&digits=6&counter=42`);
  });

  it.each([
    ['a colon in a name without issuer', '', 'work:john'],
    ['a dot-dot name', '', '..'],
    ['a dot name', '', '.'],
    ['URL syntax in names', 'A?B#C&D=E%F+G', '/?#[]@!$&\'()*+,;= %'],
    ['an issuer ending in a colon', 'ACME:', 'x'],
  ])('keeps %s', (_what, issuer, name) => {
    const draft = parseOtpauthUri(formatOtpauthUri({ issuer, name, otp: { type: 'totp', secret, algorithm: 'SHA1', digits: 6, period: 30 } }));
    expect({ issuer: draft.issuer, name: draft.name }).toEqual({ issuer, name });
  });

  it('writes something parseable even from names with control characters or lone surrogates', () => {
    const draft = parseOtpauthUri(formatOtpauthUri({ issuer: 'A\u0000B', name: 'x\uD800y', otp: { type: 'totp', secret, algorithm: 'SHA1', digits: 6, period: 30 } }));
    expect({ issuer: draft.issuer, name: draft.name }).toEqual({ issuer: 'AB', name: 'x\uFFFDy' });
  });
});
