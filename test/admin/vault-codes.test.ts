import { describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { generateCode } from '../../shared/otp/generate';
import type { Account } from '../../shared/otp/account';
import { suggestCode } from '../../electron/main/services/admin-client/vault-codes';

const NOW = Date.UTC(2026, 0, 1, 0, 0, 10);
let n = 0;
function account(uri: string): Account {
  const draft = parseOtpauthUri(uri);
  return { ...draft, group: null, favourite: false, note: '', id: `00000000-0000-4000-8000-00000000000${n++}`, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
}
const SECRET = 'JBSWY3DPEHPK3PXP';

describe('the code filled in from the vault', () => {
  it('fills the current code of the one account of this user on this server, naming it', () => {
    const mine = account(`otpauth://totp/Acme:alice?secret=${SECRET}&issuer=Acme`);
    const other = account(`otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub`);
    expect(suggestCode([other, mine], 'alice', 'Acme', NOW)).toEqual({ code: generateCode(mine.otp, NOW), accountLabel: 'Acme (alice)', secondsLeft: 20 });
  });

  it('fills nothing when two accounts match (guessing could lock the user out)', () => {
    const a = account(`otpauth://totp/Acme:alice?secret=${SECRET}&issuer=Acme`);
    const b = account(`otpauth://totp/Acme:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Acme`);
    expect(suggestCode([a, b], 'alice', 'Acme', NOW)).toBeNull();
  });

  it('fills nothing for another user, another issuer, or parameters the server does not use', () => {
    const accounts = [
      account(`otpauth://totp/Acme:bob?secret=${SECRET}&issuer=Acme`),
      account(`otpauth://totp/Other:alice?secret=${SECRET}&issuer=Other`),
      account(`otpauth://totp/Acme:alice?secret=${SECRET}&issuer=Acme&digits=8`),
      account(`otpauth://hotp/Acme:alice?secret=${SECRET}&issuer=Acme&counter=1`),
    ];
    expect(suggestCode(accounts, 'alice', 'Acme', NOW)).toBeNull();
  });
});
