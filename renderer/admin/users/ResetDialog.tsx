import { useCallback, useId, useState } from 'react';
import type { User } from '../../../shared/admin-api';
import { Dialog } from '../../ui/Dialog';
import { CodeField } from '../code/CodeField';
import { useVaultCode } from '../code/use-vault-code';
import { useAdmin, useAdminActions } from '../context';
import { ErrorLine } from '../views/PolicyView';

/**
 * Confirms a reset, naming the user and what it does. Resetting weakens their account, so the
 * server asks for the admin's own current code (step-up): the field follows the vault account
 * linked to this server, and the dialog says so before sending when the admin is not enrolled.
 */
export function ResetDialog({ user, required, onClose }: { user: User; required: boolean; onClose: () => void }) {
  const actions = useAdminActions();
  const callerEnrolled = useAdmin((s) => s.myMfa.data?.enrolled ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');
  const setFollowed = useCallback((value: string) => setCode(value), []);
  const follow = useVaultCode(callerEnrolled !== false, code, setFollowed);
  const statusId = useId();
  const clean = code.replace(/\s+/g, '');
  const reason =
    callerEnrolled === false
      ? 'Resetting removes protection, so the server asks for a current code from your own authenticator. Enroll yourself under My MFA first.'
      : follow.waiting
        ? 'Waiting for the next code: the server already took the current one.'
        : !/^\d{6}$/.test(clean)
          ? clean
            ? `The code must be exactly 6 digits (you entered ${clean.length}).`
            : 'Enter your current authenticator code: resetting removes protection.'
          : null;
  return (
    <Dialog
      title={`Reset MFA of ${user.username}?`}
      role="alertdialog"
      onClose={onClose}
      // A destructive confirmation starts on Cancel; the code field below is already filled from the vault.
      initialFocus=".dialog-footer .btn:not(.btn-danger)"
      onSubmit={async () => {
        if (reason) return;
        setBusy(true);
        const failure = await actions.resetUser(user.id, user.username, clean);
        setBusy(false);
        if (failure) setError(failure);
        else onClose();
      }}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || reason !== null} aria-describedby={reason ? statusId : undefined}>
            {busy ? 'Resetting…' : 'Reset MFA'}
          </button>
        </>
      }
    >
      <p>
        {user.username}'s authenticator stops working now, and any lockout is cleared. They must enroll again
        {required ? ': the policy is Required, so they are asked to enroll at their next sign-in.' : ' (the policy does not require it, so only if they choose to).'}
        {user.mfa.status === 'locked' ? ' To let them back in with the authenticator they have, use Unlock instead.' : ''}
      </p>
      {callerEnrolled !== false && <CodeField label="Your authenticator code" value={code} follow={follow} testId="reset-code-source" />}
      {reason && (
        <p id={statusId} className="field-hint" data-testid="reset-reason">
          {reason}
        </p>
      )}
      {error && <ErrorLine text={error} />}
    </Dialog>
  );
}
