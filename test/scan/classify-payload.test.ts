import { describe, expect, it } from 'vitest';
import { classifyPayload, payloadScheme, redactPayload } from '../../shared/scan/classify-payload';

describe('classifyPayload', () => {
  it.each([
    ['otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub', 'otpauth'],
    ['OTPAUTH://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP', 'otpauth'],
    ['otpauth-migration://offline?data=CjYKEExyJfPiZeroMa/MdF%2BnkTISE2pvaG5kb2VAZXhhbXBsZS5jb20aB0Rpc2NvcmQgASgBMAIQARgBIAA%3D', 'migration'],
    ['otpauth://totp/X?secret=', 'invalid'],
    ['otpauth-migration://offline?data=%%%', 'invalid'],
    ['https://example.com', 'foreign'],
    ['hello world', 'foreign'],
  ])('%s is %s', (text, kind) => {
    expect(classifyPayload(text).kind).toBe(kind);
  });

  it('names the scheme of a foreign code, or says it is plain text', () => {
    expect(classifyPayload('mailto:a@example.com')).toMatchObject({ kind: 'foreign', scheme: 'mailto', message: expect.stringContaining('"mailto:" link') });
    expect(classifyPayload('12345')).toMatchObject({ kind: 'foreign', scheme: null, message: expect.stringContaining('plain text') });
    expect(payloadScheme('  WIFI:S:x;;')).toBe('wifi');
  });

  it('keeps the parser\'s error code for a broken authenticator code', () => {
    expect(classifyPayload('otpauth://totp/X?secret=1111')).toMatchObject({ kind: 'invalid', scheme: 'otpauth', code: 'invalid-secret' });
  });
});

describe('redactPayload', () => {
  it('hides secrets and export data, leaves other text alone', () => {
    expect(redactPayload('otpauth://totp/A:b?issuer=A&secret=JBSWY3DPEHPK3PXP&digits=6')).toBe('otpauth://totp/A:b?issuer=A&secret=REDACTED&digits=6');
    expect(redactPayload('otpauth-migration://offline?data=Cj%2BX')).toBe('otpauth-migration://offline?data=REDACTED');
    expect(redactPayload('https://example.com/?secret=x')).toBe('https://example.com/?secret=x');
  });
});
