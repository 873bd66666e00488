import { useState } from 'react';
import { MFA_STATUSES, type MfaStatus, type User } from '../../../shared/admin-api';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { useAdmin, useAdminActions } from '../context';
import { formatTime } from '../store/policy-diff';
import { ErrorLine } from './PolicyView';

export const STATUS_LABELS: Record<MfaStatus, string> = { enrolled: 'Enrolled', not_enrolled: 'Not enrolled', pending: 'Pending', locked: 'Locked' };

/** Users with MFA status badges; search, status filter and cursor pages for thousands of users. */
export function UsersView() {
  const actions = useAdminActions();
  const users = useAdmin((s) => s.users);
  const me = useAdmin((s) => s.user);
  const mode = useAdmin((s) => s.policy.view?.policy);
  const canEdit = me?.permissions.includes('users:edit') ?? false;
  const [search, setSearch] = useState(users.q);
  const [resetting, setResetting] = useState<User | null>(null);
  const data = users.data;
  const page = users.cursors.length;
  const required = mode ? mode.enabled && mode.enforcementMode === 'Required' : false;

  return (
    <section className="admin-section" aria-labelledby="users-title">
      <h2 id="users-title" className="admin-h2">
        Users
      </h2>
      {data && (
        <p className="admin-muted" data-testid="users-summary">
          {data.summary.total} users · {data.summary.enrolled} enrolled · {data.summary.serverAdminsEnrolled} Server Admin{data.summary.serverAdminsEnrolled === 1 ? '' : 's'} enrolled
        </p>
      )}
      <form
        className="admin-filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void actions.loadUsers({ q: search });
        }}
      >
        <input className="input" type="search" aria-label="Search users" placeholder="Search by username" value={search} onChange={(e) => setSearch(e.target.value)} />
        <select className="select" aria-label="MFA status" value={users.status} onChange={(e) => void actions.loadUsers({ status: e.target.value as MfaStatus | '' })}>
          <option value="">All statuses</option>
          {MFA_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <button type="submit" className="btn">
          Search
        </button>
      </form>
      {users.error && <ErrorLine text={users.error} />}
      {users.notice && (
        <p className="admin-notice" role="status">
          <Icon name="check" size={16} /> {users.notice}
        </p>
      )}
      {data && (
        <table className="admin-table" aria-label="Users" aria-busy={users.busy}>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">MFA</th>
              <th scope="col">Last MFA use</th>
              {canEdit && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {data.items.map((user) => (
              <tr key={user.id}>
                <td>{user.username}</td>
                <td>{user.isServerAdmin ? 'Server Admin' : user.permissions.length ? `Member (${user.permissions.join(', ')})` : 'Member'}</td>
                <td>
                  <span className={`badge badge-${user.mfa.status}`}>{STATUS_LABELS[user.mfa.status]}</span>
                </td>
                <td>{formatTime(user.mfa.lastUsedAt)}</td>
                {canEdit && (
                  <td>
                    {user.id !== me?.id && user.mfa.status !== 'not_enrolled' && (
                      <button type="button" className="btn btn-danger btn-small" aria-label={`Reset MFA of ${user.username}`} onClick={() => setResetting(user)}>
                        Reset MFA
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {data.items.length === 0 && (
              <tr>
                <td colSpan={canEdit ? 5 : 4} className="admin-muted">
                  No user matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <div className="admin-pager">
        <button type="button" className="btn" disabled={page <= 1 || users.busy} onClick={() => void actions.loadUsers({ page: 'previous' })}>
          Previous
        </button>
        <span className="admin-muted">Page {page}</span>
        <button type="button" className="btn" disabled={!data?.nextCursor || users.busy} onClick={() => void actions.loadUsers({ page: 'next' })}>
          Next
        </button>
      </div>
      {resetting && <ResetDialog user={resetting} required={required} onClose={() => setResetting(null)} />}
    </section>
  );
}

function ResetDialog({ user, required, onClose }: { user: User; required: boolean; onClose: () => void }) {
  const actions = useAdminActions();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title={`Reset MFA of ${user.username}?`}
      role="alertdialog"
      onClose={onClose}
      onSubmit={async () => {
        setBusy(true);
        const failure = await actions.resetUser(user.id, user.username);
        setBusy(false);
        if (failure) setError(failure);
        else onClose();
      }}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {busy ? 'Resetting…' : 'Reset MFA'}
          </button>
        </>
      }
    >
      <p>
        {user.username}'s authenticator stops working now, and any lockout is cleared. They must enroll again
        {required ? ': the policy is Required, so they are asked to enroll at their next sign-in.' : ' (the policy does not require it, so only if they choose to).'}
      </p>
      {error && <ErrorLine text={error} />}
    </Dialog>
  );
}
