import { describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { generateCode } from '../../shared/otp/generate';
import type { Account } from '../../shared/otp/account';
import type { AdminServerProfile } from '../../shared/settings';
import { vaultCodeFor } from '../../electron/main/services/admin-client/server-link';

const NOW = Date.UTC(2026, 0, 1, 0, 0, 10);
let n = 0;
function account(uri: string): Account {
  const draft = parseOtpauthUri(uri);
  return { ...draft, tags: [], favourite: false, note: '', id: `00000000-0000-4000-8000-00000000000${n++}`, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
}
const SECRET = 'JBSWY3DPEHPK3PXP';
const mine = account(`otpauth://totp/Acme:alice?secret=${SECRET}&issuer=Acme`);
const github = account(`otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub`);
const base: AdminServerProfile = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Acme', url: 'https://mfa.acme.test', issuer: 'Acme' };
const linked: AdminServerProfile = { ...base, link: { accountId: mine.id, username: 'alice', issuer: 'Acme', origin: 'https://mfa.acme.test', via: 'enrollment' } };
const code = (profile: AdminServerProfile, username: string | null = 'alice', isUsed = (_: string) => false) =>
  vaultCodeFor({ profile, accounts: [github, mine], username, now: NOW, isUsed });

describe('which code is filled in for a server (issue #12.3)', () => {
  it('fills the linked account\'s current code and names the origin it is for', () => {
    expect(code(linked)).toEqual({ state: 'linked', origin: 'https://mfa.acme.test', accountLabel: 'Acme (alice)', code: generateCode(mine.otp, NOW), secondsLeft: 20, used: false, message: null });
  });

  it('fills nothing without a link, even when the server names the issuer of a vault account', () => {
    const rogue: AdminServerProfile = { ...base, url: 'http://127.0.0.1:4000', issuer: 'GitHub' };
    const result = code(rogue);
    expect(result).toMatchObject({ state: 'unlinked', code: null, origin: 'http://127.0.0.1:4000' });
    expect(result.message).toMatch(/No vault account is linked to http:\/\/127\.0\.0\.1:4000/);
  });

  it('fills nothing once the server named another issuer, or the link was made for another origin', () => {
    const changed = code({ ...linked, issuer: 'GitHub', link: { ...linked.link!, changedTo: 'GitHub' } });
    expect(changed).toMatchObject({ state: 'changed', code: null });
    expect(changed.message).toMatch(/now names its issuer "GitHub"; it was "Acme"/);
    expect(code({ ...linked, url: 'https://evil.test' })).toMatchObject({ state: 'changed', code: null });
  });

  it('fills nothing for another username, a deleted account, or a locked vault', () => {
    expect(code(linked, 'bob')).toMatchObject({ state: 'unlinked', code: null });
    expect(vaultCodeFor({ profile: linked, accounts: [github], username: 'alice', now: NOW, isUsed: () => false })).toMatchObject({ state: 'unlinked', code: null });
    expect(vaultCodeFor({ profile: linked, accounts: null, username: 'alice', now: NOW, isUsed: () => false })).toMatchObject({ state: 'unlinked', code: null });
  });

  it('never offers a code the server already took: it says to wait for the next one', () => {
    expect(code(linked, 'alice', () => true)).toMatchObject({ state: 'linked', code: null, used: true, secondsLeft: 20 });
  });
});
