import { AccountDraftSchema, MAX_LABEL_LENGTH, type AccountDraft, type HashAlgorithm, type OtpParams } from '../otp/account';
import { normalizeBase32 } from '../otp/base32';
import { checkTags } from '../otp/tags';
import { isOtpUriError } from '../otp/otp-errors';
import { ImportError, clip } from './import-errors';

/**
 * Turns one entry of any export format into an AccountDraft, or says why it is skipped.
 *
 * Two kinds of trouble, kept apart on purpose:
 * - an entry Twofold cannot use by design (mOTP, Yandex, MD5, 4-digit codes) is *skipped* with a
 *   reason, and the rest of the file imports;
 * - an entry that is malformed (a key that is not base32, a negative counter, a missing field)
 *   means the file is damaged, so the whole import stops with 'invalid-entry' naming the entry:
 *   importing the rest would silently lose an account.
 *
 * Key material: `secret` is the shared secret; it never appears in a message.
 */
export interface RawEntry {
  type: unknown;
  issuer: unknown;
  name: unknown;
  secret: unknown;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  /** The entry's groups/tags/folder names in order; null, undefined or [] for none. */
  tags?: unknown;
  favourite?: unknown;
  note?: unknown;
}

export type BuiltEntry = { ok: true; draft: AccountDraft } | { ok: false; reason: string };

const MAX_NOTE_LENGTH = 4096;
const MAX_PERIOD_SECONDS = 86_400;

const UNSUPPORTED_TYPES: Readonly<Record<string, string>> = {
  motp: 'mOTP (Mobile-OTP) accounts are not supported: Twofold generates TOTP, HOTP and Steam codes.',
  yandex: 'Yandex accounts (Yaotp) are not supported: Twofold generates TOTP, HOTP and Steam codes.',
  yaotp: 'Yandex accounts (Yaotp) are not supported: Twofold generates TOTP, HOTP and Steam codes.',
};

export function buildDraft(raw: RawEntry, entry: string): BuiltEntry {
  const invalid = (what: string): never => {
    throw new ImportError('invalid-entry', `${capitalise(entry)} is damaged: ${what}. Fix or remove it in the original app and export again.`, { entry });
  };

  if (typeof raw.type !== 'string') return invalid('its type is missing');
  const type = raw.type.trim().toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    return { ok: false, reason: UNSUPPORTED_TYPES[type] ?? `The account type "${clip(raw.type, 20)}" is not supported: Twofold generates TOTP, HOTP and Steam codes.` };
  }

  const issuer = readLabel(raw.issuer, 'issuer', invalid);
  const name = readLabel(raw.name, 'account name', invalid);

  if (typeof raw.secret !== 'string') return invalid('its key is missing');
  let secret: string;
  try {
    secret = normalizeBase32(raw.secret);
  } catch (error) {
    if (isOtpUriError(error)) return invalid(`its key is not valid base32 (${lowerFirst(error.message)})`);
    throw error;
  }

  let otp: OtpParams;
  if (type === 'steam') {
    otp = { type: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30 };
  } else {
    const algorithm = readAlgorithm(raw.algorithm);
    if (algorithm === null) return { ok: false, reason: `The algorithm "${clip(String(raw.algorithm), 20)}" is not supported: Twofold uses SHA1, SHA256 or SHA512.` };
    const digits = raw.digits === undefined || raw.digits === null ? 6 : raw.digits;
    if (typeof digits !== 'number' || !Number.isInteger(digits)) return invalid('its number of digits is not a whole number');
    if (digits < 6 || digits > 8) return { ok: false, reason: `Codes of ${digits} digits are not supported: Twofold shows 6, 7 or 8 digits.` };
    if (type === 'totp') {
      const period = raw.period === undefined || raw.period === null ? 30 : raw.period;
      if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || period > MAX_PERIOD_SECONDS) {
        return invalid(`its period must be a whole number of seconds from 1 to ${MAX_PERIOD_SECONDS}`);
      }
      otp = { type: 'totp', secret, algorithm, digits, period };
    } else {
      const counter = raw.counter === undefined || raw.counter === null ? 0 : raw.counter;
      if (typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 0) return invalid('its counter must be a whole number of 0 or more');
      otp = { type: 'hotp', secret, algorithm, digits, counter };
    }
  }

  const tags = readTags(raw.tags, entry);
  const note = raw.note === undefined || raw.note === null ? '' : raw.note;
  if (typeof note !== 'string') return invalid('its note is not text');
  if (note.length > MAX_NOTE_LENGTH) return invalid(`its note is longer than ${MAX_NOTE_LENGTH} characters (shorten it)`);

  const parsed = AccountDraftSchema.safeParse({ issuer, name, otp, tags, favourite: raw.favourite === true, note });
  if (!parsed.success) return invalid('its fields do not form a valid account');
  return { ok: true, draft: parsed.data };
}

function readLabel(value: unknown, what: string, invalid: (what: string) => never): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return invalid(`its ${what} is not text`);
  // Control characters never belong in a label and would garble the list and the CLI output.
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (text.length > MAX_LABEL_LENGTH) return invalid(`its ${what} is longer than ${MAX_LABEL_LENGTH} characters`);
  return text;
}

/**
 * The entry's tags under the shared tag rules (shared/otp/tags.ts). Empty names are dropped (an
 * app's "no group"), duplicates merge; a name with an invisible character, too long, or too many
 * of them stops the import naming the entry and the tag: importing it changed or without the tag
 * would silently lose what the user set up.
 */
export function readTags(value: unknown, entry: string): string[] {
  if (value === undefined || value === null) return [];
  const refuse = (what: string): never => {
    throw new ImportError('invalid-entry', `${capitalise(entry)} cannot be imported: ${lowerFirst(what)}`, { entry });
  };
  if (!Array.isArray(value)) return refuse('its groups are not a list. Export the file again from the original app.');
  if (value.some((tag) => typeof tag !== 'string')) return refuse('one of its group names is not text. Export the file again from the original app.');
  const named = (value as string[]).filter((tag) => tag.trim() !== '');
  const checked = checkTags(named, {
    invisible: 'Rename that group or tag in the original app and export again.',
    long: 'Rename that group or tag in the original app and export again.',
    many: 'Remove it from some groups or tags in the original app and export again.',
  });
  return checked.ok ? checked.tags : refuse(checked.message);
}

function readAlgorithm(value: unknown): HashAlgorithm | null {
  if (value === undefined || value === null || value === '') return 'SHA1';
  if (typeof value !== 'string') return null;
  const canonical = value.trim().toUpperCase().replace(/^SHA-/, 'SHA');
  return canonical === 'SHA1' || canonical === 'SHA256' || canonical === 'SHA512' ? canonical : null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Narrowing helpers for untrusted JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
