import { AUDIT_EVENT_TYPES, type AuditEvent, type AuditEventType } from '../../../shared/admin-api';
import { useAdmin, useAdminActions } from '../context';
import { formatTime } from '../store/policy-diff';
import { ErrorLine } from './PolicyView';

/** Whether an event falls in the chosen time range (dates as yyyy-mm-dd, whole days in UTC). */
export function inTimeRange(event: AuditEvent, from: string, to: string): boolean {
  const at = Date.parse(event.at);
  if (from && at < Date.parse(`${from}T00:00:00Z`)) return false;
  if (to && at >= Date.parse(`${to}T00:00:00Z`) + 86_400_000) return false;
  return true;
}

function describe(event: AuditEvent): string {
  const parts = Object.entries(event.detail)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.join(', ');
}

/**
 * The server's audit log, newest first. User and type filter on the server; the time range
 * filters the loaded pages (the API has no time parameter), with "Load older" for more.
 */
export function AuditView() {
  const actions = useAdminActions();
  const audit = useAdmin((s) => s.audit);
  const users = useAdmin((s) => s.users.data?.items ?? []);
  const shown = audit.items.filter((e) => inTimeRange(e, audit.from, audit.to));

  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <h2 id="audit-title" className="admin-h2">
        Audit log
      </h2>
      <div className="admin-filters">
        <select className="select" aria-label="User" value={audit.userId} onChange={(e) => void actions.loadAudit({ userId: e.target.value })}>
          <option value="">All users</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.username}
            </option>
          ))}
        </select>
        <select className="select" aria-label="Event type" value={audit.type} onChange={(e) => void actions.loadAudit({ type: e.target.value as AuditEventType | '' })}>
          <option value="">All events</option>
          {AUDIT_EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <input className="input" type="date" aria-label="From" value={audit.from} onChange={(e) => actions.setAuditTimeFilter(e.target.value, audit.to)} />
        <input className="input" type="date" aria-label="To" value={audit.to} onChange={(e) => actions.setAuditTimeFilter(audit.from, e.target.value)} />
      </div>
      {audit.error && <ErrorLine text={audit.error} />}
      <table className="admin-table" aria-label="Audit events" aria-busy={audit.busy}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">By</th>
            <th scope="col">User</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{formatTime(e.at)}</td>
              <td>{e.type}</td>
              <td>{e.via === 'host-command' ? 'host command' : (e.actorUsername ?? '—')}</td>
              <td>{e.subjectUsername ?? '—'}</td>
              <td className="admin-detail">{describe(e)}</td>
            </tr>
          ))}
          {shown.length === 0 && !audit.busy && (
            <tr>
              <td colSpan={5} className="admin-muted">
                No events match these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {audit.nextCursor && (
        <div className="admin-pager">
          <button type="button" className="btn" disabled={audit.busy} onClick={() => void actions.loadAudit({ more: true })}>
            Load older events
          </button>
        </div>
      )}
    </section>
  );
}
