import { useId } from 'react';
import { AUDIT_EVENT_TYPES, type AuditEventType } from '../../../shared/admin-api';
import { auditTypeLabel, describeAuditDetail } from '../../../shared/admin-audit/audit-words';
import { Icon } from '../../ui/Icon';
import { useAdmin, useAdminActions } from '../context';
import { formatLocalTime, formatUtcTime } from '../store/local-time';
import { ErrorLine } from './PolicyView';

/**
 * The server's audit log, newest first, in words and local time (UTC on hover). Every filter
 * (user, type, and the time range as whole local days) is applied by the server, so each page,
 * "Load older" and the export hold matching events only. Exports are written by main where the
 * save dialog says (issue #15.6).
 */
export function AuditView() {
  const actions = useAdminActions();
  const audit = useAdmin((s) => s.audit);
  const users = useAdmin((s) => s.users.data?.items ?? []);
  const fromId = useId();
  const toId = useId();
  const userId = useId();
  const typeId = useId();
  const shown = audit.items;

  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <h2 id="audit-title" className="admin-h2">
        Audit log
      </h2>
      <div className="admin-filters audit-filters">
        <div className="filter">
          <label className="field-label" htmlFor={userId}>
            User
          </label>
          <select id={userId} className="select" value={audit.userId} onChange={(e) => void actions.loadAudit({ userId: e.target.value })}>
            <option value="">All users</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label className="field-label" htmlFor={typeId}>
            Event type
          </label>
          <select id={typeId} className="select" value={audit.type} onChange={(e) => void actions.loadAudit({ type: e.target.value as AuditEventType | '' })}>
            <option value="">All events</option>
            {AUDIT_EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {auditTypeLabel(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label className="field-label" htmlFor={fromId}>
            From
          </label>
          <input id={fromId} className="input" type="date" value={audit.from} onChange={(e) => void actions.loadAudit({ from: e.target.value })} />
        </div>
        <div className="filter">
          <label className="field-label" htmlFor={toId}>
            To
          </label>
          <input id={toId} className="input" type="date" value={audit.to} onChange={(e) => void actions.loadAudit({ to: e.target.value })} />
        </div>
        <div className="filter filter-actions">
          <button type="button" className="btn" disabled={audit.busy} onClick={() => void actions.exportAudit('csv')}>
            Export CSV
          </button>
          <button type="button" className="btn" disabled={audit.busy} onClick={() => void actions.exportAudit('jsonl')}>
            Export JSON Lines
          </button>
        </div>
      </div>
      <p className="admin-muted">Times are this computer's local time; hover one for UTC. Exports hold every event matching these filters.</p>
      {audit.error && <ErrorLine text={audit.error} />}
      {audit.notice && (
        <p className="admin-notice" role="status">
          <Icon name="check" size={16} /> {audit.notice}
        </p>
      )}
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
              <td className="nowrap">
                <time dateTime={e.at} title={formatUtcTime(e.at)}>
                  {formatLocalTime(e.at)}
                </time>
              </td>
              <td>{auditTypeLabel(e.type)}</td>
              <td>{e.via === 'host-command' ? 'host command' : (e.actorUsername ?? '—')}</td>
              <td>{e.subjectUsername ?? '—'}</td>
              <td className="admin-detail">{describeAuditDetail(e, formatLocalTime)}</td>
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
