/**
 * Errors raised while reading an otpauth URI or a typed key. The `code` is stable and
 * machine-readable (the UI and the IPC layer switch on it); the `message` is for people and says
 * what is wrong and what to do about it. `field` names the offending URI part when there is one.
 */
export const OTP_URI_ERROR_CODES = [
  'input-too-long',
  'not-a-uri',
  'unsupported-scheme',
  'unsupported-type',
  'missing-secret',
  'invalid-secret',
  'unsupported-algorithm',
  'invalid-digits',
  'invalid-period',
  'invalid-counter',
  'invalid-label',
  'label-too-long',
  'repeated-parameter',
] as const;
export type OtpUriErrorCode = (typeof OTP_URI_ERROR_CODES)[number];

/** The parts of an otpauth URI an error can point at. */
export type OtpUriField =
  | 'uri'
  | 'scheme'
  | 'type'
  | 'label'
  | 'issuer'
  | 'name'
  | 'secret'
  | 'algorithm'
  | 'digits'
  | 'period'
  | 'counter';

export class OtpUriError extends Error {
  override readonly name = 'OtpUriError';
  readonly code: OtpUriErrorCode;
  readonly field?: OtpUriField;

  constructor(code: OtpUriErrorCode, message: string, field?: OtpUriField) {
    super(message);
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export function isOtpUriError(value: unknown): value is OtpUriError {
  return value instanceof OtpUriError;
}
