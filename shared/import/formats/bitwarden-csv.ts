import { parseCsv } from '../csv';
import { ImportError, describeEntry } from '../import-errors';
import type { DetectedContent, FormatParser, ParsedImport } from '../import-types';
import { assertEntryCount } from '../limits';
import { bitwardenTag, readBitwardenLogin, type BitwardenLogin } from './bitwarden';

/**
 * Bitwarden's CSV export (Export vault → File format ".csv"). Its columns, as Bitwarden documents
 * them for import and export of individual vaults
 * (https://bitwarden.com/help/condition-bitwarden-import/, "Condition a .csv"):
 *
 *   folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp
 *
 * `favorite` is 1 for a favourite, `type` is "login" or "note", `login_totp` holds what the JSON
 * export's `login.totp` holds (an otpauth:// URI, `steam://<base32>` or a bare base32 key). Columns
 * are found by their header name, so older exports without `reprompt` (as Aegis's test file
 * bitwarden.csv) and added columns read the same. Rows are read exactly as the JSON items are
 * (`readBitwardenLogin`); rows without a key are passwords and are left out without comment. The
 * folder and an organization export's `collections` (comma-separated) become tags.
 */
const REQUIRED = ['name', 'login_totp'] as const;

function headerOf(content: DetectedContent): string[] | null {
  if (content.kind !== 'text') return null;
  const firstLine = content.text.slice(0, 4096).split(/\r\n|\r|\n/, 1)[0] ?? '';
  const names = firstLine.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  return REQUIRED.every((r) => names.includes(r)) && names.includes('login_username') ? names : null;
}

export const bitwardenCsvParser: FormatParser = {
  format: 'bitwarden-csv',
  matches: (content) => headerOf(content) !== null,
  isEncrypted: () => false,
  parse(content) {
    if (content.kind !== 'text') throw new ImportError('unsupported-format', 'This is not a Bitwarden CSV export.');
    return Promise.resolve(readRows(parseCsv(content.text)));
  },
};

function readRows(rows: string[][]): ParsedImport {
  const [header, ...records] = rows;
  if (!header) throw new ImportError('empty-file', 'The Bitwarden CSV export has no rows: export the vault again.');
  assertEntryCount(records.length);
  const column = new Map(header.map((name, index) => [name.trim().toLowerCase(), index]));
  const cell = (record: string[], name: string): string => {
    const index = column.get(name);
    return index === undefined ? '' : (record[index] ?? '');
  };
  const result: ParsedImport = { accounts: [], skipped: [] };
  records.forEach((record, index) => {
    const type = cell(record, 'type').trim().toLowerCase();
    if (type !== '' && type !== 'login') return;
    const itemName = cell(record, 'name').trim();
    const login: BitwardenLogin = {
      itemName,
      username: cell(record, 'login_username').trim(),
      totp: cell(record, 'login_totp'),
      // An organization's CSV lists its collections comma-separated, as Bitwarden's own importer reads them.
      tags: [cell(record, 'folder'), ...cell(record, 'collections').split(',')].map(bitwardenTag).filter((t) => t !== ''),
      favourite: cell(record, 'favorite').trim() === '1',
    };
    // Row numbers as a spreadsheet shows them: the header is row 1.
    readBitwardenLogin(login, describeEntry(index, itemName).replace(/^entry \d+/, `row ${index + 2}`), result);
  });
  return result;
}
