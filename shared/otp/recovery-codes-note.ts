import { MAX_RECOVERY_CODES, MAX_RECOVERY_CODE_LENGTH, parseRecoveryCodeLine, type RecoveryCode } from './recovery-codes';

/**
 * Recovery codes in an Aegis entry's note (issue #13.6). Aegis has no field for them, so the
 * Aegis export (shared/export/aegis-export.ts, also the automatic backups) appends them to the
 * entry's `note` under a fixed heading, and the Aegis import (shared/import/formats/aegis.ts)
 * takes them back out, so an export → import round trip keeps the note, the codes and the used
 * marks. In Aegis itself the user sees them as readable text in the note.
 *
 * The format (a contract: files written by one version are read by later ones):
 *
 *   <the account's note, if any>
 *   <blank line, when there is a note>
 *   Recovery codes:
 *   7kq4-m2xp-9fhd
 *   2bqr-88tn-w4ce (used)
 *   …one code per line, used ones followed by " (used)"
 *
 * The block runs from the heading line to the next blank line or the end of the note. It is read
 * only when every line of it is a code: a note in which the user wrote "Recovery codes:" above
 * something else stays a note, untouched.
 */
export const RECOVERY_CODES_NOTE_HEADING = 'Recovery codes:';
export const RECOVERY_CODE_USED_MARK = '(used)';

/** Longest note the import looks into for the block: the note limit plus a full set of codes. */
const MAX_NOTE_WITH_CODES = 4096 + RECOVERY_CODES_NOTE_HEADING.length + MAX_RECOVERY_CODES * (MAX_RECOVERY_CODE_LENGTH + RECOVERY_CODE_USED_MARK.length + 2) + 2;

/** The note an Aegis export writes: the account's note, then the codes under the heading. */
export function noteWithRecoveryCodes(note: string, codes: readonly RecoveryCode[] | undefined): string {
  if (!codes?.length) return note;
  const block = [RECOVERY_CODES_NOTE_HEADING, ...codes.map((c) => (c.used ? `${c.code} ${RECOVERY_CODE_USED_MARK}` : c.code))].join('\n');
  const kept = note.replace(/\s+$/, '');
  return kept ? `${kept}\n\n${block}` : block;
}

/** Takes the recovery-codes block out of a note: the rest of the note, and the codes (none when there is no valid block). */
export function splitRecoveryCodesFromNote(note: string): { note: string; recoveryCodes: RecoveryCode[] } {
  if (note.length > MAX_NOTE_WITH_CODES) return { note, recoveryCodes: [] };
  const lines = note.split(/\r\n|\r|\n/);
  const start = lines.findLastIndex((line) => line.trim() === RECOVERY_CODES_NOTE_HEADING);
  if (start < 0) return { note, recoveryCodes: [] };
  let end = start + 1;
  while (end < lines.length && lines[end]!.trim() !== '') end++;
  const codes: RecoveryCode[] = [];
  for (const line of lines.slice(start + 1, end)) {
    const code = parseRecoveryCodeLine(line);
    if (!code || code.code.length > MAX_RECOVERY_CODE_LENGTH) return { note, recoveryCodes: [] };
    codes.push(code);
  }
  if (codes.length === 0 || codes.length > MAX_RECOVERY_CODES) return { note, recoveryCodes: [] };
  const before = lines.slice(0, start).join('\n').replace(/\s+$/, '');
  const after = lines.slice(end).join('\n').replace(/^\s+/, '');
  return { note: [before, after].filter((part) => part !== '').join('\n\n'), recoveryCodes: codes };
}
