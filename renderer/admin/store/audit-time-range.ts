/**
 * The audit view's date pickers give whole days (`yyyy-mm-dd`, read in UTC, as the times in the
 * log are shown). The server takes instants: `from` inclusive, `to` exclusive (ISO 8601). So
 * "From 2026-01-02" is 2026-01-02T00:00:00.000Z and "To 2026-01-02" is the start of the next day,
 * which keeps the whole of the To day.
 */
export type AuditTimeRange = { from?: string; to?: string } | { error: string };

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): number | null {
  if (!DAY.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : null;
}

export function auditTimeRange(from: string, to: string): AuditTimeRange {
  const start = from ? dayStart(from) : undefined;
  const end = to ? dayStart(to) : undefined;
  if (start === null) return { error: `"${from}" is not a date. Pick the From date in the calendar.` };
  if (end === null) return { error: `"${to}" is not a date. Pick the To date in the calendar.` };
  if (start !== undefined && end !== undefined && start > end) return { error: 'The From date is after the To date. Pick a From date on or before the To date.' };
  return {
    ...(start !== undefined ? { from: new Date(start).toISOString() } : {}),
    ...(end !== undefined ? { to: new Date(end + DAY_MS).toISOString() } : {}),
  };
}
