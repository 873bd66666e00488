import { useEffect, useRef, useState } from 'react';
import { MFA_STATUSES, type MfaStatus, type User } from '../../../shared/admin-api';
import { Icon } from '../../ui/Icon';
import { useAdmin, useAdminActions } from '../context';
import { formatLocalTime } from '../store/local-time';
import { USERS_PAGE_SIZE } from '../store/admin-store';
import { ResetDialog } from '../users/ResetDialog';
import { ErrorLine } from './PolicyView';
import { EnrollmentFilterSelect, RecoveryCodesCell, RequireMfaButton, UserMfaNotes } from '../recovery/UserMfaExtras';

export const STATUS_LABELS: Record<MfaStatus, string> = { enrolled: 'Enrolled', not_enrolled: 'Not enrolled', pending: 'Pending', locked: 'Locked' };

/** Search waits this long after the last keystroke, so typing "carol" is one request, not five. */
const SEARCH_DEBOUNCE_MS = 300;

/** When a lock ends, in local hours and minutes; the date too when it is not today. */
function lockedUntilText(iso: string | null): string {
  if (!iso) return 'Locked until an admin unlocks it';
  const t = new Date(iso);
  const sameDay = t.toDateString() === new Date().toDateString();
  const hhmm = t.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  return `Locked until ${sameDay ? hhmm : formatLocalTime(iso)}`;
}

/**
 * Users with MFA status badges; search as you type, status filter and cursor pages for thousands
 * of users; Unlock (keeps the authenticator) apart from Reset (removes it, confirmed first).
 */
export function UsersView() {
  const actions = useAdminActions();
  const users = useAdmin((s) => s.users);
  const me = useAdmin((s) => s.user);
  const mode = useAdmin((s) => s.policy.view?.policy);
  const canEdit = me?.permissions.includes('users:edit') ?? false;
  const [search, setSearch] = useState(users.q);
  const [resetting, setResetting] = useState<User | null>(null);
  const [unlockError, setUnlockError] = useState<string | null>(null);
  const data = users.data;
  const page = users.cursors.length;
  const pages = data?.matched !== undefined ? Math.max(1, Math.ceil(data.matched / USERS_PAGE_SIZE)) : null;
  const debounce = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(debounce.current), []);
  function searchAsYouType(value: string) {
    setSearch(value);
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => void actions.loadUsers({ q: value }), SEARCH_DEBOUNCE_MS);
  }
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
      {data?.matched !== undefined && (users.q.trim() || users.status) && (
        <p className="admin-muted" data-testid="users-matched">
          {data.matched === 1 ? '1 user matches' : `${data.matched} users match`} the search and filter.
        </p>
      )}
      <form
        className="admin-filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          window.clearTimeout(debounce.current);
          void actions.loadUsers({ q: search });
        }}
      >
        <input className="input" type="search" aria-label="Search users" placeholder="Search by username" value={search} onChange={(e) => searchAsYouType(e.target.value)} />
        <select className="select" aria-label="MFA status" value={users.status} onChange={(e) => void actions.loadUsers({ status: e.target.value as MfaStatus | '' })}>
          <option value="">All statuses</option>
          {MFA_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <EnrollmentFilterSelect />
      </form>
      {users.error && <ErrorLine text={users.error} />}
      {unlockError && <ErrorLine text={unlockError} />}
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
              <th scope="col">Recovery codes</th>
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
                  {(user.mfa.status === 'locked' || user.mfa.lockedUntil) && (
                    <span className="admin-muted locked-until" data-testid="locked-until">
                      {' '}
                      {lockedUntilText(user.mfa.lockedUntil)}
                    </span>
                  )}
                  <UserMfaNotes user={user} />
                </td>
                <td>{formatLocalTime(user.mfa.lastUsedAt)}</td>
                <td>
                  <RecoveryCodesCell user={user} />
                </td>
                {canEdit && (
                  <td className="row-actions">
                    {user.id === me?.id ? (
                      <span className="admin-muted">You: change your own MFA under My MFA</span>
                    ) : (
                      <>
                        {(user.mfa.status === 'locked' || user.mfa.lockedUntil) && (
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Unlock ${user.username}`}
                            onClick={async () => setUnlockError(await actions.unlockUser(user.id, user.username))}
                          >
                            Unlock
                          </button>
                        )}
                        <RequireMfaButton user={user} onError={setUnlockError} />
                        {user.mfa.status !== 'not_enrolled' && (
                          <button type="button" className="btn btn-small" aria-label={`Reset MFA of ${user.username}`} onClick={() => setResetting(user)}>
                            Reset MFA
                          </button>
                        )}
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {data.items.length === 0 && (
              <tr>
                <td colSpan={canEdit ? 6 : 5} className="admin-muted">
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
        <span className="admin-muted" data-testid="users-page">
          Page {page}
          {pages !== null ? ` of ${pages}` : ''}
        </span>
        <button type="button" className="btn" disabled={!data?.nextCursor || users.busy} onClick={() => void actions.loadUsers({ page: 'next' })}>
          Next
        </button>
      </div>
      {resetting && <ResetDialog user={resetting} required={required} onClose={() => setResetting(null)} />}
    </section>
  );
}
