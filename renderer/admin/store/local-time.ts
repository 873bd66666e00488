/**
 * Times in the admin window are shown in the computer's local time zone, with the UTC time for a
 * hover title (servers and their logs usually speak UTC). `yyyy-mm-dd hh:mm`, 24-hour.
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function formatLocalTime(iso: string | null): string {
  if (!iso) return 'never';
  const t = new Date(iso);
  if (!Number.isFinite(t.getTime())) return iso;
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

export function formatUtcTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return `${new Date(t).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}
