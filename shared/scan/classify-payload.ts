import type { AccountDraft } from '../otp/account';
import { MigrationError, parseMigrationUri, withoutMigrationLabel, type MigrationPage } from '../otp/google-migration';
import { OtpUriError } from '../otp/otp-errors';
import { parseOtpauthUri } from '../otp/otpauth-uri';

/**
 * What a QR code (or a pasted text) holds, as far as Twofold is concerned:
 * - `otpauth`: one account (Key Uri Format), parsed by shared/otp;
 * - `migration`: one page of a Google Authenticator export (otpauth-migration://offline);
 * - `invalid`: it claims to be one of those but is broken (the parser's code and message);
 * - `foreign`: anything else — "this QR code is not an authenticator code", with its scheme
 *   (`https`, `wifi`, …) or null for plain text.
 *
 * Key material: `otpauth` and `migration` results carry secrets.
 */
export type ClassifiedPayload =
  | { readonly kind: 'otpauth'; readonly draft: AccountDraft }
  | { readonly kind: 'migration'; readonly page: MigrationPage }
  | { readonly kind: 'invalid'; readonly scheme: 'otpauth' | 'otpauth-migration'; readonly code: string; readonly message: string }
  | { readonly kind: 'foreign'; readonly scheme: string | null; readonly message: string };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** The URI scheme of a payload, lower-cased, or null when it is not a URI. */
export function payloadScheme(text: string): string | null {
  // A labelled export link ("QR-Code:otpauth-migration://…") is an export link.
  const match = SCHEME.exec(withoutMigrationLabel(text));
  return match ? match[1]!.toLowerCase() : null;
}

export function notAuthenticatorMessage(scheme: string | null): string {
  const holds = scheme === null ? 'plain text' : `a "${scheme}:" link`;
  return `This QR code is not an authenticator code (it holds ${holds}). Scan the code the service shows when you turn on two-factor authentication; it starts with "otpauth://".`;
}

export function classifyPayload(text: string): ClassifiedPayload {
  const scheme = payloadScheme(text);
  if (scheme === 'otpauth') {
    try {
      return { kind: 'otpauth', draft: parseOtpauthUri(text) };
    } catch (error) {
      if (error instanceof OtpUriError) return { kind: 'invalid', scheme, code: error.code, message: error.message };
      throw error;
    }
  }
  if (scheme === 'otpauth-migration') {
    try {
      return { kind: 'migration', page: parseMigrationUri(text) };
    } catch (error) {
      if (error instanceof MigrationError) return { kind: 'invalid', scheme, code: error.code, message: error.message };
      throw error;
    }
  }
  return { kind: 'foreign', scheme, message: notAuthenticatorMessage(scheme) };
}

/**
 * A payload safe to print: the `secret` parameter of otpauth URIs and the `data` parameter of
 * export URIs (which holds secrets) are replaced by `REDACTED`. Used by the CLI without --reveal.
 */
export function redactPayload(text: string): string {
  const scheme = payloadScheme(text);
  if (scheme === 'otpauth') return text.replace(/([?&]secret=)[^&#]*/gi, '$1REDACTED');
  if (scheme === 'otpauth-migration') return text.replace(/([?&]data=)[^&#]*/gi, '$1REDACTED');
  return text;
}
