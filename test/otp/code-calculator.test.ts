import { HOTP } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodeCalculator, CodeViewSchema, bytesToBase32, codeWindow, generateCode, type OtpParams } from '../../shared/otp';

const ascii = (text: string) => bytesToBase32(new TextEncoder().encode(text));
const RFC_SHA1: OtpParams = { type: 'totp', secret: ascii('12345678901234567890'), algorithm: 'SHA1', digits: 8, period: 30 };

function accounts(count: number): { id: string; otp: OtpParams }[] {
  return Array.from({ length: count }, (_, i) => {
    const secret = bytesToBase32(Uint8Array.from({ length: 20 }, (_, b) => (i * 31 + b * 7) & 0xff));
    const otp: OtpParams =
      i % 10 === 0
        ? { type: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30 }
        : i % 10 === 1
          ? { type: 'hotp', secret, algorithm: 'SHA256', digits: 7, counter: i }
          : { type: 'totp', secret, algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3] ?? 'SHA1', digits: 6 + (i % 3), period: i % 7 === 0 ? 60 : 30 };
    return { id: `account-${i}`, otp };
  });
}

describe('CodeCalculator', () => {
  it('gives the same windows as the stateless functions, as valid CodeViews', () => {
    const calculator = new CodeCalculator();
    const list = accounts(50);
    for (const at of [1_700_000_000_000, 1_700_000_029_999, 1_700_000_030_000, 1_700_000_095_500]) {
      const views = calculator.views(list, at);
      expect(views).toEqual(list.map(({ id, otp }) => ({ id, ...codeWindow(otp, at) })));
      for (const view of views) expect(CodeViewSchema.parse(view)).toEqual(view);
    }
  });

  it('follows RFC 6238 across a period rollover (next code becomes the current one)', () => {
    const calculator = new CodeCalculator();
    expect(calculator.window('a', RFC_SHA1, 1111111109_000)).toMatchObject({ code: '07081804', nextCode: '14050471' });
    expect(calculator.code('a', RFC_SHA1, 1111111111_000)).toBe('14050471');
  });

  it('uses the new secret or settings as soon as an account changes', () => {
    const calculator = new CodeCalculator();
    const at = 1_700_000_000_000;
    const before = calculator.code('a', RFC_SHA1, at);
    const changed: OtpParams = { ...RFC_SHA1, secret: ascii('another secret here!') };
    expect(calculator.code('a', changed, at)).toBe(generateCode(changed, at));
    expect(calculator.code('a', changed, at)).not.toBe(before);
    expect(calculator.code('a', { ...changed, digits: 6 }, at)).toBe(generateCode({ ...changed, digits: 6 }, at));
    expect(calculator.code('a', { ...changed, algorithm: 'SHA512' }, at)).toBe(generateCode({ ...changed, algorithm: 'SHA512' }, at));
    expect(calculator.code('a', { ...changed, period: 60 }, at)).toBe(generateCode({ ...changed, period: 60 }, at));
  });

  it('follows an hotp counter increment without a stale code', () => {
    const calculator = new CodeCalculator();
    const hotp: OtpParams = { type: 'hotp', secret: ascii('12345678901234567890'), algorithm: 'SHA1', digits: 6, counter: 0 };
    expect([0, 1, 2, 3, 4, 0].map((counter) => calculator.code('h', { ...hotp, counter }, 0))).toEqual(['755224', '287082', '359152', '969429', '338314', '755224']);
  });

  it('forgets deleted accounts and everything on clear (key material)', () => {
    const calculator = new CodeCalculator();
    calculator.views(accounts(5), 1_700_000_000_000);
    expect(calculator.size).toBe(5);
    calculator.views(accounts(3), 1_700_000_000_000);
    expect(calculator.size).toBe(3);
    calculator.forget('account-0');
    expect(calculator.size).toBe(2);
    calculator.clear();
    expect(calculator.size).toBe(0);
  });

  describe('fast path (counted HMACs, not timings: the machine is shared)', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('refreshing 1,000 accounts every second computes each code once, and little at a rollover', () => {
      const calculator = new CodeCalculator();
      const list = accounts(1000).filter(({ otp }) => otp.type !== 'hotp' && otp.period === 30);
      const periodStart = 1_700_000_010_000; // 1_700_000_010 s is a multiple of 30
      const hmacs = vi.spyOn(HOTP, 'generate');
      const fresh = calculator.views(list, periodStart + 1000);

      // The first refresh computes current and next codes; over the quiet refreshes of the
      // period the codes stay the same and each account gets exactly one more HMAC (its
      // period-after-next code, prefetched a slice at a time).
      for (let second = 2; second < 30; second++) {
        expect(calculator.views(list, periodStart + second * 1000).map((v) => v.code)).toEqual(fresh.map((v) => v.code));
      }
      expect(hmacs).toHaveBeenCalledTimes(3 * list.length);
      hmacs.mockClear();

      // The refresh across the boundary finds current and next codes cached; it only starts the
      // next slice of prefetching.
      const rolled = calculator.views(list, periodStart + 30_000);
      expect(rolled.map((v) => v.code)).toEqual(fresh.map((v) => (v.type === 'hotp' ? v.code : v.nextCode)));
      expect(hmacs.mock.calls.length).toBeLessThanOrEqual(Math.ceil(list.length / 10));
      for (const view of rolled) expect(CodeViewSchema.parse(view)).toEqual(view);
      expect(rolled).toEqual(list.map(({ id, otp }) => ({ id, ...codeWindow(otp, periodStart + 30_000) })));
    });

    it('computes nothing when refreshed twice at the same instant', () => {
      const calculator = new CodeCalculator();
      const list = accounts(100);
      for (let i = 0; i < 20; i++) calculator.views(list, 1_700_000_011_000);
      const hmacs = vi.spyOn(HOTP, 'generate');
      calculator.views(list, 1_700_000_011_000);
      expect(hmacs).not.toHaveBeenCalled();
    });
  });
});
