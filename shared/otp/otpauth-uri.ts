import type { AccountDraft, HashAlgorithm, OtpParams } from './account';
import { MAX_LABEL_LENGTH } from './limits';
import { normalizeBase32 } from './base32';
import { OtpUriError, type OtpUriField } from './otp-errors';

/**
 * otpauth:// URIs, as the Google Authenticator Key Uri Format describes them
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format):
 *
 *   otpauth://TYPE/LABEL?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30&counter=0
 *
 * Key material: the `secret` parameter is the shared secret. Parsed URIs are never logged and the
 * secret never appears in an error message.
 *
 * What is accepted, and why:
 * - TYPE `totp`, `hotp`, and Steam Guard either as `otpauth://steam/...` or as
 *   `otpauth://totp/...?encoder=steam` (the form Aegis, andOTP and others write). Steam Guard is
 *   always SHA1, 5 characters, 30 s, so for Steam the algorithm/digits/period parameters are
 *   ignored.
 * - `algorithm` SHA1/SHA256/SHA512 in any case (Ente writes `sha512`), default SHA1; `digits`
 *   6–8, default 6; `period` 1–86400 s, default 30. An empty parameter counts as absent.
 * - `counter` is REQUIRED for hotp by the Key Uri Format; we are lenient and default it to 0
 *   (what the user would otherwise have to type anyway), and ignore it for totp.
 * - Issuer: the Key Uri Format calls the `issuer` parameter STRONGLY RECOMMENDED, says issuer
 *   information "may be taken from the issuer prefix of the label" when the parameter is absent,
 *   that "if both ... are present, they should be equal", and that newer Google Authenticator
 *   versions use the parameter. So when both are present and disagree, the parameter wins and
 *   the label prefix is still dropped from the account name (it is a stale or differently
 *   spelled issuer, not part of the account name). Without the parameter the label prefix is
 *   the issuer. The separator is ":" or its encoding "%3A", and "optional spaces may precede the
 *   account name"; issuer and name are trimmed.
 * - Unknown parameters are ignored (Ente adds `codeDisplay`, others add `image`, `color`).
 * - Case: the scheme (RFC 3986 §3.1), the type and the parameter names are read whatever their
 *   case (`OTPAUTH://TOTP/…?SECRET=…`, as some QR generators upper-case the whole link for the
 *   denser alphanumeric QR mode). Parameter values keep theirs (issuer), except where the value is
 *   an enumeration (algorithm, encoder) or base32 (secret).
 * - A parameter Twofold reads that appears twice (`algorithm=SHA1&…&algorithm=SHA256`, also
 *   `secret=…&SECRET=…`) is refused with its name: guessing which one the service meant would
 *   give wrong codes. Repeated unknown parameters are ignored like any unknown parameter.
 * - Surrounding whitespace is trimmed; input longer than 64 KiB is refused before any parsing
 *   (a QR code holds at most ~7 KB, so anything longer is not an otpauth URI).
 */

export const MAX_URI_INPUT_LENGTH = 64 * 1024;
const DEFAULT_DIGITS = 6;
const DEFAULT_PERIOD = 30;
const MAX_PERIOD_SECONDS = 86_400;

type UriDraft = Pick<AccountDraft, 'issuer' | 'name' | 'otp'>;

function fail(code: ConstructorParameters<typeof OtpUriError>[0], message: string, field?: OtpUriField): never {
  throw new OtpUriError(code, message, field);
}

/** Parses an otpauth:// URI into an account draft. Throws only `OtpUriError`. */
export function parseOtpauthUri(text: string): AccountDraft {
  if (typeof text !== 'string') fail('not-a-uri', 'Expected the text of an otpauth:// link.', 'uri');
  if (text.length > MAX_URI_INPUT_LENGTH) {
    fail(
      'input-too-long',
      `The text is too long to be an otpauth link (${text.length} characters, at most ${MAX_URI_INPUT_LENGTH}): paste only the otpauth:// link.`,
      'uri',
    );
  }
  const input = text.trim();
  if (input.length === 0) fail('not-a-uri', 'Nothing to read: paste an otpauth:// link.', 'uri');

  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(input);
  if (!schemeMatch) {
    fail('not-a-uri', 'This is not an otpauth link: it should start with "otpauth://". If you have the key itself, add the account by typing the key instead.', 'uri');
  }
  const scheme = (schemeMatch[1] ?? '').toLowerCase();
  if (scheme === 'otpauth-migration') {
    fail(
      'unsupported-scheme',
      'This is a Google Authenticator export (otpauth-migration://), not a single account: use "Import from Google Authenticator" to read it.',
      'scheme',
    );
  }
  if (scheme !== 'otpauth') {
    fail('unsupported-scheme', `Links starting with "${truncate(scheme, 24)}:" are not authenticator accounts: expected "otpauth://".`, 'scheme');
  }

  let url: URL;
  try {
    url = new URL(input);
  } catch {
    fail('not-a-uri', 'This otpauth link is malformed and cannot be read: scan or copy it again.', 'uri');
  }
  if (!input.slice(schemeMatch[0].length).startsWith('//') || url.host === '') {
    fail('not-a-uri', 'This otpauth link has no type: it should look like "otpauth://totp/Issuer:account?secret=…".', 'type');
  }

  const params = readParameters(url.searchParams);
  const param = (key: KnownParameter): string | undefined => {
    const value = params.get(key);
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  // Type first: nothing else matters if it is not an account Twofold can hold.
  const type = url.host.toLowerCase();
  const encoder = param('encoder')?.toLowerCase();
  const isSteam = type === 'steam' || (type === 'totp' && encoder === 'steam');
  if (!isSteam && type !== 'totp' && type !== 'hotp') {
    fail('unsupported-type', `Twofold supports totp, hotp and Steam Guard accounts, not "${truncate(type, 20)}".`, 'type');
  }
  if (type === 'hotp' && encoder === 'steam') {
    fail('unsupported-type', 'Steam Guard codes are time-based, but this link says hotp: scan the Steam QR code again.', 'type');
  }

  const { issuer, name } = readIssuerAndName(url.pathname.slice(1), param('issuer'));

  const secretText = params.get('secret');
  if (secretText === undefined || secretText.trim() === '') {
    fail('missing-secret', 'This otpauth link has no key (the "secret" parameter is missing): ask the service for a new QR code or type the key.', 'secret');
  }
  const secret = normalizeBase32(secretText);

  let otp: OtpParams;
  if (isSteam) {
    otp = { type: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30 };
  } else if (type === 'totp') {
    otp = { type: 'totp', secret, algorithm: readAlgorithm(param('algorithm')), digits: readDigits(param('digits')), period: readPeriod(param('period')) };
  } else {
    otp = { type: 'hotp', secret, algorithm: readAlgorithm(param('algorithm')), digits: readDigits(param('digits')), counter: readCounter(param('counter')) };
  }

  return { issuer, name, otp, tags: [], favourite: false, note: '' };
}

const KNOWN_PARAMETERS = ['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder'] as const;
type KnownParameter = (typeof KNOWN_PARAMETERS)[number];

/** The parameters Twofold reads, by lower-cased name; a repeated one is refused (see above). */
function readParameters(search: URLSearchParams): Map<KnownParameter, string> {
  const known = new Set<string>(KNOWN_PARAMETERS);
  const found = new Map<KnownParameter, string>();
  for (const [rawName, value] of search) {
    const name = rawName.toLowerCase();
    if (!known.has(name)) continue;
    const key = name as KnownParameter;
    if (found.has(key)) {
      fail(
        'repeated-parameter',
        `This otpauth link gives the "${key}" parameter more than once, so Twofold cannot tell which value the service meant: ask the service for a new QR code, or add the account by typing the key.`,
        key === 'encoder' ? 'type' : key === 'secret' || key === 'issuer' || key === 'algorithm' || key === 'digits' || key === 'period' || key === 'counter' ? key : 'uri',
      );
    }
    found.set(key, value);
  }
  return found;
}

function readIssuerAndName(rawLabel: string, issuerParam: string | undefined): { issuer: string; name: string } {
  let label: string;
  try {
    label = decodeURIComponent(rawLabel);
  } catch {
    fail('invalid-label', 'The account name in this link is not properly encoded (a stray "%"): scan or copy the link again.', 'label');
  }
  checkText(label, 'label');

  let name = label;
  let labelIssuer: string | undefined;
  const issuerPrefix = issuerParam === undefined ? undefined : `${issuerParam}:`;
  if (issuerPrefix !== undefined && label.slice(0, issuerPrefix.length).toLowerCase() === issuerPrefix.toLowerCase()) {
    // The prefix equals the parameter, colons inside the issuer included ("ACME:EU" + ":bob").
    name = label.slice(issuerPrefix.length);
  } else {
    const colon = label.indexOf(':');
    if (colon >= 0) {
      labelIssuer = label.slice(0, colon);
      name = label.slice(colon + 1);
    }
  }
  const issuer = (issuerParam ?? labelIssuer ?? '').trim();
  name = name.trim();
  checkText(issuer, 'issuer');
  if (issuer.length > MAX_LABEL_LENGTH) {
    fail('label-too-long', `The issuer is too long (${issuer.length} characters, at most ${MAX_LABEL_LENGTH}): add the account by typing the key and a shorter issuer.`, 'issuer');
  }
  if (name.length > MAX_LABEL_LENGTH) {
    fail('label-too-long', `The account name is too long (${name.length} characters, at most ${MAX_LABEL_LENGTH}): add the account by typing the key and a shorter name.`, 'name');
  }
  return { issuer, name };
}

/** Control characters in a label are never legitimate and would garble the list. */
function checkText(text: string, field: OtpUriField): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    fail('invalid-label', `The ${field === 'issuer' ? 'issuer' : 'account name'} in this link contains control characters: scan or copy the link again.`, field);
  }
}

function readAlgorithm(value: string | undefined): HashAlgorithm {
  if (value === undefined) return 'SHA1';
  const canonical = value.toUpperCase().replace(/^SHA-/, 'SHA');
  if (canonical === 'SHA1' || canonical === 'SHA256' || canonical === 'SHA512') return canonical;
  return fail(
    'unsupported-algorithm',
    `The algorithm "${truncate(value, 20)}" is not supported: authenticators use SHA1, SHA256 or SHA512. Check the link, or ask the service for a standard one.`,
    'algorithm',
  );
}

function readInteger(value: string): number | undefined {
  return /^[0-9]{1,16}$/.test(value) ? Number(value) : undefined;
}

function readDigits(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DIGITS;
  const digits = readInteger(value);
  if (digits === 5) {
    fail(
      'invalid-digits',
      'This link asks for 5-digit codes, which only Steam Guard uses: for a Steam account, add it as Steam Guard (the link should say encoder=steam); otherwise the number of digits must be 6, 7 or 8.',
      'digits',
    );
  }
  if (digits === undefined || digits < 6 || digits > 8) {
    fail('invalid-digits', `Codes of "${truncate(value, 20)}" digits are not supported: the number of digits must be 6, 7 or 8.`, 'digits');
  }
  return digits;
}

function readPeriod(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PERIOD;
  const period = readInteger(value);
  if (period === undefined || period < 1 || period > MAX_PERIOD_SECONDS) {
    fail('invalid-period', `The code period "${truncate(value, 20)}" is not valid: it must be a whole number of seconds from 1 to ${MAX_PERIOD_SECONDS} (usually 30).`, 'period');
  }
  return period;
}

function readCounter(value: string | undefined): number {
  if (value === undefined) return 0;
  const counter = readInteger(value);
  if (counter === undefined || !Number.isSafeInteger(counter)) {
    fail('invalid-counter', `The counter "${truncate(value, 24)}" is not valid: it must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`, 'counter');
  }
  return counter;
}

function truncate(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const shown = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

/**
 * What `encodeURIComponent` can encode and the parser accepts: lone UTF-16 surrogates (possible in
 * imported JSON) become U+FFFD, control characters are dropped.
 */
function printable(text: string): string {
  return (
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
  );
}

/** Labels the URL parser would rewrite as dot segments (WHATWG URL path parsing), in any encoding. */
function isDotSegment(text: string): boolean {
  return /^(\.|%2e){1,2}$/i.test(text);
}

/**
 * Formats an account as an otpauth:// URI that `parseOtpauthUri` reads back to the same issuer,
 * name and parameters. Steam Guard is written as `otpauth://totp/...&encoder=steam&digits=5`,
 * which other apps either read as Steam or, failing that, as a 5-digit TOTP.
 *
 * Key material: the result contains the secret. Show it only where the user asked to export.
 */
export function formatOtpauthUri(draft: UriDraft): string {
  const { otp } = draft;
  const issuer = printable(draft.issuer);
  const name = printable(draft.name);
  let label: string;
  if (issuer !== '') {
    label = `${encodeURIComponent(issuer)}:${encodeURIComponent(name)}`;
  } else if (name.includes(':') || isDotSegment(encodeURIComponent(name))) {
    // An empty prefix keeps a colon in the name from being read as an issuer separator, and a
    // name like ".." from being removed by the URL parser as a dot segment.
    label = `:${encodeURIComponent(name)}`;
  } else {
    label = encodeURIComponent(name);
  }

  const query: string[] = [`secret=${otp.secret}`];
  if (issuer !== '') query.push(`issuer=${encodeURIComponent(issuer)}`);
  query.push(`algorithm=${otp.algorithm}`, `digits=${otp.digits}`);
  switch (otp.type) {
    case 'totp':
      query.push(`period=${otp.period}`);
      return `otpauth://totp/${label}?${query.join('&')}`;
    case 'hotp':
      query.push(`counter=${otp.counter}`);
      return `otpauth://hotp/${label}?${query.join('&')}`;
    case 'steam':
      query.push(`period=${otp.period}`, 'encoder=steam');
      return `otpauth://totp/${label}?${query.join('&')}`;
  }
}
