import { z } from 'zod';
import { DomainError } from '../domain-error';

/**
 * A service's recovery (backup) codes, kept with its vault account (issue #13.6).
 *
 * Key material: a recovery code signs in to the service in place of an OTP code, so codes are
 * kept like the OTP secret: inside the encrypted vault content, in main only. The renderer gets
 * a count (`RecoveryCodesSummary`) with the account list, and the codes themselves only through
 * the password-gated reveal (electron/main/services/recovery-codes).
 */

/** At most this many codes per account: services issue 8–16; room for a few sets appended. */
export const MAX_RECOVERY_CODES = 100;
/** Longest code kept (as written, separators included): GitHub's are 11, GitLab's 16, Google's 9. */
export const MAX_RECOVERY_CODE_LENGTH = 64;
/** Fewest letters and digits a code has (separators and spaces not counted). */
export const MIN_RECOVERY_CODE_CHARS = 4;
/** Largest paste or .txt file read, in characters/bytes: 100 codes need ~7 KB; this bounds a hostile one. */
export const MAX_RECOVERY_TEXT_LENGTH = 64 * 1024;

export const RecoveryCodeSchema = z.object({
  code: z.string().min(1).max(MAX_RECOVERY_CODE_LENGTH),
  used: z.boolean(),
});
export type RecoveryCode = z.infer<typeof RecoveryCodeSchema>;

export const RecoveryCodesSchema = z.array(RecoveryCodeSchema).max(MAX_RECOVERY_CODES);

/** What the renderer may know without the password: how many codes there are, how many unused. */
export const RecoveryCodesSummarySchema = z.object({ total: z.number().int().min(0), unused: z.number().int().min(0) });
export type RecoveryCodesSummary = z.infer<typeof RecoveryCodesSummarySchema>;

export function summariseRecoveryCodes(codes: readonly RecoveryCode[] | undefined): RecoveryCodesSummary {
  const list = codes ?? [];
  return { total: list.length, unused: list.filter((c) => !c.used).length };
}

/**
 * The comparison form of a code: lower case, no spaces, dashes or dots. Used to find duplicates and
 * the code a server accepted; the code itself is stored as the user gave it.
 */
export function recoveryCodeKey(code: string): string {
  return code.toLowerCase().replace(/[\s\-\u2010-\u2015_.]/g, '');
}

export type RecoveryCodesErrorCode =
  | 'too-long-input'
  | 'too-many'
  | 'code-too-long'
  | 'no-codes'
  | 'file-too-large'
  | 'file-unreadable'
  | 'reveal-required'
  | 'no-such-code';

/** A refused recovery-code request; the message says what is wrong and what to do. */
export class RecoveryCodesError extends DomainError<RecoveryCodesErrorCode> {
  override readonly name = 'RecoveryCodesError';
}

export interface ParsedRecoveryCodes {
  codes: RecoveryCode[];
  /** Lines that were not codes (a title, a date line, prose), so the user sees what was left out. */
  skipped: string[];
  /** Codes given twice (compared without case and separators): kept once. */
  duplicates: number;
}

/**
 * Decoration a line may carry around its code, removed before the code is read. Only decoration
 * is removed; the code's own characters are never changed (a line `1234-5678` keeps its 1234:
 * a number counts as list numbering only when a `.`, `)` or `:` and a space follow it).
 * - list numbering `1. ` `2) ` `(3) ` `#4 ` `5: `, bullets `- ` `* ` `• ` `· ` `– ` `+ `,
 *   check boxes `[ ] ` `[x] `;
 * - a trailing used mark ` (used)` (Twofold's own Aegis note, see aegis-export.ts), or the whole
 *   code struck through `~~code~~` (Markdown), which both mean "already used".
 */
const NUMBERING = /^(?:\(\d{1,3}\)|#\d{1,3}|\d{1,3}[.):])\s+/;
const BULLET = /^[-*•·–—+]\s+/;
const CHECKBOX = /^\[[ xX]?\]\s+/;
const USED_SUFFIX = /\s*\((?:used)\)$/i;
const STRUCK = /^~~(.+)~~$/;
/** A code: groups of letters and digits joined by single spaces or dashes. */
const CODE_SHAPE = /^[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*$/;

/** The code on one line (decoration removed), or null when the line holds no code. */
export function parseRecoveryCodeLine(line: string): RecoveryCode | null {
  let text = line.trim().replace(/\s+/g, ' ');
  let previous: string;
  do {
    previous = text;
    text = text.replace(NUMBERING, '').replace(BULLET, '').replace(CHECKBOX, '');
  } while (text !== previous);
  let used = false;
  if (USED_SUFFIX.test(text)) {
    used = true;
    text = text.replace(USED_SUFFIX, '');
  }
  const struck = STRUCK.exec(text);
  if (struck) {
    used = true;
    text = struck[1]!.trim();
  }
  if (!CODE_SHAPE.test(text)) return null;
  const chars = text.replace(/[ -]/g, '');
  if (chars.length < MIN_RECOVERY_CODE_CHARS) return null;
  // Codes are printed in groups of one length (the last may be shorter) and in one case; a line
  // like "Codes from 2024" or "Backup codes 2024" is prose, not a code.
  const groups = text.split(/[ -]/);
  const width = groups[0]!.length;
  if (groups.some((g, i) => (i === groups.length - 1 ? g.length > width : g.length !== width))) return null;
  if (groups.some((g) => /^[A-Z][a-z]+$/.test(g))) return null;
  // Most codes have a digit (GitHub, GitLab, Google, Twofold). One without needs the look of a
  // code, so a title ("Backup codes", "hello there") is not read as one: two or more groups of the
  // same length (4 or more) joined by dashes, all in one case, like `abcd-efgh`.
  if (!/\d/.test(chars)) {
    const looksLikeCode =
      !text.includes(' ') && groups.length >= 2 && width >= 4 && groups.every((g) => g.length === width) && (chars === chars.toLowerCase() || chars === chars.toUpperCase());
    if (!looksLikeCode) return null;
  }
  return { code: text, used };
}

/**
 * Reads recovery codes from pasted text or a .txt file: one per line, in any common format
 * (`7kq4-m2xp-9fhd`, `7KQ4 M2XP 9FHD`, numbered or bulleted lists, blank lines, CRLF). Lines
 * that hold no code are reported in `skipped`, never silently turned into codes. Refuses text
 * over MAX_RECOVERY_TEXT_LENGTH, a code over MAX_RECOVERY_CODE_LENGTH and more than
 * MAX_RECOVERY_CODES codes, with a message that says what to do.
 */
export function parseRecoveryCodes(text: string): ParsedRecoveryCodes {
  if (text.length > MAX_RECOVERY_TEXT_LENGTH) {
    throw new RecoveryCodesError('too-long-input', `That is more than ${MAX_RECOVERY_TEXT_LENGTH / 1024} KB of text. Paste only the recovery codes, one per line.`);
  }
  const codes: RecoveryCode[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const parsed = parseRecoveryCodeLine(line);
    if (!parsed) {
      skipped.push(line.length > 80 ? `${line.slice(0, 80)}…` : line);
      continue;
    }
    if (parsed.code.length > MAX_RECOVERY_CODE_LENGTH) {
      throw new RecoveryCodesError('code-too-long', `A code is longer than ${MAX_RECOVERY_CODE_LENGTH} characters ("${parsed.code.slice(0, 20)}…"). Put one code on each line.`);
    }
    const key = recoveryCodeKey(parsed.code);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    codes.push(parsed);
    if (codes.length > MAX_RECOVERY_CODES) {
      throw new RecoveryCodesError('too-many', `That is more than ${MAX_RECOVERY_CODES} recovery codes. An account keeps at most ${MAX_RECOVERY_CODES}: paste only the current set.`);
    }
  }
  if (codes.length === 0) {
    throw new RecoveryCodesError('no-codes', 'No recovery codes found. Paste the codes one per line (for example 7kq4-m2xp-9fhd).');
  }
  return { codes, skipped, duplicates };
}

/**
 * The account's codes after adding `incoming`: `replace` drops the old set (a service that issues
 * a new set voids the old one), `append` keeps it and adds the codes not already there.
 */
export function mergeRecoveryCodes(current: readonly RecoveryCode[], incoming: readonly RecoveryCode[], mode: 'replace' | 'append'): RecoveryCode[] {
  if (mode === 'replace') return incoming.map((c) => ({ ...c }));
  const seen = new Set(current.map((c) => recoveryCodeKey(c.code)));
  const merged = [...current.map((c) => ({ ...c })), ...incoming.filter((c) => !seen.has(recoveryCodeKey(c.code))).map((c) => ({ ...c }))];
  if (merged.length > MAX_RECOVERY_CODES) {
    throw new RecoveryCodesError(
      'too-many',
      `The account would hold ${merged.length} recovery codes; it keeps at most ${MAX_RECOVERY_CODES}. Replace the old set instead of adding to it.`,
    );
  }
  return merged;
}
