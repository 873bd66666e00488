import type { AccountDraft } from '../../otp/account';
import { isOtpUriError } from '../../otp/otp-errors';
import { parseOtpauthUri } from '../../otp/otpauth-uri';
import { ImportError } from '../import-errors';

/**
 * One otpauth:// URI inside an import file. Codes of the otpauth parser that mean "a kind of
 * account Twofold does not generate" (or, for a repeated parameter, "cannot tell which account is
 * meant") skip the entry with the parser's own explanation, which names the parameter; any other
 * failure means the link is damaged, which stops the import ('invalid-entry').
 */
const UNSUPPORTED_CODES = new Set(['unsupported-type', 'unsupported-algorithm', 'invalid-digits', 'repeated-parameter']);

export type UriEntry = { ok: true; draft: AccountDraft } | { ok: false; reason: string };

export function draftFromUri(uri: string, entry: string): UriEntry {
  try {
    return { ok: true, draft: parseOtpauthUri(uri) };
  } catch (error) {
    if (!isOtpUriError(error)) throw error;
    if (UNSUPPORTED_CODES.has(error.code)) return { ok: false, reason: error.message };
    throw new ImportError('invalid-entry', `${entry.charAt(0).toUpperCase()}${entry.slice(1)} is not a valid otpauth link: ${error.message}`, { entry });
  }
}

/** Lines of a text export, with their 1-based line numbers; blank lines and "#" comments dropped. */
export function meaningfulLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) out.push({ line: index + 1, text: trimmed });
  });
  return out;
}

export function lineEntry(line: number, draft?: Pick<AccountDraft, 'issuer' | 'name'>): string {
  if (!draft) return `line ${line}`;
  const label = [draft.issuer, draft.name].filter((p) => p !== '').join(': ');
  return label === '' ? `line ${line}` : `line ${line} (${label.length > 60 ? `${label.slice(0, 60)}…` : label})`;
}
