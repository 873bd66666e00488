import { useState } from 'react';
import { ENROLLMENT_FILTERS, RECOVERY_CODE_RULES, type EnrollmentFilter, type User } from '../../../shared/admin-api';
import { useAdmin, useAdminActions } from '../context';
import { formatLocalTime } from '../store/local-time';

const ENROLLMENT_LABELS: Record<EnrollmentFilter, string> = { overdue: 'Enrollment overdue', 'due-within-7-days': 'Enrollment due within 7 days' };

/** The users list's filter by enrollment deadline (grace period under Required). */
export function EnrollmentFilterSelect() {
  const actions = useAdminActions();
  const value = useAdmin((s) => s.usersEnrollment);
  return (
    <select className="select" aria-label="Enrollment deadline" value={value} onChange={(e) => void actions.loadUsers({ enrollment: e.target.value as EnrollmentFilter | '' })}>
      <option value="">Any deadline</option>
      {ENROLLMENT_FILTERS.map((f) => (
        <option key={f} value={f}>
          {ENROLLMENT_LABELS[f]}
        </option>
      ))}
    </select>
  );
}

/** Under the status badge: "Required" for a per-user requirement, and the enrollment deadline. */
export function UserMfaNotes({ user }: { user: User }) {
  return (
    <>
      {user.mfa.required && <span className="badge badge-pending"> Required for this user</span>}
      {user.mfa.enrollBy && (
        <span className="admin-muted" data-testid="enroll-by">
          {' '}
          Enrollment deadline {formatLocalTime(user.mfa.enrollBy)}
        </span>
      )}
    </>
  );
}

/** Recovery codes left, with a warning at 2 or fewer; a dash while not enrolled. */
export function RecoveryCodesCell({ user }: { user: User }) {
  const left = user.mfa.recoveryCodesRemaining;
  if (left === null || left === undefined) return <span className="admin-muted">—</span>;
  const low = left <= RECOVERY_CODE_RULES.warnAtOrBelow;
  return (
    <span className={low ? 'recovery-low' : undefined} data-testid="recovery-remaining">
      {left}
      {low ? ' left: ask them to get new codes' : ''}
    </span>
  );
}

/** "Require MFA" / "Stop requiring" for one user; the server re-checks permission and step-up. */
export function RequireMfaButton({ user, onError }: { user: User; onError: (message: string | null) => void }) {
  const actions = useAdminActions();
  const [busy, setBusy] = useState(false);
  const required = user.mfa.required;
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-pressed={required}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        onError(await actions.setUserRequired(user.id, user.username, !required));
        setBusy(false);
      }}
    >
      {required ? `Stop requiring MFA for ${user.username}` : `Require MFA for ${user.username}`}
    </button>
  );
}
