import { ImportError } from './import-errors';

/**
 * Comma-separated values as RFC 4180 §2 defines them: records end at CRLF (LF and CR alone are
 * accepted too), fields may be enclosed in double quotes, and inside quotes a doubled quote is
 * one quote and commas and line breaks are data. Built for exports, not spreadsheets in general:
 * no other separators, no comments.
 *
 * Hostile input: the text is already bounded by MAX_IMPORT_BYTES; this reader is one linear pass
 * (no backtracking), and an unterminated quoted field is an error rather than a silent swallow of
 * the rest of the file.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) {
    throw new ImportError('file-damaged', `The CSV file has a quoted field that opens on line ${quoteLine} and never closes: the file is truncated or damaged. Export it again.`);
  }
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (a trailing newline, spacing) are not records.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}
