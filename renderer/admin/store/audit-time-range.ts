/**
 * The audit view's date pickers give whole days (`yyyy-mm-dd`) in the computer's local time
 * zone, as the times in the log are shown. The server takes instants: `from` inclusive, `to`
 * exclusive (ISO 8601, UTC). So "From 2026-01-02" is that day's local midnight and "To
 * 2026-01-02" is the next local midnight, which keeps the whole of the To day (a DST day too).
 */
export type AuditTimeRange = { from?: string; to?: string } | { error: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localDayStart(day: string, plusDays = 0): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d + plusDays);
  // new Date() rolls 2026-02-31 over to March: refuse instead of silently moving the day.
  const check = new Date(y, mo - 1, d);
  if (check.getFullYear() !== y || check.getMonth() !== mo - 1 || check.getDate() !== d) return null;
  const ms = date.getTime();
  return Number.isFinite(ms) ? ms : null;
}

export function auditTimeRange(from: string, to: string): AuditTimeRange {
  const start = from ? localDayStart(from) : undefined;
  const end = to ? localDayStart(to, 1) : undefined;
  if (start === null) return { error: `"${from}" is not a date. Pick the From date in the calendar.` };
  if (end === null) return { error: `"${to}" is not a date. Pick the To date in the calendar.` };
  if (start !== undefined && end !== undefined && start >= end) return { error: 'The From date is after the To date. Pick a From date on or before the To date.' };
  return {
    ...(start !== undefined ? { from: new Date(start).toISOString() } : {}),
    ...(end !== undefined ? { to: new Date(end).toISOString() } : {}),
  };
}
