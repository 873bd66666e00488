import { AUDIT_EVENT_TYPES, type AuditEvent, type AuditEventType } from '../../../shared/admin-api';
import { useAdmin, useAdminActions } from '../context';
import { formatTime } from '../store/policy-diff';
import { ErrorLine } from './PolicyView';

function describe(event: AuditEvent): string {
  const parts = Object.entries(event.detail)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.join(', ');
}

/**
 * The server's audit log, newest first. Every filter (user, type, and the time range as whole
 * UTC days) is applied by the server, so each page and "Load older" hold matching events only.
 */
export function AuditView() {
  const actions = useAdminActions();
  const audit = useAdmin((s) => s.audit);
  const users = useAdmin((s) => s.users.data?.items ?? []);
  const shown = audit.items;

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
        <input className="input" type="date" aria-label="From" value={audit.from} onChange={(e) => void actions.loadAudit({ from: e.target.value })} />
        <input className="input" type="date" aria-label="To" value={audit.to} onChange={(e) => void actions.loadAudit({ to: e.target.value })} />
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
