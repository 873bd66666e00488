import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDraft, HashAlgorithm } from '../../shared/otp/account';
import { CodesService } from '../../electron/main/services/codes';
import { ManualClock } from '../../electron/main/services/clock';
import { VaultService } from '../../electron/main/services/vault';
import { PASSWORD, tempDir, vaultErrorOf } from '../vault/vault-test-kit';

/** oathtool (OATH Toolkit) is the independent reference implementation of RFC 4226/6238. */
function oathtool(args: string[]): string {
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

const SHA1_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SHA256_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const SHA512_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA';
const AT_SECONDS = 1_700_000_017;

const totp = (issuer: string, secret: string, algorithm: HashAlgorithm, digits: number, period: number): AccountDraft => ({
  issuer,
  name: 'ana@example.com',
  otp: { type: 'totp', secret, algorithm, digits, period },
  tags: [],
  favourite: false,
  note: '',
});

const cases = [
  totp('SHA1 6/30', SHA1_SECRET, 'SHA1', 6, 30),
  totp('SHA256 8/60', SHA256_SECRET, 'SHA256', 8, 60),
  totp('SHA512 7/45', SHA512_SECRET, 'SHA512', 7, 45),
];
const hotp: AccountDraft = {
  issuer: 'HOTP',
  name: 'counter',
  otp: { type: 'hotp', secret: SHA1_SECRET, algorithm: 'SHA1', digits: 6, counter: 5 },
  tags: [],
  favourite: false,
  note: '',
};

let cleanup: () => Promise<void>;
let vault: VaultService;
let codes: CodesService;
const clock = new ManualClock(AT_SECONDS * 1000);

beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  vault = await VaultService.open({ path: join(dir, 'vault.json'), clock });
  await vault.create(PASSWORD);
  await vault.addAccounts([...cases, hotp]);
  codes = new CodesService(vault, clock);
});
afterAll(async () => {
  codes.dispose();
  await vault.close();
  await cleanup();
});

describe('current codes', () => {
  it.each(cases.map((c, i) => [c.issuer, i] as const))('%s matches oathtool, now and in the last 5 seconds for the next period', (_label, i) => {
    const view = codes.currentCodes(AT_SECONDS * 1000)[i]!;
    const { otp } = cases[i]!;
    if (otp.type !== 'totp' || view.type === 'hotp') throw new Error('expected totp');
    const args = (at: number) => [`--totp=${otp.algorithm.toLowerCase()}`, '-b', '-d', String(otp.digits), '-s', String(otp.period), '-N', `@${at}`, otp.secret];
    expect(view.code).toBe(oathtool(args(AT_SECONDS)));
    const periodStart = Math.floor(AT_SECONDS / otp.period) * otp.period;
    expect(view.periodStart).toBe(periodStart * 1000);
    expect(view.secondsLeft).toBeCloseTo(periodStart + otp.period - AT_SECONDS, 6);
    // More than 5 s left (23 s or 38 s at AT_SECONDS): the next code is not given yet.
    expect(view.secondsLeft).toBeGreaterThan(5);
    expect(view.nextCode).toBeNull();

    // 3 s before the rollover, the same period's code and the next one.
    const lateSeconds = periodStart + otp.period - 3;
    const late = codes.currentCodes(lateSeconds * 1000)[i]!;
    if (late.type === 'hotp') throw new Error('expected totp');
    expect(late).toMatchObject({ code: view.code, periodStart: view.periodStart, secondsLeft: 3 });
    expect(late.nextCode).toBe(oathtool(args(lateSeconds + otp.period)));
    expect(late.nextCode).toBe(oathtool(args(periodStart + otp.period)));
  });

  it('gives the HOTP code of the stored counter (oathtool -c)', () => {
    const view = codes.currentCodes(AT_SECONDS * 1000)[3]!;
    expect(view).toMatchObject({ type: 'hotp', counter: 5, code: oathtool(['-b', '-c', '5', SHA1_SECRET]) });
  });

  it('never carries a secret', () => {
    const json = JSON.stringify([codes.currentCodes(), codes.codeFor(vault.accounts()[0]!.id)]);
    for (const secret of [SHA1_SECRET, SHA256_SECRET, SHA512_SECRET]) expect(json).not.toContain(secret);
    expect(json).not.toMatch(/secret/i);
  });

  it('defaults to the clock and follows it', () => {
    const [first] = codes.currentCodes();
    if (first?.type !== 'totp') throw new Error('expected totp');
    expect(first.nextCode).toBeNull(); // 23 s left at AT_SECONDS
    clock.advance(20_000); // 3 s left: the next code appears
    const [late] = codes.currentCodes();
    clock.advance(5_000); // 2 s into the next period: it is the current code
    const [later] = codes.currentCodes();
    if (late?.type !== 'totp' || later?.type !== 'totp') throw new Error('expected totp');
    expect(late.code).toBe(first.code);
    expect(late.nextCode).toMatch(/^\d{6}$/);
    expect(later.code).toBe(late.nextCode);
    expect(later.nextCode).toBeNull();
    clock.advance(-25_000);
  });
});

describe('one account', () => {
  it('codeFor returns the same view as the list, and an unknown id is account-not-found', async () => {
    const id = vault.accounts()[1]!.id;
    expect(codes.codeFor(id, AT_SECONDS * 1000)).toEqual(codes.currentCodes(AT_SECONDS * 1000)[1]);
    expect((await vaultErrorOf(() => codes.codeFor('00000000-0000-4000-8000-000000000000'))).code).toBe('account-not-found');
  });

  it('advanceHotp saves the next counter and returns its code', async () => {
    const id = vault.accounts()[3]!.id;
    const view = await codes.advanceHotp(id);
    expect(view).toEqual({ id, type: 'hotp', counter: 6, code: oathtool(['-b', '-c', '6', SHA1_SECRET]) });
    expect(codes.codeFor(id)).toEqual(view);
  });

  it('refuses codes while the vault is locked', async () => {
    vault.lock();
    expect((await vaultErrorOf(() => codes.currentCodes())).code).toBe('vault-locked');
    await vault.unlock(PASSWORD);
    expect(codes.currentCodes()).toHaveLength(4);
  });
});
