import { HOTP } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodeCalculator, CodeViewSchema, bytesToBase32, codeWindow, generateCode, type OtpParams } from '../../shared/otp';
import { NEXT_CODE_LEAD_SECONDS } from '../../shared/otp/generate';

const ascii = (text: string) => bytesToBase32(new TextEncoder().encode(text));
const RFC_SHA1: OtpParams = { type: 'totp', secret: ascii('12345678901234567890'), algorithm: 'SHA1', digits: 8, period: 30 };
/** 1_700_000_010 s is a multiple of 30, and 1_700_000_040 s of 60. */
const PERIOD_START = 1_700_000_010_000;

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
    // 10 s left, 10.001 s, 30 s (a rollover), exactly 5 s, 3 s (60 s accounts too), 24.5 s.
    for (const at of [1_700_000_000_000, 1_700_000_029_999, 1_700_000_040_000, 1_700_000_065_000, 1_700_000_097_000, 1_700_000_095_500]) {
      const views = calculator.views(list, at);
      expect(views).toEqual(list.map(({ id, otp }) => ({ id, ...codeWindow(otp, at) })));
      for (const view of views) expect(CodeViewSchema.parse(view)).toEqual(view);
    }
  });

  it('gives the next code exactly in the last 5 seconds of the period, null before', () => {
    expect(NEXT_CODE_LEAD_SECONDS).toBe(5);
    const calculator = new CodeCalculator();
    const list = accounts(30).filter(({ otp }) => otp.type !== 'hotp');
    for (const [offsetMs, due] of [[0, false], [24_999, false], [25_000, true], [29_999, true]] as const) {
      for (const view of calculator.views(list, PERIOD_START + offsetMs)) {
        if (view.type === 'hotp') throw new Error('expected a time-based account');
        // 60 s accounts roll over at the same instant (PERIOD_START is 30 s into their period).
        const otp = list.find((a) => a.id === view.id)!.otp;
        expect(view.nextCode).toBe(due ? generateCode(otp, PERIOD_START + 30_000) : null);
      }
    }
  });

  it('follows RFC 6238 across a period rollover (next code becomes the current one)', () => {
    const calculator = new CodeCalculator();
    expect(calculator.window('a', RFC_SHA1, 1111111080_000)).toMatchObject({ code: '07081804', nextCode: null });
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

    /** The prefetch slice of a refresh of `count` accounts: a tenth, at least 8. */
    const slice = (count: number) => Math.max(8, Math.ceil(count / 10));

    it('the first refresh of N accounts computes exactly N HMACs outside the last 5 seconds, 2 per time-based one inside', () => {
      const list = accounts(1000); // totp 30 s and 60 s, steam, hotp
      const timeBased = list.filter(({ otp }) => otp.type !== 'hotp').length;
      const hmacs = vi.spyOn(HOTP, 'generate');

      // 1 s into a 30 s period and 31 s into a 60 s one: no account shows its next code.
      const cold = new CodeCalculator().views(list, PERIOD_START + 1000);
      expect(hmacs).toHaveBeenCalledTimes(list.length);
      expect(cold.every((v) => v.type === 'hotp' || v.nextCode === null)).toBe(true);
      hmacs.mockClear();

      // 3 s before a rollover of both periods: every time-based account shows its next code too.
      const late = new CodeCalculator().views(list, PERIOD_START + 27_000);
      expect(hmacs).toHaveBeenCalledTimes(list.length + timeBased);
      expect(late.every((v) => v.type === 'hotp' || v.nextCode !== null)).toBe(true);
    });

    it('refreshing every second spreads the next codes over the quiet refreshes: nothing at the last-5-s threshold, a slice at the rollover', () => {
      const calculator = new CodeCalculator();
      const list = accounts(1000).filter(({ otp }) => otp.type !== 'hotp' && otp.period === 30);
      const hmacs = vi.spyOn(HOTP, 'generate');
      const fresh = calculator.views(list, PERIOD_START + 1000);
      expect(hmacs).toHaveBeenCalledTimes(list.length);

      // Quiet refreshes (more than 5 s left): the codes stay the same, no next code is shown, and
      // each refresh computes one slice of next codes until every account has its own.
      let prefetched = 0;
      for (let second = 2; second < 25; second++) {
        hmacs.mockClear();
        const views = calculator.views(list, PERIOD_START + second * 1000);
        expect(views.map((v) => v.code)).toEqual(fresh.map((v) => v.code));
        expect(views.every((v) => v.type !== 'hotp' && v.nextCode === null)).toBe(true);
        expect(hmacs).toHaveBeenCalledTimes(Math.min(slice(list.length), list.length - prefetched));
        prefetched += hmacs.mock.calls.length;
      }
      expect(prefetched).toBe(list.length);

      // Entering the last 5 s: every next code is shown, and every one was already computed.
      hmacs.mockClear();
      const threshold = calculator.views(list, PERIOD_START + 25_000);
      expect(hmacs).not.toHaveBeenCalled();
      expect(threshold).toEqual(list.map(({ id, otp }) => ({ id, ...codeWindow(otp, PERIOD_START + 25_000) })));
      expect(threshold.every((v) => v.type !== 'hotp' && v.nextCode !== null)).toBe(true);
      hmacs.mockClear(); // codeWindow above computed its own
      for (let second = 26; second < 30; second++) calculator.views(list, PERIOD_START + second * 1000);
      expect(hmacs).not.toHaveBeenCalled();

      // Across the boundary the next codes become the current ones, already cached; the refresh
      // only computes the first slice of the following period's next codes.
      const rolled = calculator.views(list, PERIOD_START + 30_000);
      expect(rolled.map((v) => v.code)).toEqual(threshold.map((v) => (v.type === 'hotp' ? v.code : v.nextCode)));
      expect(hmacs).toHaveBeenCalledTimes(slice(list.length));
      for (const view of rolled) expect(CodeViewSchema.parse(view)).toEqual(view);
      expect(rolled).toEqual(list.map(({ id, otp }) => ({ id, ...codeWindow(otp, PERIOD_START + 30_000) })));
    });

    it('after an unlock late in a period, the last-5-s refresh computes only the next codes not yet prefetched', () => {
      const calculator = new CodeCalculator();
      const list = accounts(1000).filter(({ otp }) => otp.type !== 'hotp' && otp.period === 30);
      const hmacs = vi.spyOn(HOTP, 'generate');
      calculator.views(list, PERIOD_START + 23_000); // first refresh: current codes only
      expect(hmacs).toHaveBeenCalledTimes(list.length);
      hmacs.mockClear();
      calculator.views(list, PERIOD_START + 24_000); // one quiet refresh: one slice
      expect(hmacs).toHaveBeenCalledTimes(slice(list.length));
      hmacs.mockClear();
      const threshold = calculator.views(list, PERIOD_START + 25_000);
      expect(hmacs).toHaveBeenCalledTimes(list.length - slice(list.length));
      expect(threshold).toEqual(list.map(({ id, otp }) => ({ id, ...codeWindow(otp, PERIOD_START + 25_000) })));
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
