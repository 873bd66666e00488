import type { AuditEvent } from '../admin-api';
import { auditTypeLabel, describeAuditDetail } from './audit-words';

export type AuditExportFormat = 'csv' | 'jsonl';

/** At most this many events in one export: ~100 bytes a row, so the file stays far below 100 MB. */
export const AUDIT_EXPORT_MAX_EVENTS = 200_000;

const isoTime = (iso: string) => iso;

/**
 * A CSV cell (RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled).
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) gets a leading apostrophe:
 * usernames and details come from a remote server and must not run in the admin's spreadsheet.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const COLUMNS = ['id', 'time_utc', 'type', 'event', 'by', 'user', 'via', 'details', 'detail_json'] as const;

function row(event: AuditEvent): string[] {
  return [
    String(event.id),
    event.at,
    event.type,
    auditTypeLabel(event.type),
    event.actorUsername ?? '',
    event.subjectUsername ?? '',
    event.via,
    describeAuditDetail(event, isoTime),
    JSON.stringify(event.detail),
  ];
}

/** CSV with a header row, CRLF line ends (RFC 4180 §2). */
export function auditEventsToCsv(events: readonly AuditEvent[]): string {
  const lines = [COLUMNS.join(',')];
  for (const event of events) lines.push(row(event).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** JSON Lines: one event per line, as the server sent it plus its words. @see https://jsonlines.org */
export function auditEventsToJsonLines(events: readonly AuditEvent[]): string {
  return events.map((e) => JSON.stringify({ ...e, event: auditTypeLabel(e.type), details: describeAuditDetail(e, isoTime) })).join('\n') + (events.length ? '\n' : '');
}
