import { describe, expect, it } from 'vitest';
import { toAccountView, type Account } from '../../shared/otp/account';
import { mergeRecoveryCodes, parseRecoveryCodes, RecoveryCodesError } from '../../shared/otp/recovery-codes';
import { noteWithRecoveryCodes, RECOVERY_CODES_NOTE_HEADING, splitRecoveryCodesFromNote } from '../../shared/otp/recovery-codes-note';

const codesOf = (text: string) => parseRecoveryCodes(text).codes.map((c) => c.code);
const fails = (text: string) => {
  try {
    parseRecoveryCodes(text);
  } catch (error) {
    if (error instanceof RecoveryCodesError) return error;
  }
  throw new Error('expected a RecoveryCodesError');
};

describe('pasted recovery codes: tolerant about decoration, never about content', () => {
  it.each([
    ['Twofold (lower case, dashes)', '7kq4-m2xp-9fhd\n2bqr-88tn-w4ce', ['7kq4-m2xp-9fhd', '2bqr-88tn-w4ce']],
    ['upper case, spaces', '7KQ4 M2XP 9FHD\n2BQR 88TN W4CE', ['7KQ4 M2XP 9FHD', '2BQR 88TN W4CE']],
    ['numbered "1." and "2)"', '1. abcd-ef12\n2) ghij-kl34\n(3) mnop-qr56\n#4 stuv-wx78\n5: yzab-cd90', ['abcd-ef12', 'ghij-kl34', 'mnop-qr56', 'stuv-wx78', 'yzab-cd90']],
    ['bullets and check boxes', '- a1b2c3d4\n* e5f6g7h8\n• i9j0k1l2\n· m3n4o5p6\n+ q7r8s9t0\n[ ] u1v2w3x4\n[x] y5z6a7b8', ['a1b2c3d4', 'e5f6g7h8', 'i9j0k1l2', 'm3n4o5p6', 'q7r8s9t0', 'u1v2w3x4', 'y5z6a7b8']],
    ['blank lines and Windows line endings', '\r\n\r\n1234 5678\r\n\r\n8765 4321\r\n', ['1234 5678', '8765 4321']],
    ['old Mac line endings, surrounding spaces, tabs inside', '   abcde-12345   \r\tfghij \t 67890 ', ['abcde-12345', 'fghij 67890']],
    ['GitLab 16 hex characters', '6a0f3c2e9b1d4a7f\n0e3b9d7c5a1f2e4d', ['6a0f3c2e9b1d4a7f', '0e3b9d7c5a1f2e4d']],
    ['a code starting with digits is not mistaken for numbering', '1234-5678\n12.34', ['1234-5678']],
    ['a UTF-8 byte order mark', '\uFEFF7kq4-m2xp-9fhd', ['7kq4-m2xp-9fhd']],
    ['letters only, in dashed groups: "1. abcd-efgh"', '1. abcd-efgh\n2. IJKL-MNOP\nBackup codes\nrecovery\nsave these\nhello there', ['abcd-efgh', 'IJKL-MNOP']],
  ])('%s', (_name, text, expected) => {
    expect(codesOf(text)).toEqual(expected);
  });

  it('reads the .txt the self-service web page downloads: title and date lines are reported as skipped, not taken as codes', () => {
    const file = [
      'Twofold recovery codes for alice on mfa.example.com:8443',
      'Created 2026-12-06. Each code works once, in place of a 6-digit code.',
      '',
      ...['7kq4-m2xp-9fhd', '2bqr-88tn-w4ce'],
      '',
    ].join('\n');
    const parsed = parseRecoveryCodes(file);
    expect(parsed.codes.map((c) => c.code)).toEqual(['7kq4-m2xp-9fhd', '2bqr-88tn-w4ce']);
    expect(parsed.skipped).toEqual(['Twofold recovery codes for alice on mfa.example.com:8443', 'Created 2026-12-06. Each code works once, in place of a 6-digit code.']);
  });

  it('prose with digits is not a code: "Backup codes 2024", "Codes from 2024"', () => {
    expect(parseRecoveryCodes('Backup codes 2024\nCodes from 2024\nabcd-1234').skipped).toEqual(['Backup codes 2024', 'Codes from 2024']);
  });

  it('used marks: "(used)" and ~~struck~~ are read as used', () => {
    expect(parseRecoveryCodes('abcd-1234 (used)\n~~efgh-5678~~\n- ijkl-9012').codes).toEqual([
      { code: 'abcd-1234', used: true },
      { code: 'efgh-5678', used: true },
      { code: 'ijkl-9012', used: false },
    ]);
  });

  it('duplicates (case and separators aside) are kept once and counted', () => {
    const parsed = parseRecoveryCodes('7kq4-m2xp-9fhd\n7KQ4 M2XP 9FHD\n7kq4m2xp9fhd');
    expect(parsed.codes).toHaveLength(1);
    expect(parsed.duplicates).toBe(2);
  });

  it('bad input: clear errors that say what to do', () => {
    expect(fails('').code).toBe('no-codes');
    expect(fails('just some words\n').message).toMatch(/No recovery codes found.*one per line/);
    expect(fails('x'.repeat(70_000)).message).toMatch(/more than 64 KB.*Paste only the recovery codes/);
    expect(fails(`${'ab12'.repeat(17)}`).code).toBe('code-too-long');
    const tooMany = fails(Array.from({ length: 101 }, (_, i) => `code-${String(i).padStart(4, '0')}`).join('\n'));
    expect(tooMany).toMatchObject({ code: 'too-many', message: expect.stringMatching(/more than 100/) });
  });

  it('append keeps the old set and skips codes already there; replace drops it', () => {
    const old = [{ code: 'abcd-1234', used: true }];
    expect(mergeRecoveryCodes(old, [{ code: 'ABCD 1234', used: false }, { code: 'efgh-5678', used: false }], 'append')).toEqual([
      { code: 'abcd-1234', used: true },
      { code: 'efgh-5678', used: false },
    ]);
    expect(mergeRecoveryCodes(old, [{ code: 'efgh-5678', used: false }], 'replace')).toEqual([{ code: 'efgh-5678', used: false }]);
  });
});

describe('recovery codes in an Aegis note', () => {
  const codes = [
    { code: '7kq4-m2xp-9fhd', used: false },
    { code: '2bqr-88tn-w4ce', used: true },
  ];

  it('are written under the fixed heading, one per line, used ones marked, after the note', () => {
    expect(noteWithRecoveryCodes('PIN in the safe', codes)).toBe(`PIN in the safe\n\n${RECOVERY_CODES_NOTE_HEADING}\n7kq4-m2xp-9fhd\n2bqr-88tn-w4ce (used)`);
    expect(noteWithRecoveryCodes('', codes)).toBe('Recovery codes:\n7kq4-m2xp-9fhd\n2bqr-88tn-w4ce (used)');
    expect(noteWithRecoveryCodes('untouched', undefined)).toBe('untouched');
  });

  it('split back out: the note, the codes, the marks', () => {
    for (const note of ['', 'PIN in the safe', 'line 1\nline 2\n\nline 4']) {
      expect(splitRecoveryCodesFromNote(noteWithRecoveryCodes(note, codes))).toEqual({ note, recoveryCodes: codes });
    }
  });

  it('text after the block stays in the note; a heading above prose is the user’s text and stays whole', () => {
    expect(splitRecoveryCodesFromNote('a\n\nRecovery codes:\nabcd-1234\r\n\r\nafter')).toEqual({ note: 'a\n\nafter', recoveryCodes: [{ code: 'abcd-1234', used: false }] });
    const prose = 'Recovery codes:\nin the blue folder on the shelf';
    expect(splitRecoveryCodesFromNote(prose)).toEqual({ note: prose, recoveryCodes: [] });
    expect(splitRecoveryCodesFromNote('no heading here\nabcd-1234')).toEqual({ note: 'no heading here\nabcd-1234', recoveryCodes: [] });
  });
});

describe('the account the renderer sees', () => {
  it('has the count of codes, never the codes', () => {
    const account: Account = {
      id: '6f1c1a4e-8d2b-4c3e-9f5a-1b2c3d4e5f60',
      issuer: 'GitHub',
      name: 'alice',
      otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
      tags: [],
      favourite: false,
      note: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      recoveryCodes: [
        { code: '7kq4-m2xp-9fhd', used: false },
        { code: '2bqr-88tn-w4ce', used: true },
      ],
    };
    const view = toAccountView(account);
    expect(view.recoveryCodeCount).toEqual({ total: 2, unused: 1 });
    expect(JSON.stringify(view)).not.toMatch(/7kq4|2bqr/);
  });
});
